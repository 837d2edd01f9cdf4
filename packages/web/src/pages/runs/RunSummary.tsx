import { memo } from 'react';
import { Link } from 'wouter';
import type { Run } from '@assay/schema';
import { duration, timeAgo } from '../../ui/format';
import { describeBudget, describeCost } from '../../ui/BudgetForm';
import { Json } from './Json';
import { elapsedMs, shortTime } from '../../ui/run-time';

interface Props {
  run: Run;
  workflowName: string | undefined;
}

/** A run's facts (workflow, trigger, times, links, metadata), input, output and error. */
export const RunSummary = memo(function RunSummary({ run, workflowName }: Props) {
  return (
    <section className="card">
      <dl className="run-facts">
        <dt>Workflow</dt>
        <dd>
          <Link href={`/workflows/${run.workflowId}`} data-testid="run-workflow">
            {workflowName ?? run.workflowId}
          </Link>{' '}
          <span className="muted">version {run.workflowVersion}</span>
        </dd>
        <dt>Trigger</dt>
        <dd data-testid="run-trigger">{run.trigger}</dd>
        <dt>Created</dt>
        <dd title={run.createdAt}>
          {shortTime(run.createdAt)} <span className="muted">({timeAgo(run.createdAt)})</span>
        </dd>
        <dt>Duration</dt>
        <dd data-testid="run-duration">{duration(elapsedMs(run.startedAt, run.completedAt))}</dd>
        {(run.budget || run.cost.tokens > 0) && (
          <>
            <dt>Model calls</dt>
            <dd data-testid="run-cost">
              {describeCost(run.cost)}
              {run.budget && <span className="muted"> (budget {describeBudget(run.budget)})</span>}
            </dd>
          </>
        )}
        {run.batchId && (
          <>
            <dt>Batch</dt>
            <dd>
              <Link href={`/batches/${run.batchId}`}>{run.batchId}</Link>
            </dd>
          </>
        )}
        {run.parentRunId && (
          <>
            <dt>Rerun of</dt>
            <dd>
              <Link href={`/runs/${run.parentRunId}`}>{run.parentRunId}</Link>
            </dd>
          </>
        )}
        {run.metadata && Object.keys(run.metadata).length > 0 && (
          <>
            <dt>Metadata</dt>
            <dd className="metadata-chips" data-testid="run-metadata">
              {Object.entries(run.metadata).map(([key, value]) => (
                <code key={key} className="metadata-chip" title={`${key}=${String(value)}`}>
                  {key}={String(value)}
                </code>
              ))}
            </dd>
          </>
        )}
      </dl>
      {run.error && (
        <div className="error-note" data-testid="run-error">
          <strong>{run.error.code}</strong>
          {run.error.stepId && (
            <>
              {' '}
              in step <code>{run.error.stepId}</code>
            </>
          )}
          : {run.error.message}
        </div>
      )}
      <div className="grid-2">
        <div>
          <h3>Input</h3>
          <Json value={run.input} testId="run-input" />
        </div>
        <div>
          <h3>Output</h3>
          {run.output === null || run.output === undefined ? (
            <p className="muted">{run.status === 'completed' ? 'No output.' : 'Not yet.'}</p>
          ) : (
            <Json value={run.output} testId="run-output" />
          )}
        </div>
      </div>
    </section>
  );
});
