import type { StepRun } from '@assay/schema';
import { duration } from '../../ui/format';
import type { StepNode } from '../../ui/canvas/graph';
import type { StepNodeExtras } from '../../ui/canvas/StepNode';

export type RunNode = StepNode & { data: StepNodeExtras };

/** The line under a step's title on the run canvas: how long it took and, when retried, its attempts. */
export function stepNote(step: StepRun | undefined): string {
  if (!step) return '';
  const parts: string[] = [];
  if (step.durationMs !== null) parts.push(duration(step.durationMs));
  if (step.attempts > 1) parts.push(`${step.attempts} attempts`);
  return parts.join(' · ');
}

/**
 * Decorates the definition's nodes with the run's step statuses, reusing the previous node object
 * of every step whose status, note and selection did not change. React Flow and the memoised node
 * view then re-render only the steps an event touched: a 200-step run stays smooth.
 */
export function decorateNodes(
  base: readonly StepNode[],
  steps: readonly StepRun[],
  selectedId: string | null,
  previous: ReadonlyMap<string, RunNode>,
): RunNode[] {
  const byId = new Map(steps.map((step) => [step.id, step]));
  return base.map((node) => {
    const step = byId.get(node.id);
    const status = step?.status ?? 'pending';
    const note = stepNote(step);
    const selected = node.id === selectedId;
    const old = previous.get(node.id);
    if (old && old.data.status === status && old.data.note === note && Boolean(old.selected) === selected && old.position === node.position)
      return old;
    return { ...node, selected, data: { ...node.data, status, note } };
  });
}
