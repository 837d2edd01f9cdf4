import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Run } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { isTerminal } from './use-live-run';

interface Props {
  run: Run;
  /** The run changed in place (retried under the same id, or cancelled): follow it again. */
  onChanged(run: Run): void;
}

/** Retry (failed or cancelled), Rerun (finished) and Cancel (in progress): only for roles that may run. */
export function RunActions({ run, onChanged }: Props) {
  const { can } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!can.run) return null;

  const act = async (work: () => Promise<Run>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await work();
      if (result.id === run.id) onChanged(result);
      else navigate(`/runs/${result.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const finished = isTerminal(run);
  return (
    <>
      {(run.status === 'failed' || run.status === 'cancelled') && (
        <button
          disabled={busy}
          onClick={() => void act(() => api.runs.retry(run.id))}
          title="Resume from the step that failed, keeping completed steps"
        >
          Retry
        </button>
      )}
      {finished && (
        <button disabled={busy} onClick={() => void act(() => api.runs.rerun(run.id))} title="A new run with the same input">
          Rerun
        </button>
      )}
      {!finished && (
        <button className="danger" disabled={busy} onClick={() => void act(() => api.runs.cancel(run.id))}>
          Cancel
        </button>
      )}
      {error !== null && <ErrorNote error={error} />}
    </>
  );
}
