import { withTimers, type TimeSource } from '../clock';
import type { Clock, Logger, TimerHandle } from '../ports';

/** What a pass asks of the loop: another pass at once, or a sleep until a time (or the poll). */
export type NextPass = { again: true } | { dueAt: number | null };

export const AGAIN: NextPass = { again: true };
export const POLL: NextPass = { dueAt: null };

export interface LoopOptions {
  /** Names the loop in logs. */
  name: string;
  logger: Logger;
  /** Its time and timers (a bare time source gets real timers). */
  clock: Clock | TimeSource;
  /** The longest sleep between passes when nothing wakes the loop (work other processes queued, missed wake-ups). */
  pollMs: number;
  /** The first pass comes this long after `start()` (default: at once). */
  firstPassAfterMs?: number;
  /** A notification runs the next pass this long after it, so a burst of notifications is served by one pass. */
  debounceMs?: number;
  /** One pass over the due work. Passes never overlap. A throw is logged and the loop polls again. */
  pass(): Promise<NextPass>;
  /**
   * Runs beside the passes every `everyMs` (and on `recoverNow()`): renewing this process's leases,
   * handing back those of processes that died. A throw is logged.
   */
  recover?: { everyMs: number; run(): Promise<void> };
}

/**
 * The background loop every worker of the runtime is built on (the run pool, the scheduler, event
 * delivery, retention): passes one at a time; between them it sleeps until the pass's due time or
 * the poll, whichever is sooner, and a `notify()` cuts the sleep short (or, during a pass, makes
 * another follow at once). `stop()` ends the sleep and waits for the pass in flight; what the owner
 * still holds (runs, requests) it drains itself after that.
 */
export class Loop {
  private running = false;
  private passing: Promise<void> = Promise.resolve();
  private notified = false;
  private readonly clock: Clock;
  private sleepTimer: TimerHandle | null = null;
  private sleepUntil = Number.POSITIVE_INFINITY;
  /** A wake asked for while not sleeping: the next sleep ends by then. */
  private requestedAt = Number.POSITIVE_INFINITY;
  private wakeSleeper: (() => void) | null = null;
  private recoverTimer: TimerHandle | null = null;
  /** Stopped passing, still draining: recovery goes on. */
  private draining = false;

  constructor(private readonly options: LoopOptions) {
    this.clock = withTimers(options.clock);
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.scheduleRecovery();
    this.passing = this.run();
  }

  /** New work may be due: pass soon (after the debounce) rather than at the planned time. Cheap to call often. */
  notify(): void {
    if (!this.running) return;
    this.notified = true;
    if (this.wakeSleeper) this.wakeAt(this.clock.now() + (this.options.debounceMs ?? 0));
  }

  /**
   * Something becomes due at `at`: pass then, if that is sooner than the planned wake. Asked during a
   * pass, it bounds the sleep after it.
   */
  wakeAt(at: number): void {
    if (!this.running) return;
    if (!this.wakeSleeper) {
      this.requestedAt = Math.min(this.requestedAt, at);
      return;
    }
    if (at >= this.sleepUntil) return;
    this.sleepUntil = at;
    if (this.sleepTimer) this.clock.clearTimer(this.sleepTimer);
    const wake = this.wakeSleeper;
    const delay = at - this.clock.now();
    if (delay <= 0) wake();
    else this.sleepTimer = this.clock.setTimer(delay, wake);
  }

  /**
   * Runs the recovery now rather than at its next interval. Recoveries may overlap: one stuck on a
   * database that went away must not hold back the next, which is what hands the runs back once the
   * database returns.
   */
  recoverNow(): void {
    const { recover, logger, name } = this.options;
    if (!recover || !(this.running || this.draining)) return;
    void recover.run().catch((error: unknown) => logger.error({ err: error, loop: name }, `${name}: lease recovery failed`));
  }

  /**
   * Stops passing: ends the sleep, waits for the pass in flight, then for `drain` (what the owner still
   * holds: runs, requests), during which recovery keeps renewing leases; then stops recovering.
   */
  async stop(drain?: () => Promise<void>): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wakeSleeper?.();
    await this.passing;
    this.draining = true;
    try {
      await drain?.();
    } finally {
      this.draining = false;
      if (this.recoverTimer) this.clock.clearTimer(this.recoverTimer);
      this.recoverTimer = null;
      // Recoveries in flight are not waited for: one may hang on a database that went away.
    }
  }

  /** The recovery's next turn, `everyMs` on (unref'd: recovery alone keeps no process alive). */
  private scheduleRecovery(): void {
    const { recover } = this.options;
    if (!recover) return;
    this.recoverTimer = this.clock.setTimer(
      recover.everyMs,
      () => {
        this.recoverNow();
        if (this.running || this.draining) this.scheduleRecovery();
      },
      true,
    );
  }

  private async run(): Promise<void> {
    const { firstPassAfterMs } = this.options;
    const clock = this.clock;
    if (firstPassAfterMs) await this.sleep(clock.now() + firstPassAfterMs);
    while (this.running) {
      this.notified = false;
      const next = await this.pass();
      if (!this.running) return;
      if ('again' in next) continue;
      if (this.notified) {
        if (this.options.debounceMs) await this.sleep(clock.now() + this.options.debounceMs);
        continue;
      }
      const poll = clock.now() + this.options.pollMs;
      await this.sleep(next.dueAt === null ? poll : Math.min(poll, next.dueAt));
    }
  }

  private async pass(): Promise<NextPass> {
    try {
      return await this.options.pass();
    } catch (error) {
      this.options.logger.error(
        { err: error, loop: this.options.name },
        `${this.options.name}: pass failed; trying again at the next poll`,
      );
      return POLL;
    }
  }

  private sleep(until: number): Promise<void> {
    until = Math.min(until, this.requestedAt);
    return new Promise<void>((resolve) => {
      const finish = () => {
        if (this.clock.now() >= this.requestedAt) this.requestedAt = Number.POSITIVE_INFINITY;
        if (this.sleepTimer) this.clock.clearTimer(this.sleepTimer);
        this.sleepTimer = null;
        this.wakeSleeper = null;
        this.sleepUntil = Number.POSITIVE_INFINITY;
        resolve();
      };
      this.wakeSleeper = finish;
      this.sleepUntil = until;
      const delay = until - this.clock.now();
      // Not unref'd: a running loop keeps its process alive (a worker has no server socket, and
      // while the database is away it may have no connection either).
      if (delay <= 0 || !this.running) finish();
      else this.sleepTimer = this.clock.setTimer(delay, finish);
    });
  }
}
