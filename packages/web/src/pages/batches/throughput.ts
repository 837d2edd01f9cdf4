import type { Run } from '@assay/schema';

export interface ThroughputPoint {
  /** The end of the interval, in seconds since the batch started. */
  t: number;
  /** Runs finished so far, by how they ended. */
  completed: number;
  failed: number;
  cancelled: number;
  /** Runs finished in this interval, per second. */
  rate: number;
}

/** Intervals drawn at most: enough for a smooth line, few enough to read. */
const MAX_INTERVALS = 60;

/**
 * Finished runs over time since the batch started, in up to 60 equal intervals: the cumulative
 * count by status and the rate in each interval (runs per second, as the batch's figures say it).
 */
export function throughputSeries(startedAt: number, runs: ReadonlyArray<Pick<Run, 'status' | 'completedAt'>>): ThroughputPoint[] {
  const finished = runs
    .filter((run) => run.completedAt && (run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled'))
    .map((run) => ({ at: Math.max(0, Date.parse(run.completedAt as string) - startedAt), status: run.status }))
    .sort((a, b) => a.at - b.at);
  const last = finished[finished.length - 1];
  if (!last) return [];
  const intervals = Math.min(MAX_INTERVALS, Math.max(1, finished.length));
  const width = Math.max(1, last.at / intervals);
  const points: ThroughputPoint[] = [{ t: 0, completed: 0, failed: 0, cancelled: 0, rate: 0 }];
  const totals = { completed: 0, failed: 0, cancelled: 0 };
  let next = 0;
  for (let interval = 1; interval <= intervals; interval++) {
    const end = interval === intervals ? last.at : interval * width;
    let count = 0;
    while (next < finished.length && (finished[next] as { at: number }).at <= end) {
      totals[(finished[next] as { status: keyof typeof totals }).status]++;
      next++;
      count++;
    }
    points.push({ t: end / 1000, ...totals, rate: (count * 1000) / width });
  }
  return points;
}
