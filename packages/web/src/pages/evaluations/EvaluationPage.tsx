import { useState } from 'react';
import { Link } from 'wouter';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Evaluation, EvaluationRow } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import { duration } from '../../ui/format';
import { elapsedMs, shortTime } from '../../ui/run-time';
import { keys } from '../../ui/query/keys';
import { EvaluationCharts } from './EvaluationCharts';
import { EvaluationRows } from './EvaluationRows';
import { describeScorer } from './evaluation-form';
import { evaluationFinished, evaluationProgress, percent, progressKey, progressMilestone } from './evaluation-format';
import { useEvaluation } from './use-evaluation';
import { VersionCards } from './VersionCards';
import './evaluations.css';

/** The latency chart reads at most this many rows (in pages of the most the API gives). */
const CHART_ROWS = 2000;
const CHART_PAGE = 500;

/** One evaluation, live while it runs: a card per version, the charts, downloads, cancel, and its rows. */
export function EvaluationPage({ evaluationId }: { evaluationId: string }) {
  // Keyed: another evaluation starts with fresh pages and no row open.
  return <EvaluationView key={evaluationId} evaluationId={evaluationId} />;
}

function EvaluationView({ evaluationId }: { evaluationId: string }) {
  const { evaluation, error, follow } = useEvaluation(evaluationId);
  if (!evaluation) return error ? <ErrorNote error={error} /> : <div className="muted">Loading…</div>;
  return (
    <div>
      <PageHeader
        title={
          <>
            {evaluation.name}{' '}
            <span data-testid="evaluation-status">
              <StatusBadge status={evaluation.status} />
            </span>
          </>
        }
      >
        <EvaluationActions evaluation={evaluation} onChanged={follow} />
      </PageHeader>
      <ErrorNote error={error} />
      <p className="muted">
        <Link href={`/workflows/${evaluation.workflowId}`}>{evaluation.workflowName}</Link> ·{' '}
        {evaluation.versions.map((version) => `v${version.version}`).join(' vs ')} · {evaluation.rows} rows · at most{' '}
        {evaluation.concurrency} runs of each version at once · started {shortTime(evaluation.createdAt)} ·{' '}
        {evaluation.completedAt ? 'took' : 'running for'} {duration(elapsedMs(evaluation.createdAt, evaluation.completedAt))} ·{' '}
        <Link href="/evaluations">all evaluations</Link>
      </p>
      {evaluation.error && (
        <div className="error-note" role="alert" data-testid="evaluation-error">
          {evaluation.error}
        </div>
      )}
      {!evaluationFinished(evaluation) && (
        <div className="card eval-progress" data-testid="evaluation-progress">
          <div
            className="progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(evaluationProgress(evaluation) * 100)}
          >
            <div className="busy" style={{ width: `${evaluationProgress(evaluation) * 100}%` }} />
          </div>
          <span className="muted">{percent(evaluationProgress(evaluation))} of the runs finished</span>
        </div>
      )}
      <VersionCards evaluation={evaluation} />
      <ChartsSection evaluation={evaluation} />
      <details className="card eval-setup">
        <summary>How it is scored</summary>
        <ul>
          {evaluation.scorers.map((scorer, index) => (
            <li key={index}>{describeScorer(scorer)}</li>
          ))}
        </ul>
        <p className="muted">
          Expected:{' '}
          {Object.entries(evaluation.expected)
            .map(([path, column]) => `${path} ← ${column}`)
            .join(', ') || 'nothing'}
          {' · '}inputs:{' '}
          {Object.entries(evaluation.mapping)
            .map(([input, column]) => `${input} ← ${column}`)
            .join(', ') || 'the columns named like them'}
        </p>
      </details>
      <EvaluationRows evaluation={evaluation} reloadKey={progressKey(evaluation)} />
    </div>
  );
}

/** Downloads (same-origin links the session cookie authenticates) and, while running, cancel. */
function EvaluationActions({ evaluation, onChanged }: { evaluation: Evaluation; onChanged(evaluation: Evaluation): void }) {
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const results = `/v1/evaluations/${encodeURIComponent(evaluation.id)}/results`;
  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.evaluations.cancel(evaluation.id));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <a className="button" href={`${results}?format=csv`} download={`evaluation-${evaluation.id}.csv`} data-testid="download-csv">
        Download CSV
      </a>
      <a className="button" href={`${results}?format=jsonl`} download={`evaluation-${evaluation.id}.jsonl`} data-testid="download-jsonl">
        Download JSONL
      </a>
      {can.run && evaluation.status === 'running' && (
        <button className="danger" disabled={busy} onClick={() => void cancel()}>
          Cancel
        </button>
      )}
      {error !== null && <ErrorNote error={error} />}
    </>
  );
}

/** The charts, with every row's latency read again at each tenth of the runs and at the end. */
function ChartsSection({ evaluation }: { evaluation: Evaluation }) {
  const milestone = progressMilestone(evaluation);
  const rows = useQuery({
    queryKey: keys.evaluations.chartRows(evaluation.id, milestone),
    queryFn: () => chartRows(evaluation.id),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <ErrorNote error={rows.error} />
      <EvaluationCharts evaluation={evaluation} rows={rows.data?.rows ?? []} partial={rows.data?.partial ?? false} />
    </>
  );
}

async function chartRows(evaluationId: string): Promise<{ rows: EvaluationRow[]; partial: boolean }> {
  const rows: EvaluationRow[] = [];
  let after = -1;
  for (;;) {
    const page = await api.evaluations.rows(evaluationId, { after, limit: CHART_PAGE });
    rows.push(...page.data);
    const last = page.data[page.data.length - 1];
    if (!page.hasMore || !last) return { rows, partial: false };
    if (rows.length >= CHART_ROWS) return { rows, partial: true };
    after = last.index;
  }
}
