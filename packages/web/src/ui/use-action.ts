import { useCallback, useState } from 'react';

/** The state of the buttons of a tab: one action at a time, its failure shown until the next one. */
export interface Action {
  busy: boolean;
  error: unknown;
  /** Runs `work`, records its failure; resolves true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
  /** Forgets the last failure (e.g. when a form is closed). */
  clear(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(null), []);
  return { busy, error, run, clear };
}

/** Asks before a destructive change; the wording names what is lost. */
export function confirmed(question: string): boolean {
  return window.confirm(question);
}
