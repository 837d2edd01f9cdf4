/** The timers a throttle uses (injected so tests drive time themselves). */
export interface ThrottleTimers {
  now(): number;
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ThrottleTimers = {
  now: () => Date.now(),
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs each key's latest work at most once per `intervalMs`: the first request runs at once, the
 * requests that follow within the interval are folded into one run at its end. So a burst of 5,000
 * events becomes one refetch now and one a second later, per key, never silence after the last one.
 */
export class KeyedThrottle {
  private readonly last = new Map<string, number>();
  private readonly pending = new Map<string, { handle: unknown; run: () => void }>();

  constructor(
    private readonly intervalMs: number,
    private readonly timers: ThrottleTimers = realTimers,
  ) {}

  request(key: string, run: () => void): void {
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.run = run;
      return;
    }
    const wait = Math.max(0, (this.last.get(key) ?? -Infinity) + this.intervalMs - this.timers.now());
    const entry = { handle: undefined as unknown, run };
    entry.handle = this.timers.set(() => {
      this.pending.delete(key);
      this.last.set(key, this.timers.now());
      entry.run();
    }, wait);
    this.pending.set(key, entry);
  }

  /** Drops every waiting run (the subscription ended). */
  cancel(): void {
    for (const { handle } of this.pending.values()) this.timers.clear(handle);
    this.pending.clear();
  }
}
