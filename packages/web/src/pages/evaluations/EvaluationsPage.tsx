import { useState } from 'react';
import { Link } from 'wouter';
import type { EvaluationStatus } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { bestVersion, percent } from './evaluation-format';
import './evaluations.css';

const PAGE_SIZE = 50;
/** While an evaluation on the first page runs, the page is read again this often. */
const REFRESH_MS = 3000;

/** The evaluation statuses (a local list: importing @assay/schema at runtime would pull zod into the bundle). */
const STATUSES: readonly EvaluationStatus[] = ['running', 'completed', 'failed', 'cancelled'];

/** The workspace's evaluations, newest first: which workflow, which versions, how they are doing, the best score. */
export function EvaluationsPage() {
  const { can } = useSession();
  const [status, setStatus] = useState<EvaluationStatus | ''>('');
  // Running evaluations move on (their rows are scored as their runs finish, which no event says):
  // the first page is read again while one of them runs; not once older pages are open.
  const evaluations = useCursorQuery(
    keys.evaluations.list({ status }),
    (lt) => api.evaluations.list({ limit: PAGE_SIZE, lt, status: status || undefined }),
    { refetchInterval: (items) => (items.some((evaluation) => evaluation.status === 'running') ? REFRESH_MS : false) },
  );

  return (
    <div>
      <PageHeader title="Evaluations">
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value as EvaluationStatus | '')}
          style={{ width: 'auto' }}
        >
          <option value="">Any status</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <button onClick={evaluations.reload}>Refresh</button>
        {can.run && (
          <Link className="button primary" href="/evaluations/new">
            New evaluation
          </Link>
        )}
      </PageHeader>
      <p className="muted">
        An evaluation runs every row of a dataset on several versions of a workflow, scores each output against what was expected, and
        compares the versions.
      </p>
      <ErrorNote error={evaluations.error} />
      <table className="table" data-testid="evaluation-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Workflow</th>
            <th>Versions</th>
            <th>Rows</th>
            <th>Status</th>
            <th>Best score</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {evaluations.items.map((evaluation) => {
            const best = bestVersion(evaluation);
            return (
              <tr key={evaluation.id} data-testid={`evaluation-${evaluation.id}`}>
                <td>
                  <Link href={`/evaluations/${evaluation.id}`}>{evaluation.name}</Link>
                </td>
                <td>
                  <Link href={`/workflows/${evaluation.workflowId}`}>{evaluation.workflowName}</Link>
                </td>
                <td>{evaluation.versions.map((version) => `v${version.version}`).join(', ')}</td>
                <td>{evaluation.rows}</td>
                <td>
                  <StatusBadge status={evaluation.status} />
                </td>
                <td>
                  {best ? (
                    <>
                      <strong>{percent(best.score)}</strong> <span className="muted">v{best.version}</span>
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td title={evaluation.createdAt}>
                  {timeAgo(evaluation.createdAt)} <span className="muted">{shortTime(evaluation.createdAt)}</span>
                </td>
              </tr>
            );
          })}
          {!evaluations.loading && evaluations.items.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                No evaluations yet.{' '}
                {can.run && (
                  <>
                    <Link href="/evaluations/new">Start one</Link> to compare versions of a workflow on the same rows.
                  </>
                )}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row eval-pager">
        {evaluations.loading && <span className="muted">Loading…</span>}
        {evaluations.hasOlder && !evaluations.loading && <button onClick={evaluations.older}>Older</button>}
      </div>
    </div>
  );
}
