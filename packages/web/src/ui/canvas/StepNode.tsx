import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepNode as StepNodeType } from './graph';
import './canvas.css';

/**
 * What a node shows besides its step: set by the editor (family, validation errors) or by the run
 * page (live status, duration, attempts).
 */
export interface StepNodeExtras {
  family?: string;
  /** Validation errors of this step, shown on the node before saving. */
  errors?: string[];
  /** Validation warnings (fields a referenced value cannot have): counted on the node. */
  warnings?: string[];
  /** One line about the step's latest output in the editor (`✓ 12 records in rows`). */
  output?: string;
  /** The step's status in a run. */
  status?: string;
  /** A short line under the title (a run's duration and attempts). */
  note?: string;
}

export type StepNodeProps = NodeProps<StepNodeType & { data: StepNodeExtras }>;

/**
 * One step on the canvas. Memoised: with hundreds of nodes, only changed ones re-render. Texts wrap
 * to two lines and then end in an ellipsis; the full text is always in the tooltip, so no label is
 * ever lost. Flow runs top to bottom: inputs on top, outputs below (as the auto-layout places them).
 */
export const StepNodeView = memo(function StepNodeView({ id, data, selected }: StepNodeProps) {
  const errors = data.errors ?? [];
  const warnings = data.warnings ?? [];
  const classes = [
    'step-node',
    data.family ? `family-${data.family}` : '',
    selected ? 'selected' : '',
    errors.length > 0 ? 'has-error' : '',
    data.status ? `status-${data.status}` : '',
  ];
  const title = data.step.label || id;
  const subtitle = `${data.step.type}${data.step.label ? ` · ${id}` : ''}`;
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} data-status={data.status ?? ''} data-errors={errors.length}>
      <Handle type="target" position={Position.Top} />
      <div className="title" title={title}>
        {title}
      </div>
      <div className="type" title={subtitle}>
        {subtitle}
      </div>
      {data.status && (
        <div className="type">
          {data.status}
          {data.note ? ` · ${data.note}` : ''}
        </div>
      )}
      {errors.slice(0, 2).map((error, index) => (
        <div className="node-error" key={index} title={error}>
          {error}
        </div>
      ))}
      {errors.length > 2 && <div className="node-error">+{errors.length - 2} more</div>}
      {warnings.length > 0 && (
        <div className="node-warning" title={warnings.join('\n')}>
          ⚠ {warnings.length === 1 ? warnings[0] : `${warnings.length} warnings`}
        </div>
      )}
      {data.output && (
        <div className={`node-output${data.output.startsWith('✗') ? ' failed' : ''}`} data-testid={`node-output-${id}`} title={data.output}>
          {data.output}
        </div>
      )}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
});

export const nodeTypes = { step: StepNodeView };
