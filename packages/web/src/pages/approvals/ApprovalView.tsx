import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import type { Approval, DecideApprovalBody } from '@assay/schema';
import { ErrorNote } from '../../ui/ErrorNote';
import { StatusBadge } from '../../ui/StatusBadge';
import { timeAgo } from '../../ui/format';
import { shortId, shortTime } from '../../ui/run-time';
import { Markdown } from './Markdown';
import { useAction } from '../../ui/use-action';
import {
  decisionBody,
  deciderLabel,
  draftText,
  MAX_COMMENT,
  parseValueText,
  sameJson,
  showEntries,
  timeLeft,
  timeoutIsNear,
  timeoutOutcome,
} from './approval-text';
import { useNow } from './use-now';

/** What both the Inbox and the link page show: an approval without who may decide (LinkedApproval has the same). */
export type ApprovalRequest = Omit<Approval, 'reviewers' | 'canDecide'>;

/** The request's context: where it comes from, its instructions and what the reviewer must see. */
export function ApprovalContext({ approval, links }: { approval: ApprovalRequest; links: boolean }) {
  const now = useNow();
  const entries = showEntries(approval.show ?? {});
  return (
    <section className="approval-context" data-testid="approval-context">
      <h2 className="approval-title" data-testid="approval-title">
        {approval.title} <StatusBadge status={approval.status} />
      </h2>
      <dl className="approval-facts">
        <dt>Workflow</dt>
        <dd>{links ? <Link href={`/workflows/${approval.workflowId}`}>{approval.workflowName}</Link> : approval.workflowName}</dd>
        {links && (
          <>
            <dt>Run</dt>
            <dd>
              <Link href={`/runs/${approval.runId}`} data-testid="approval-run-link">
                <code>{shortId(approval.runId)}</code>
              </Link>{' '}
              <span className="muted">
                step <code>{approval.stepId}</code>
              </span>
            </dd>
          </>
        )}
        <dt>Requested</dt>
        <dd title={approval.requestedAt}>
          {timeAgo(approval.requestedAt)} <span className="muted">{shortTime(approval.requestedAt)}</span>
        </dd>
        {approval.status === 'pending' && (
          <>
            <dt>Time left</dt>
            <dd title={approval.timeoutAt}>
              <span className={timeoutIsNear(approval.timeoutAt, now) ? 'approval-soon' : ''}>{timeLeft(approval.timeoutAt, now)}</span>{' '}
              <span className="muted">
                (until {shortTime(approval.timeoutAt)}; then {timeoutOutcome(approval.onTimeout)})
              </span>
            </dd>
          </>
        )}
      </dl>
      {approval.instructions && <Markdown text={approval.instructions} />}
      {entries.length > 0 && (
        <dl className="approval-show" data-testid="approval-show">
          {entries.map((entry) => (
            <div key={entry.label} className="approval-show-field" data-label={entry.label}>
              <dt>{entry.label}</dt>
              <dd>{entry.block ? <pre>{entry.text}</pre> : entry.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/**
 * The decision form: the draft value as editable JSON (checked to parse before anything is sent),
 * a comment, Approve and Reject. `canDecide` false disables the buttons and says why.
 */
export function DecisionForm({
  approval,
  canDecide,
  whoMayDecide,
  onDecide,
}: {
  approval: ApprovalRequest;
  canDecide: boolean;
  /** The sentence naming who may decide (null: not shown, e.g. on a link's page). */
  whoMayDecide: string | null;
  onDecide(body: DecideApprovalBody): Promise<unknown>;
}) {
  const [valueText, setValueText] = useState(() => draftText(approval.value));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  const hasValue = approval.value !== null && approval.value !== undefined;
  const editable = hasValue || approval.schema !== null;
  const parsed = useMemo(() => parseValueText(valueText), [valueText]);
  const edited = parsed.ok && parsed.value !== undefined && hasValue && !sameJson(parsed.value, approval.value);

  async function decide(approved: boolean) {
    const built = decisionBody(approved, comment, valueText, approval.value);
    if (!built.ok) {
      setProblem(built.message);
      return;
    }
    setProblem(null);
    await action.run(() => onDecide(built.body));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void decide(true);
  }

  const disabled = !canDecide || action.busy;
  return (
    <form className="approval-form" aria-label="Decide" data-testid="approval-form" onSubmit={submit}>
      {editable && (
        <label>
          Value
          <span className="hint">
            The value to approve, as JSON: edit it if it needs changes. It is sent with an approval only (a rejection keeps the draft).
          </span>
          <textarea
            name="approval-value"
            className={`code approval-value${parsed.ok ? '' : ' invalid'}`}
            value={valueText}
            onChange={(e) => {
              setValueText(e.target.value);
              action.clear(); // the server's complaint was about the value as it was
            }}
            rows={Math.min(16, Math.max(4, valueText.split('\n').length + 1))}
            spellCheck={false}
            disabled={!canDecide}
          />
          {!parsed.ok && (
            <span className="field-error" data-testid="value-error">
              {parsed.message}
            </span>
          )}
          {edited && <span className="hint">You changed the draft: the edited value is what gets approved.</span>}
        </label>
      )}
      {editable && approval.schema && (
        <details className="approval-schema">
          <summary className="muted">The shape the value must have (JSON Schema)</summary>
          <pre>{JSON.stringify(approval.schema, null, 2)}</pre>
        </details>
      )}
      <label>
        Comment
        <textarea
          name="approval-comment"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={MAX_COMMENT}
          rows={3}
          placeholder="Why (optional; recorded with the decision)"
          disabled={!canDecide}
        />
      </label>
      {problem && (
        <div className="error-note" role="alert">
          {problem}
        </div>
      )}
      <ErrorNote error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={disabled || !parsed.ok}>
          Approve
        </button>
        <button type="button" className="danger" disabled={disabled} onClick={() => void decide(false)}>
          Reject
        </button>
        {action.busy && <span className="muted">Sending…</span>}
      </div>
      {whoMayDecide && (
        <p className="muted approval-who" data-testid="approval-who">
          {canDecide ? whoMayDecide : `You may not decide this one. ${whoMayDecide}`}
        </p>
      )}
    </form>
  );
}

/** A decided (or expired) approval: the outcome, who decided, when, the comment and the value it carries. */
export function DecisionSummary({ approval }: { approval: ApprovalRequest }) {
  const { decision } = approval;
  if (!decision) {
    return (
      <div className="notice approval-decision" data-testid="approval-decision" data-status={approval.status}>
        <p>
          <strong>{approval.status === 'expired' ? 'Expired' : approval.status}</strong>
          {approval.status === 'expired' && ': nobody decided in time.'}
        </p>
      </div>
    );
  }
  return (
    <div
      className={`notice approval-decision ${decision.approved ? 'approved' : 'rejected'}`}
      data-testid="approval-decision"
      data-status={approval.status}
    >
      <p>
        <strong data-testid="approval-outcome">{decision.approved ? 'Approved' : 'Rejected'}</strong> by{' '}
        <span data-testid="approval-decider">{deciderLabel(decision.by)}</span>{' '}
        <span className="muted" title={decision.decidedAt}>
          {timeAgo(decision.decidedAt)} ({shortTime(decision.decidedAt)})
        </span>
      </p>
      {decision.comment && (
        <blockquote className="approval-comment" data-testid="approval-comment">
          {decision.comment}
        </blockquote>
      )}
      {decision.value !== null && decision.value !== undefined && (
        <>
          <p className="muted">
            {decision.approved ? (decision.edited ? 'Approved value, as edited:' : 'Approved value, as drafted:') : 'The draft:'}
          </p>
          <pre data-testid="approval-decided-value">{JSON.stringify(decision.value, null, 2)}</pre>
        </>
      )}
    </div>
  );
}
