import type { Batch } from '@assay/schema';
import { duration } from '../../ui/format';
import { elapsedMs } from '../../ui/run-time';
import { BatchBar } from './BatchBar';
import { finishedOf } from './use-batch-progress';

const COUNTS = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'] as const;

/** The batch's progress bar, counts per status, rate and elapsed time. */
export function BatchProgress({ batch, rate }: { batch: Batch; rate: number | null }) {
  const finished = finishedOf(batch);
  const running = batch.completedAt === null;
  // While running: the recent rate; once finished, the batch's average.
  const shownRate = running ? rate : batch.throughput;
  return (
    <section className="card">
      <BatchBar batch={batch} />
      <div className="batch-stats" data-testid="batch-counts">
        <div>
          <strong>
            {finished}/{batch.total}
          </strong>
          <span>finished ({Math.round(batch.progress * 100)}%)</span>
        </div>
        {COUNTS.map((status) => (
          <div key={status} data-count={status}>
            <strong>{batch.counts[status]}</strong>
            <span>{status}</span>
          </div>
        ))}
        <div>
          <strong>{shownRate === null ? '—' : shownRate.toFixed(shownRate < 10 ? 2 : 0)}</strong>
          <span>runs/s {running ? '(last 10 s)' : '(average)'}</span>
        </div>
        <div>
          <strong>{duration(elapsedMs(batch.startedAt ?? batch.createdAt, batch.completedAt))}</strong>
          <span>elapsed</span>
        </div>
      </div>
    </section>
  );
}
