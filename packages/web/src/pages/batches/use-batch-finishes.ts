import { useEffect, useState } from 'react';
import type { Run } from '@assay/schema';
import { api } from '../../api';

/** Finished runs read for the chart at most: a bigger batch is drawn from its first ones. */
export const MAX_FINISHED = 3000;
const PAGE = 1000;
/** While the batch is in progress the chart is read again this often. */
const REFRESH_MS = 5000;

type Finish = Pick<Run, 'status' | 'completedAt'>;

/** The finish time and status of the batch's finished runs (at most MAX_FINISHED), kept fresh while it runs. */
export function useBatchFinishes(batchId: string, inProgress: boolean) {
  const [finishes, setFinishes] = useState<{ runs: Finish[]; partial: boolean } | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!inProgress) return;
    const timer = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [inProgress]);
  useEffect(() => {
    let stopped = false;
    void (async () => {
      const runs: Finish[] = [];
      let cursor: string | undefined;
      let more = true;
      try {
        while (more && runs.length < MAX_FINISHED && !stopped) {
          const page = await api.batches.runs(batchId, {
            limit: PAGE,
            direction: 'asc',
            gt: cursor,
            status: ['completed', 'failed', 'cancelled'],
          });
          runs.push(...page.data.map((run) => ({ status: run.status, completedAt: run.completedAt })));
          cursor = page.nextCursor ?? undefined;
          more = page.hasMore && cursor !== undefined;
        }
        if (!stopped) setFinishes({ runs, partial: more });
      } catch {
        // The chart is a view on top of the counts above it: a failed read leaves the last one drawn.
      }
    })();
    return () => {
      stopped = true;
    };
  }, [batchId, inProgress, tick]);
  return finishes;
}
