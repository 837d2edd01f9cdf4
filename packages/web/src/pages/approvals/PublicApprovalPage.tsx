import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AssayApiError } from '@assay/sdk';
import type { DecideApprovalBody, LinkedApproval } from '@assay/schema';
import { ErrorNote } from '../../ui/ErrorNote';
import { shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { ApprovalContext, DecisionForm, DecisionSummary } from './ApprovalView';
import { linkExpired, linkRefusal } from './approval-text';
import { publicApi } from './public-api';
import './approvals.css';

/**
 * The page a signed single-use link opens, for someone who may have no account: the request and the
 * decision form, reached without signing in. After the decision, or for a link that is used up,
 * expired or unknown, it says so plainly.
 */
export function PublicApprovalPage({ token }: { token: string }) {
  const loaded = useQuery({ queryKey: keys.approvals.byLink(token), queryFn: () => publicApi.approvals.byLink(token) });
  const [decided, setDecided] = useState<LinkedApproval | null>(null);
  const [refused, setRefused] = useState<AssayApiError | null>(null);

  async function decide(body: DecideApprovalBody) {
    try {
      setDecided(await publicApi.approvals.decideByLink(token, body));
    } catch (error) {
      // Used up or expired meanwhile: the link's page closes with the server's reason.
      if (error instanceof AssayApiError && linkRefusal(error.status, 'decide')) setRefused(error);
      else throw error;
    }
  }

  const loadRefused = loaded.error instanceof AssayApiError && linkRefusal(loaded.error.status, 'open') ? loaded.error : null;
  const closedBy = refused ?? (decided ? null : loadRefused);
  const approval = decided ?? loaded.data;

  return (
    <div className="public-approval">
      <header className="public-approval-header">
        <span className="brand">Assay</span>
        <span className="muted">Approval request</span>
      </header>
      <div className="card">
        {closedBy ? (
          <div className="approval-closed" data-testid="link-closed" role="status">
            <h2>This link can no longer be used.</h2>
            <p>{closedBy.message}</p>
            <p className="muted">
              A link decides once, and only until it expires. Ask whoever sent it for a new one if a decision is still needed.
            </p>
          </div>
        ) : !approval ? (
          loaded.error ? (
            <>
              <ErrorNote error={loaded.error} />
              <button onClick={() => void loaded.refetch()}>Try again</button>
            </>
          ) : (
            <div className="muted">Loading…</div>
          )
        ) : (
          <>
            <ApprovalContext approval={approval} links={false} />
            {decided ? (
              <div data-testid="link-done" role="status">
                <h3>Thank you: your decision was recorded.</h3>
                <DecisionSummary approval={decided} />
                <p className="muted">The link is now used up; you may close this page.</p>
              </div>
            ) : approval.status === 'pending' && linkExpired(approval.linkExpiresAt) ? (
              <div className="approval-closed" data-testid="link-closed" role="status">
                <h2>This link can no longer be used: it expired.</h2>
                <p className="muted">It worked until {shortTime(approval.linkExpiresAt)}. Ask whoever sent it for a new one.</p>
              </div>
            ) : approval.status === 'pending' ? (
              <>
                <p className="muted approval-recipient">
                  Sent to <strong>{approval.recipient}</strong>; this link works once, until {shortTime(approval.linkExpiresAt)}.
                </p>
                <DecisionForm approval={approval} canDecide whoMayDecide={null} onDecide={decide} />
              </>
            ) : (
              <div className="approval-closed" data-testid="link-closed" role="status">
                <h2>This link can no longer be used: the request was already decided.</h2>
                <DecisionSummary approval={approval} />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
