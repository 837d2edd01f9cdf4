import { lazy, Suspense, useState } from 'react';
import { Link, useSearch } from 'wouter';
import type { RunStatus } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration, timeAgo } from '../../ui/format';
import './runs.css';
import { elapsedMs, shortId, shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { useWorkflows } from '../../ui/use-workflows';

const PAGE_SIZE = 50;

// The chart library loads only when the chart is drawn: the runs list is part of the first load.
const RunDurationsChart = lazy(() => import('./RunDurationsChart').then((m) => ({ default: m.RunDurationsChart })));

/** The run statuses (a local list: importing @assay/schema at runtime would pull zod into the bundle). */
const RUN_STATUSES: readonly RunStatus[] = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled'];

/** Time windows offered by the filter, as milliseconds back from now (null: no bound). */
const WINDOWS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000, all: null } as const;
type Window = keyof typeof WINDOWS;

/** Ids are 24 lower-case hex characters; the API refuses anything else with a 400. */
const ID = /^[0-9a-f]{24}$/;

/** The workspace's runs, newest first, filtered by status, time, batch and workflow. */
export function RunsPage() {
  // A link such as /runs?batchId=… starts a fresh list with that filter.
  const search = useSearch();
  return <RunsList key={search} initial={new URLSearchParams(search)} />;
}

function RunsList({ initial }: { initial: URLSearchParams }) {
  const { workflows, nameOf, error: workflowsError } = useWorkflows();
  const [status, setStatus] = useState<RunStatus | ''>(() =>
    RUN_STATUSES.includes(initial.get('status') as RunStatus) ? (initial.get('status') as RunStatus) : '',
  );
  const [since, setSince] = useState<Window>('all');
  const [batchText, setBatchText] = useState(initial.get('batchId') ?? '');
  const [workflowId, setWorkflowId] = useState(initial.get('workflowId') ?? '');

  const batchId = batchText.trim().toLowerCase();
  const batchValid = batchId === '' || ID.test(batchId);
  const filters = {
    status: status || undefined,
    since,
    workflowId: workflowId || undefined,
    batchId: batchValid && batchId ? batchId : undefined,
  };
  // New and finished runs show up by themselves (the live events invalidate the runs lists).
  const runs = useCursorQuery(keys.runs.list(filters), (lt) => {
    const span = WINDOWS[since];
    return api.runs.list({
      limit: PAGE_SIZE,
      lt,
      status: filters.status,
      workflowId: filters.workflowId,
      batchId: filters.batchId,
      createdAfter: span === null ? undefined : new Date(Date.now() - span).toISOString(),
    });
  });

  return (
    <div>
      <PageHeader title="Runs">
        <button onClick={runs.reload}>Refresh</button>
      </PageHeader>
      <div className="row runs-filters">
        <select aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <select aria-label="Created" value={since} onChange={(e) => setSince(e.target.value as Window)}>
          <option value="hour">Last hour</option>
          <option value="day">Last day</option>
          <option value="week">Last week</option>
          <option value="all">Any time</option>
        </select>
        <select aria-label="Workflow" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
          <option value="">Every workflow</option>
          {/* A workflow id from the URL that the list does not hold still shows as chosen. */}
          {workflowId && !workflows.some((w) => w.id === workflowId) && <option value={workflowId}>{nameOf(workflowId)}</option>}
          {workflows.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.name}
              {workflow.archivedAt ? ' (archived)' : ''}
            </option>
          ))}
        </select>
        <input
          aria-label="Batch id"
          placeholder="Batch id"
          value={batchText}
          onChange={(e) => setBatchText(e.target.value)}
          className={batchValid ? '' : 'invalid'}
          name="batchId"
        />
        {!batchValid && <span className="field-error">A batch id is 24 hex characters.</span>}
      </div>
      <ErrorNote error={runs.error ?? workflowsError} />
      {runs.items.some((run) => run.startedAt) && (
        <Suspense fallback={null}>
          <RunDurationsChart runs={runs.items} />
        </Suspense>
      )}
      <table className="table" data-testid="run-list">
        <thead>
          <tr>
            <th>Run</th>
            <th>Workflow</th>
            <th>Status</th>
            <th>Trigger</th>
            <th>Created</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.items.map((run) => (
            <tr key={run.id}>
              <td>
                <Link href={`/runs/${run.id}`}>
                  <code>{shortId(run.id)}</code>
                </Link>
              </td>
              <td>
                <Link href={`/workflows/${run.workflowId}`}>{nameOf(run.workflowId)}</Link>{' '}
                <span className="muted">v{run.workflowVersion}</span>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>
                {run.trigger}
                {run.batchId && (
                  <>
                    {' '}
                    · <Link href={`/batches/${run.batchId}`}>batch</Link>
                  </>
                )}
              </td>
              <td title={run.createdAt}>
                {timeAgo(run.createdAt)} <span className="muted">{shortTime(run.createdAt)}</span>
              </td>
              <td>{duration(elapsedMs(run.startedAt, run.completedAt))}</td>
            </tr>
          ))}
          {!runs.loading && runs.items.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No runs match these filters.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row runs-more">
        {runs.loading && <span className="muted">Loading…</span>}
        {runs.hasOlder && !runs.loading && <button onClick={runs.older}>Older</button>}
      </div>
    </div>
  );
}
