import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { ApprovalStatus } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { shortId, shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { deciderLabel, inboxPath, timeLeft, timeoutIsNear } from './approval-text';
import { useNow } from './use-now';
import './approvals.css';

const PAGE_SIZE = 50;

/** The Inbox's tabs: pending first (the default), then each decided status, then everything. */
const TABS: readonly { status: ApprovalStatus | 'all'; label: string }[] = [
  { status: 'pending', label: 'Pending' },
  { status: 'approved', label: 'Approved' },
  { status: 'rejected', label: 'Rejected' },
  { status: 'expired', label: 'Expired' },
  { status: 'all', label: 'All' },
];

/** Ids are 24 lower-case hex characters; the API refuses anything else with a 400. */
const ID = /^[0-9a-f]{24}$/;

/** The Inbox: runs waiting for a person's decision (pending by default), newest first. */
export function InboxPage() {
  // A link such as /inbox?status=approved or /inbox?runId=… starts a fresh list with that filter.
  const search = useSearch();
  return <InboxList key={search} query={new URLSearchParams(search)} />;
}

function tabHref(status: ApprovalStatus | 'all', runId: string | null): string {
  const query = new URLSearchParams();
  if (status !== 'pending') query.set('status', status);
  if (runId) query.set('runId', runId);
  const text = query.toString();
  return text ? `/inbox?${text}` : '/inbox';
}

function InboxList({ query }: { query: URLSearchParams }) {
  const tab = TABS.find((t) => t.status === query.get('status'))?.status ?? 'pending';
  const runId = ID.test(query.get('runId') ?? '') ? query.get('runId') : null;
  const [mine, setMine] = useState(false);
  const now = useNow();

  // New requests and decisions (here or elsewhere) show up by themselves: the live events invalidate
  // the approvals lists while only the first page is open.
  const approvals = useCursorQuery(keys.approvals.list({ tab, runId, mine }), (lt) =>
    api.approvals.list({
      limit: PAGE_SIZE,
      lt,
      status: tab === 'all' ? undefined : tab,
      runId: runId ?? undefined,
      mine: mine || undefined,
    }),
  );

  return (
    <div className="inbox-page">
      <PageHeader title="Inbox">
        <button onClick={approvals.reload}>Refresh</button>
      </PageHeader>
      <div className="tabs" role="tablist" aria-label="Approval status">
        {TABS.map((t) => (
          <Link
            key={t.status}
            href={tabHref(t.status, runId)}
            className={t.status === tab ? 'active' : ''}
            role="tab"
            aria-selected={t.status === tab}
          >
            {t.label}
          </Link>
        ))}
      </div>
      <div className="row inbox-filters">
        <label className="inline">
          <input type="checkbox" name="mine" checked={mine} onChange={(e) => setMine(e.target.checked)} />
          Only those I may decide
        </label>
        {runId && (
          <span className="muted">
            Run <code>{shortId(runId)}</code> only · <Link href={tabHref(tab, null)}>every run</Link>
          </span>
        )}
      </div>
      <ErrorNote error={approvals.error} />
      <table className="table" data-testid="approval-list">
        <thead>
          <tr>
            <th>Approval</th>
            <th>Workflow</th>
            <th>Run</th>
            <th>Requested</th>
            <th>{tab === 'pending' ? 'Time left' : 'Outcome'}</th>
          </tr>
        </thead>
        <tbody>
          {approvals.items.map((approval) => (
            <tr key={approval.id} data-testid={`approval-row-${approval.runId}-${approval.stepId}`} data-status={approval.status}>
              <td>
                <Link href={inboxPath(approval.runId, approval.stepId)} className="approval-link">
                  {approval.title}
                </Link>
                {approval.status === 'pending' && !approval.canDecide && <span className="muted approval-tag">view only</span>}
              </td>
              <td>
                <Link href={`/workflows/${approval.workflowId}`}>{approval.workflowName}</Link>
              </td>
              <td>
                <Link href={`/runs/${approval.runId}`}>
                  <code>{shortId(approval.runId)}</code>
                </Link>{' '}
                <span className="muted">
                  <code>{approval.stepId}</code>
                </span>
              </td>
              <td title={approval.requestedAt}>
                {timeAgo(approval.requestedAt)} <span className="muted">{shortTime(approval.requestedAt)}</span>
              </td>
              <td title={approval.status === 'pending' ? approval.timeoutAt : (approval.decision?.decidedAt ?? approval.timeoutAt)}>
                {approval.status === 'pending' ? (
                  <span className={timeoutIsNear(approval.timeoutAt, now) ? 'approval-soon' : ''}>{timeLeft(approval.timeoutAt, now)}</span>
                ) : (
                  <>
                    <StatusBadge status={approval.status} />
                    {approval.decision && <span className="muted"> by {deciderLabel(approval.decision.by)}</span>}
                  </>
                )}
              </td>
            </tr>
          ))}
          {!approvals.loading && approvals.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {tab === 'pending' ? 'Nothing waits for a decision.' : 'No approvals match these filters.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row inbox-more">
        {approvals.loading && <span className="muted">Loading…</span>}
        {approvals.hasOlder && !approvals.loading && <button onClick={approvals.older}>Older</button>}
      </div>
    </div>
  );
}
