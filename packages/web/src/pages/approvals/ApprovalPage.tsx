import { useState } from 'react';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { AssayApiError } from '@assay/sdk';
import type { Approval, DecideApprovalBody } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { ApprovalContext, DecisionForm, DecisionSummary } from './ApprovalView';
import { reviewersLine } from './approval-text';
import './approvals.css';

/** One approval from the Inbox: its context and, while it is pending, the decision form; after, the decision. */
export function ApprovalPage({ runId, stepId }: { runId: string; stepId: string }) {
  // Keyed: another approval starts from its own draft, not from this one's edits.
  return <ApprovalDetail key={`${runId}/${stepId}`} runId={runId} stepId={stepId} />;
}

function ApprovalDetail({ runId, stepId }: { runId: string; stepId: string }) {
  const loaded = useQuery({ queryKey: keys.approvals.detail(runId, stepId), queryFn: () => api.approvals.get(runId, stepId) });
  const invalidate = useInvalidate();
  const [decided, setDecided] = useState<Approval | null>(null);
  const approval = decided ?? loaded.data;

  async function decide(body: DecideApprovalBody) {
    try {
      setDecided(await api.approvals.decide(runId, stepId, body));
      invalidate(keys.approvals.all);
    } catch (error) {
      // Decided meanwhile (by someone else, or the timeout): show what it became, with the reason.
      if (error instanceof AssayApiError && error.status === 409) void loaded.refetch();
      throw error;
    }
  }

  return (
    <div className="approval-page">
      <PageHeader title="Approval">
        <Link href="/inbox" className="button">
          ← Inbox
        </Link>
      </PageHeader>
      {!approval && (loaded.error ? <ErrorNote error={loaded.error} /> : <div className="muted">Loading…</div>)}
      {approval && (
        <div className="card approval-detail" data-testid="approval-detail" data-status={approval.status}>
          <ApprovalContext approval={approval} links />
          {approval.status === 'pending' ? (
            <DecisionForm
              approval={approval}
              canDecide={approval.canDecide}
              whoMayDecide={reviewersLine(approval.reviewers)}
              onDecide={decide}
            />
          ) : (
            <DecisionSummary approval={approval} />
          )}
        </div>
      )}
    </div>
  );
}
