import { AssayError } from '@assay/schema';

/** Why a run's execution was stopped from outside its steps. */
export type StopReason = 'cancelled' | 'lease_lost' | 'run_timeout' | 'shutdown';

/** The abort reason carried by a run's AbortSignal. */
export class RunStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(`run stopped: ${reason}`);
    this.name = 'RunStopped';
  }
}

/** The reason a signal was aborted with, if it was a run stop. */
export function stopReason(signal: AbortSignal): StopReason | null {
  return signal.aborted && signal.reason instanceof RunStopped ? signal.reason.reason : null;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts, whichever comes first. Executors
 * should honour the signal themselves; this guarantees the engine moves on even when one does not.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new AssayError('cancelled', 'aborted');
}

/** Resolves after `ms`, or early (without error) when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
