import { useState } from 'react';
import { Link } from 'wouter';
import type { BatchStatus } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { shortId, shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { useWorkflows } from '../../ui/use-workflows';
import { BatchBar } from './BatchBar';
import './batches.css';

const PAGE_SIZE = 50;

/** The batch statuses (a local list: importing @assay/schema at runtime would pull zod into the bundle). */
const BATCH_STATUSES: readonly BatchStatus[] = ['running', 'completed', 'cancelled'];

/** The workspace's batches, newest first, with their progress. */
export function BatchesPage() {
  const { can } = useSession();
  const { nameOf, error: workflowsError } = useWorkflows();
  const [status, setStatus] = useState<BatchStatus | ''>('');
  // Created, finishing and finished batches show up by themselves (live events invalidate the lists).
  const batches = useCursorQuery(keys.batches.list({ status }), (lt) =>
    api.batches.list({ limit: PAGE_SIZE, lt, status: status || undefined }),
  );

  return (
    <div>
      <PageHeader title="Batches">
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as BatchStatus | '')}
          style={{ width: 'auto' }}
        >
          <option value="">Any status</option>
          {BATCH_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button onClick={batches.reload}>Refresh</button>
        {can.run && (
          <Link className="button primary" href="/batches/new">
            New batch
          </Link>
        )}
      </PageHeader>
      <ErrorNote error={batches.error ?? workflowsError} />
      <table className="table" data-testid="batch-list">
        <thead>
          <tr>
            <th>Batch</th>
            <th>Workflow</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Counts</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {batches.items.map((batch) => (
            <tr key={batch.id}>
              <td>
                <Link href={`/batches/${batch.id}`}>
                  <code>{shortId(batch.id)}</code>
                </Link>{' '}
                <span className="muted">{batch.source}</span>
              </td>
              <td>
                <Link href={`/workflows/${batch.workflowId}`}>{nameOf(batch.workflowId)}</Link>
              </td>
              <td>
                <StatusBadge status={batch.status} />
              </td>
              <td>
                <BatchBar batch={batch} className="batch-progress-small" />
              </td>
              <td>
                {batch.counts.completed + batch.counts.failed + batch.counts.cancelled}/{batch.total} done
                {batch.counts.failed > 0 && <span className="muted"> · {batch.counts.failed} failed</span>}
              </td>
              <td title={batch.createdAt}>
                {timeAgo(batch.createdAt)} <span className="muted">{shortTime(batch.createdAt)}</span>
              </td>
            </tr>
          ))}
          {!batches.loading && batches.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No batches yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row batch-pager">
        {batches.loading && <span className="muted">Loading…</span>}
        {batches.hasOlder && !batches.loading && <button onClick={batches.older}>Older</button>}
      </div>
    </div>
  );
}
