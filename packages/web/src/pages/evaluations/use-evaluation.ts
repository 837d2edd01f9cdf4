import { useCallback, useEffect, useState } from 'react';
import type { Evaluation } from '@assay/schema';
import { api } from '../../api';
import { evaluationFinished } from './evaluation-format';

/** An evaluation is read this often while it runs. */
const POLL_MS = 1000;
/** …and this often once it ended but its last runs are still finishing. */
const SETTLING_POLL_MS = 5000;

/** An evaluation read every second until it is completed, failed or cancelled; `follow(evaluation)` takes a changed one (after a cancel). */
export function useEvaluation(evaluationId: string) {
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Bumped to poll again: a cancelled evaluation still finishes the runs it started.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const fresh = await api.evaluations.get(evaluationId);
        if (stopped) return;
        setEvaluation(fresh);
        setError(null);
        if (evaluationFinished(fresh)) {
          // Ended; a cancelled one may still be finishing the runs it started: read it now and then until it says so.
          if (fresh.completedAt !== null) return;
          timer = setTimeout(() => void tick(), SETTLING_POLL_MS);
          return;
        }
      } catch (failure) {
        if (stopped) return;
        setError(failure);
      }
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [evaluationId, generation]);

  const follow = useCallback((changed: Evaluation) => {
    setEvaluation(changed);
    setGeneration((n) => n + 1);
  }, []);
  return { evaluation, error, follow };
}
