import type { Run, RunStatus } from '@assay/schema';

export interface DurationPoint {
  /** When the run was created (ms since the epoch). */
  x: number;
  /** How long it ran, in seconds. */
  y: number;
  id: string;
}

/**
 * The listed runs that have a duration (started and finished, or started and still going), as one
 * series per status in a fixed order so each status keeps its colour and place in the legend.
 */
export function durationSeries(runs: ReadonlyArray<Pick<Run, 'id' | 'status' | 'createdAt' | 'startedAt' | 'completedAt'>>, now: number) {
  const order: RunStatus[] = ['completed', 'failed', 'cancelled', 'running', 'waiting'];
  const byStatus = new Map<RunStatus, DurationPoint[]>();
  for (const run of runs) {
    if (!run.startedAt) continue;
    const end = run.completedAt ? Date.parse(run.completedAt) : now;
    const point = { x: Date.parse(run.createdAt), y: Math.max(0, end - Date.parse(run.startedAt)) / 1000, id: run.id };
    byStatus.set(run.status, [...(byStatus.get(run.status) ?? []), point]);
  }
  return order.filter((status) => byStatus.has(status)).map((status) => ({ status, points: byStatus.get(status) ?? [] }));
}
