import { lazy, Suspense } from 'react';
import { Link } from 'wouter';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { useWorkflows } from '../../ui/use-workflows';
import { shortId, shortTime } from '../../ui/run-time';
import { describeBudget, describeCost } from '../../ui/BudgetForm';
import { BatchActions } from './BatchActions';
import { BatchBudgetNote } from './BatchBudgetNote';
import { BatchProgress } from './BatchProgress';
import { BatchResults } from './BatchResults';
import { finishedOf, useBatchProgress } from './use-batch-progress';
import './batches.css';

// The chart library loads with the chart, after the batch's figures are on screen.
const BatchThroughputChart = lazy(() => import('./BatchThroughputChart').then((m) => ({ default: m.BatchThroughputChart })));

/** One batch, live: progress, counts, rate and its runs' results; export, retry the failed, cancel. */
export function BatchPage({ batchId }: { batchId: string }) {
  // Keyed: another batch starts with fresh samples and result pages.
  return <BatchView key={batchId} batchId={batchId} />;
}

function BatchView({ batchId }: { batchId: string }) {
  const { batch, error, rate, follow } = useBatchProgress(batchId);
  const { nameOf } = useWorkflows();
  if (!batch) return error ? <ErrorNote error={error} /> : <div className="muted">Loading…</div>;
  return (
    <div>
      <PageHeader
        title={
          <>
            Batch <code>{shortId(batch.id)}</code>{' '}
            <span data-testid="batch-status">
              <StatusBadge status={batch.status} />
            </span>
          </>
        }
      >
        <BatchActions batch={batch} onChanged={follow} />
      </PageHeader>
      <ErrorNote error={error} />
      <p className="muted">
        <Link href={`/workflows/${batch.workflowId}`}>{nameOf(batch.workflowId)}</Link> version {batch.workflowVersion} · from{' '}
        {batch.source} · created {shortTime(batch.createdAt)}
        {batch.concurrency !== null && <> · at most {batch.concurrency} at once</>}
        {(batch.budget || batch.cost.tokens > 0) && (
          <>
            {' '}
            · model calls <span data-testid="batch-cost">{describeCost(batch.cost)}</span>
            {batch.budget && <> of {describeBudget(batch.budget)}</>}
          </>
        )}{' '}
        · <Link href={`/runs?batchId=${batch.id}`}>open in the runs list</Link>
        {batch.status === 'cancelled' && batch.completedAt === null && <> · cancelled: runs already running are finishing</>}
      </p>
      <BatchBudgetNote batch={batch} onChanged={follow} />
      <BatchProgress batch={batch} rate={rate} />
      {batch.startedAt && finishedOf(batch) > 0 && (
        <Suspense fallback={null}>
          <BatchThroughputChart batchId={batch.id} startedAt={batch.startedAt} inProgress={batch.completedAt === null} />
        </Suspense>
      )}
      {batch.invalidCount > 0 && (
        <details className="card">
          <summary>{batch.invalidCount} rows were refused and did not run</summary>
          <ul>
            {batch.invalid.map((row, index) => (
              <li key={index}>
                row {row.row}, <code>{row.field}</code>: {row.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <h2>Results</h2>
      <BatchResults batchId={batch.id} version={finishedOf(batch)} />
    </div>
  );
}
