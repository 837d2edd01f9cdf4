import { memo } from 'react';
import { Link } from 'wouter';
import type { StepRun } from '@assay/schema';
import type { StepFields } from '../../ui/canvas/graph';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration } from '../../ui/format';
import { Json } from './Json';
import { shortId, shortTime } from '../../ui/run-time';
import { AgentTimeline } from './AgentTimeline';
import { Citations } from './Citations';
import type { LiveToolCall } from './run-events';

interface Props {
  /** The step as the definition declares it (label, type). */
  definition: StepFields | undefined;
  /** The step as this run executed it (undefined: not reached yet). */
  step: StepRun | undefined;
  stepId: string;
  /** An agent's tool calls as the live stream reported them (until its transcript arrives). */
  toolCalls?: readonly LiveToolCall[];
  onClose(): void;
}

/** The side panel of one step of a run: status, timing, resolved config, output, error, AI usage and citations. */
export const StepDetails = memo(function StepDetails({ definition, step, stepId, toolCalls, onClose }: Props) {
  const usage = step?.usage;
  return (
    <div data-testid="step-details">
      <div className="row">
        <h2 style={{ margin: 0 }}>{definition?.label || stepId}</h2>
        <span className="spacer" />
        <button className="small" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="run-facts">
        <dt>Step</dt>
        <dd>
          <code>{stepId}</code> · {step?.type ?? definition?.type}
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={step?.status ?? 'pending'} />
        </dd>
        <dt>Attempts</dt>
        <dd>{step?.attempts ?? 0}</dd>
        <dt>Started</dt>
        <dd title={step?.startedAt ?? ''}>{shortTime(step?.startedAt)}</dd>
        <dt>Completed</dt>
        <dd title={step?.completedAt ?? ''}>{shortTime(step?.completedAt)}</dd>
        <dt>Duration</dt>
        <dd>{duration(step?.durationMs)}</dd>
        {definition?.if && (
          <>
            <dt>Runs if</dt>
            <dd>
              <code>{definition.if}</code>
            </dd>
          </>
        )}
      </dl>
      {step?.error && (
        <div className="error-note" data-testid="step-error">
          <strong>{step.error.code}</strong>: {step.error.message}
        </div>
      )}
      {usage?.cached === true && (
        <p className="muted" data-testid="step-cached">
          Reused a cached output
          {usage.cachedFrom?.runId ? (
            <>
              {' '}
              of run <Link href={`/runs/${usage.cachedFrom.runId}`}>{shortId(usage.cachedFrom.runId)}</Link>
            </>
          ) : null}
          : nothing was executed or paid for.
        </p>
      )}
      {usage && (
        <>
          <h3>AI usage</h3>
          <dl className="run-facts" data-testid="step-usage">
            {usage.model && (
              <>
                <dt>Model</dt>
                <dd>{usage.model}</dd>
              </>
            )}
            {usage.inputTokens !== undefined && (
              <>
                <dt>Input tokens</dt>
                <dd>{usage.inputTokens}</dd>
              </>
            )}
            {usage.outputTokens !== undefined && (
              <>
                <dt>Output tokens</dt>
                <dd>{usage.outputTokens}</dd>
              </>
            )}
            {usage.costUsd !== undefined && (
              <>
                <dt>Cost</dt>
                <dd>${usage.costUsd.toFixed(4)}</dd>
              </>
            )}
            {usage.latencyMs !== undefined && (
              <>
                <dt>Latency</dt>
                <dd>{duration(usage.latencyMs)}</dd>
              </>
            )}
          </dl>
        </>
      )}
      {(step?.type ?? definition?.type) === 'ai.agent' && <AgentTimeline output={step?.output} live={toolCalls} />}
      <Citations output={step?.output} />
      {step?.config !== undefined && step.config !== null && (
        <>
          <h3>Resolved config</h3>
          <Json value={step.config} />
        </>
      )}
      {step && step.output !== null && step.output !== undefined && (
        <>
          <h3>Output</h3>
          <Json value={step.output} testId="step-output" />
        </>
      )}
      {!step?.startedAt && <p className="muted">This step has not run{step?.status === 'skipped' ? ' (skipped)' : ' yet'}.</p>}
    </div>
  );
});
