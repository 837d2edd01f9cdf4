import { AssayError } from '@assay/schema';
import pLimit, { type LimitFunction } from 'p-limit';
import { Gauge, type Registry } from 'prom-client';

/** How many password hashes may run at once in this process, and how many may wait for a slot. */
export interface HashingLimits {
  concurrency: number;
  queue: number;
}

/**
 * Bounds password hashing (Argon2id, legacy scrypt) in this process. Hashes run in libuv's thread
 * pool (4 threads by default), which file I/O, DNS and compression share: a burst of sign-ins must
 * neither take every thread nor pile up memory, so at most `concurrency` run, at most `queue` wait,
 * and anything beyond is refused at once with 429 and Retry-After instead of waiting.
 */
export class HashingSlots {
  private readonly limit: LimitFunction;

  constructor(private readonly limits: HashingLimits) {
    this.limit = pLimit(limits.concurrency);
  }

  /** Runs `work` in a slot; 429 (`rate_limited`) when every slot is taken and the queue is full. */
  run<T>(work: () => Promise<T>): Promise<T> {
    // p-limit counts a task as pending until its microtask starts it: compare the total, not the queue alone.
    if (this.limit.activeCount + this.limit.pendingCount >= this.limits.concurrency + this.limits.queue) {
      return Promise.reject(new AssayError('rate_limited', 'too many sign-ins at once: try again shortly', { retryAfterMs: 1000 }));
    }
    return this.limit(work);
  }

  /** Hashes running or waiting now. */
  get busy(): number {
    return this.limit.activeCount + this.limit.pendingCount;
  }

  /** Adds `assay_password_hashes{state="running"|"waiting"}` to the process's metrics: saturation shows there first. */
  observe(registry: Registry): void {
    const { limit } = this;
    new Gauge({
      name: 'assay_password_hashes',
      help: 'Password hashes in this process: running, and waiting for a slot',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.set({ state: 'running' }, limit.activeCount);
        this.set({ state: 'waiting' }, limit.pendingCount);
      },
    });
  }
}
