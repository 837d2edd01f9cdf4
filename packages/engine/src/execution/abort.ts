import { AssayError } from '@assay/schema';
import type { Clock } from '../ports';

/** Why a run's execution was stopped from outside its steps. */
/** `budget_exceeded`: a model call would cross the run's budget; the run parks until it is raised. */
export type StopReason = 'cancelled' | 'lease_lost' | 'run_timeout' | 'shutdown' | 'budget_exceeded';

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
 * Callbacks waiting on each signal. A signal gets ONE 'abort' listener however many steps wait on
 * it at once (a map's items, a run's parallel branches): one listener per waiter is what made Node
 * warn of a leak past ten concurrent waiters, and what a long loop would pile up if one were missed.
 */
const waiters = new WeakMap<AbortSignal, { callbacks: Set<() => void>; listener: () => void }>();

/**
 * Calls `callback` once when `signal` aborts; returns the function that stops waiting. However many
 * callbacks wait on a signal, it carries a single listener, removed when the last one stops.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let entry = waiters.get(signal);
  if (!entry) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      waiters.delete(signal);
      for (const waiting of callbacks) waiting();
    };
    entry = { callbacks, listener };
    waiters.set(signal, entry);
    signal.addEventListener('abort', listener, { once: true });
  }
  const current = entry;
  current.callbacks.add(callback);
  return () => {
    if (!current.callbacks.delete(callback) || current.callbacks.size > 0 || waiters.get(signal) !== current) return;
    waiters.delete(signal);
    signal.removeEventListener('abort', current.listener);
  };
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts, whichever comes first. Executors
 * should honour the signal themselves; this guarantees the engine moves on even when one does not.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // The work is abandoned: its own failure (often the same abort) must not go unhandled.
    work.catch(() => undefined);
    return Promise.reject(abortError(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(signal, () => reject(abortError(signal)));
    work.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new AssayError('cancelled', 'aborted');
}

/** Resolves after `ms` of `clock`'s time, or early (without error) when the signal aborts. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimer(Math.max(0, ms), done);
    const stop = signal ? onAbort(signal, done) : null;
    function done() {
      clock.clearTimer(timer);
      stop?.();
      resolve();
    }
  });
}
