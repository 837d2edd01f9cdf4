import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import type { Run } from '@assay/schema';
import { api } from '../../api';
import { keys } from '../../ui/query/keys';

/** A run parked at an approval step: what it waits for, and a link to decide it in the Inbox. */
export function ApprovalNote({ run }: { run: Run }) {
  if (run.status !== 'waiting' || run.waitReason !== 'approval') return null;
  return <WaitingApprovals runId={run.id} />;
}

function WaitingApprovals({ runId }: { runId: string }) {
  // An approvals list: the live events keep it current as the approvals are decided.
  const filters = { runId, status: 'pending', limit: 10 } as const;
  const pending = useQuery({ queryKey: keys.approvals.list(filters), queryFn: () => api.approvals.list(filters) });
  const approvals = pending.data?.data ?? [];
  return (
    <div className="notice approval-note" role="status" data-testid="approval-note">
      <p>
        <strong>Waiting: for a person&rsquo;s decision.</strong> Nothing runs until someone approves or rejects{' '}
        {approvals.length === 1 ? 'it' : 'them'}; it then goes on from here.
      </p>
      {approvals.length > 0 ? (
        <ul>
          {approvals.map((approval) => (
            <li key={approval.id}>
              <Link href={`/inbox/${encodeURIComponent(approval.runId)}/${encodeURIComponent(approval.stepId)}`}>{approval.title}</Link>{' '}
              <span className="muted">
                step <code>{approval.stepId}</code>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>
          <Link href={`/inbox?runId=${runId}`}>Open the Inbox</Link>
        </p>
      )}
    </div>
  );
}
