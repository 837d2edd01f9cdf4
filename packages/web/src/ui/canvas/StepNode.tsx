import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepNode as StepNodeType } from './graph';

/**
 * What a node shows besides its step: set by the editor (family, validation errors) or by the run
 * page (live status, duration, attempts).
 */
export interface StepNodeExtras {
  family?: string;
  /** Validation errors of this step, shown on the node before saving. */
  errors?: string[];
  /** The step's status in a run. */
  status?: string;
  /** A short line under the title (a run's duration and attempts). */
  note?: string;
}

export type StepNodeProps = NodeProps<StepNodeType & { data: StepNodeExtras }>;

/** One step on the canvas. Memoised: with hundreds of nodes, only changed ones re-render. */
export const StepNodeView = memo(function StepNodeView({ id, data, selected }: StepNodeProps) {
  const errors = data.errors ?? [];
  const classes = [
    'step-node',
    data.family ? `family-${data.family}` : '',
    selected ? 'selected' : '',
    errors.length > 0 ? 'has-error' : '',
    data.status ? `status-${data.status}` : '',
  ];
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-status={data.status ?? ''} data-errors={errors.length}>
      <Handle type="target" position={Position.Left} />
      <div className="title">{data.step.label || id}</div>
      <div className="type">
        {data.step.type}
        {data.step.label ? ` · ${id}` : ''}
      </div>
      {data.status && (
        <div className="type">
          {data.status}
          {data.note ? ` · ${data.note}` : ''}
        </div>
      )}
      {errors.slice(0, 2).map((error, index) => (
        <div className="node-error" key={index}>
          {error}
        </div>
      ))}
      <Handle type="source" position={Position.Right} />
    </div>
  );
});

export const nodeTypes = { step: StepNodeView };
