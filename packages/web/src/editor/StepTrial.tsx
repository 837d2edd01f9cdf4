import type { DraftRunMode, LatestStepOutput } from '@assay/schema';
import { ErrorNote } from '../ui/ErrorNote';
import { OutputView } from '../ui/output/OutputView';
import { timeAgo } from '../ui/format';
import type { Trial } from './use-step-data';

interface Props {
  stepId: string;
  /** The step's newest output from any run or test of the saved workflow. */
  latest: LatestStepOutput | undefined;
  /** The last "Test step" / "Run to here" of this step in this session. */
  trial: Trial | null;
  /** The step's pinned output, if any (what "Test step" of later steps uses first). */
  pinned: boolean;
  /** Why trying is not possible (a new workflow, no permission), or null. */
  unavailable: string | null;
  onTry(mode: DraftRunMode): void;
  onPin(output: unknown): void;
}

/**
 * Try the step on real data without saving: "Test step" runs it alone on its inputs' latest (or
 * pinned) outputs, "Run to here" runs it and everything before it; then what it gave, as a tree or
 * a table.
 */
export function StepTrial({ stepId, latest, trial, pinned, unavailable, onTry, onPin }: Props) {
  const busy =
    trial !== null && trial.error === null && (trial.run === null || !['completed', 'failed', 'cancelled'].includes(trial.run.status));
  const record = trial?.run?.steps.find((step) => step.id === stepId);
  const shown = record
    ? {
        output: record.output,
        status: record.status,
        error: record.error,
        from: `${trial!.mode === 'step' ? 'test' : 'run to here'}, just now`,
      }
    : latest
      ? {
          output: latest.output,
          status: latest.status,
          error: latest.error,
          from: `${latest.draft ? 'a test' : 'a run'}, ${timeAgo(latest.finishedAt)}`,
        }
      : null;
  return (
    <section className="step-trial" data-testid="step-trial">
      <div className="row">
        <button
          type="button"
          disabled={busy || unavailable !== null}
          onClick={() => onTry('step')}
          title="Run this step alone, on its inputs' latest or pinned outputs"
        >
          Test step
        </button>
        <button
          type="button"
          disabled={busy || unavailable !== null}
          onClick={() => onTry('upstream')}
          title="Run this step and every step it depends on"
        >
          Run to here
        </button>
        {busy && <span className="muted">Running…</span>}
      </div>
      {unavailable && <p className="hint">{unavailable}</p>}
      {trial?.error != null && <ErrorNote error={trial.error} />}
      {trial?.run && trial.run.status === 'failed' && !record?.error && trial.run.error && (
        <div className="error-note">{trial.run.error.message}</div>
      )}
      {shown && (
        <div data-testid="step-output">
          <div className="step-output-head">
            <strong>{shown.status === 'failed' ? 'Failed' : 'Output'}</strong> <span className="muted">from {shown.from}</span>
            {shown.status === 'completed' && (
              <button type="button" className="link" disabled={unavailable !== null} onClick={() => onPin(shown.output)}>
                {pinned ? 'Pinned ✓ (pin again)' : 'Pin as sample'}
              </button>
            )}
          </div>
          {shown.error && <div className="error-note">{shown.error.message}</div>}
          {shown.status !== 'failed' && <OutputView value={shown.output} testId="step-output-view" />}
        </div>
      )}
      {!shown && !busy && !unavailable && <p className="hint">No output yet: test the step, or run to here.</p>}
    </section>
  );
}
