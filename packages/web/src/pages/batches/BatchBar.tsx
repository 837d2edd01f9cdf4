import type { Batch } from '@assay/schema';

/** The batch's runs as a bar: completed (done), failed or cancelled (bad), running or waiting (busy); the rest is queued. */
export function BatchBar({ batch, className = '' }: { batch: Pick<Batch, 'total' | 'counts'>; className?: string }) {
  const { counts, total } = batch;
  const share = (count: number) => `${total > 0 ? (count / total) * 100 : 0}%`;
  return (
    <div
      className={`progress ${className}`}
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={counts.completed + counts.failed + counts.cancelled}
    >
      <div className="done" style={{ width: share(counts.completed) }} title={`${counts.completed} completed`} />
      <div
        className="bad"
        style={{ width: share(counts.failed + counts.cancelled) }}
        title={`${counts.failed} failed, ${counts.cancelled} cancelled`}
      />
      <div
        className="busy"
        style={{ width: share(counts.running + counts.waiting) }}
        title={`${counts.running} running, ${counts.waiting} waiting`}
      />
    </div>
  );
}
