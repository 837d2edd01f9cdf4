import { onAbort } from '@assay/engine';
import { AssayError } from '@assay/schema';

/** Releases a permit taken from a {@link Semaphore}; calling it more than once is harmless. */
export type Release = () => void;

/** A counting semaphore for in-process concurrency caps; waiting can be aborted. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<{ grant: () => void }> = [];

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`semaphore capacity must be a positive integer, got ${capacity}`);
  }

  /** Permits in use. */
  get inUse(): number {
    return this.active;
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Waits for a permit; rejects (and gives up its place) when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.active < this.capacity) {
      this.active += 1;
      return Promise.resolve(this.releaser());
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter = {
        grant: () => {
          stopWaiting?.();
          this.active += 1;
          resolve(this.releaser());
        },
      };
      const stopWaiting = signal
        ? onAbort(signal, () => {
            const index = this.waiters.indexOf(waiter);
            if (index >= 0) this.waiters.splice(index, 1);
            reject(abortError(signal));
          })
        : null;
      this.waiters.push(waiter);
    });
  }

  /** Runs `task` holding a permit. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiters.shift()?.grant();
    };
  }
}

function abortError(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new AssayError('cancelled', 'aborted while waiting for an AI provider slot');
}
