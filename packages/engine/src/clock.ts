import type { Clock, TimerHandle } from './ports';

/**
 * Real time: `Date.now()` and Node's timers, nothing added (a timer is the `setTimeout` handle
 * itself, so a step's timeout or a retry's backoff costs what `setTimeout` always cost).
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback, unref) {
    const timer = setTimeout(callback, ms);
    if (unref) timer.unref();
    return timer;
  },
  clearTimer(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/** A source of the time that brings no timers of its own (what callers passed before clocks owned timers). */
export type TimeSource = Pick<Clock, 'now'>;

/** `clock` when it owns timers; otherwise its time with real timers (the system clock's). */
export function withTimers(clock: Clock | TimeSource | undefined): Clock {
  if (clock === undefined) return systemClock;
  if ('setTimer' in clock) return clock;
  return { now: () => clock.now(), setTimer: systemClock.setTimer, clearTimer: systemClock.clearTimer };
}

export interface VirtualClockOptions {
  /** Virtual time at the start (default: the real time at construction, so records look ordinary). */
  start?: number;
  /**
   * Moves time on by itself: once no timer has been set or cleared for `quietMs` of real time while
   * timers are pending, time jumps to the earliest and fires it (then waits for quiet again). Right
   * for everything a run waits on (backoff, sleeps, durable waits, the timeout of a step that hangs).
   * A test racing a timeout against real work (I/O that takes real time) should advance by hand.
   */
  autoAdvance?: boolean;
  /** Real milliseconds without timer activity that count as "everything is waiting" (default 5). */
  quietMs?: number;
}

interface VirtualTimer {
  at: number;
  seq: number;
  callback: () => void;
}

/**
 * Virtual time for tests: `now()` moves only when the clock is advanced (by `advance`, `advanceTo`,
 * `runNext`, or by itself with `autoAdvance`), and timers fire in order of their due time (then of
 * their setting), each with `now()` at its due time. Waits of runs on this clock take no real time.
 */
export class VirtualClock implements Clock {
  private time: number;
  /** Pending timers, by due time then order of setting. */
  private readonly timers: VirtualTimer[] = [];
  private seq = 0;
  /** Bumped by every timer set or cleared: unchanged over a quiet window means everything is waiting. */
  private activity = 0;
  private readonly quietMs: number;
  private autoAdvance: boolean;
  private advancing = false;
  private holds = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.start ?? Date.now();
    this.autoAdvance = options.autoAdvance ?? false;
    this.quietMs = options.quietMs ?? 5;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: VirtualTimer = { at: this.time + Math.max(0, ms), seq: this.seq++, callback };
    // After every pending timer due at the same time or earlier (order of setting breaks ties).
    let low = 0;
    let high = this.timers.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.timers[mid] as VirtualTimer).at <= timer.at) low = mid + 1;
      else high = mid;
    }
    this.timers.splice(low, 0, timer);
    this.activity++;
    if (this.autoAdvance && !this.advancing) void this.autoLoop();
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    const index = this.timers.indexOf(handle as VirtualTimer);
    if (index < 0) return;
    this.timers.splice(index, 1);
    this.activity++;
  }

  /** Timers set and not yet fired or cleared. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** When the earliest pending timer is due, if any. */
  get nextTimerAt(): number | null {
    return this.timers[0]?.at ?? null;
  }

  /** Moves time on by `ms`, firing the timers due on the way in order (see `advanceTo`). */
  advance(ms: number): Promise<void> {
    return this.advanceTo(this.time + ms);
  }

  /**
   * Moves time to `time`, firing each timer due by then at its own due time, and waiting for quiet
   * after each (what it set in motion may set further timers within the window: they fire too).
   */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > time) break;
      this.fire(next);
      await this.quiet();
    }
    if (time > this.time) this.time = time;
  }

  /** Jumps to the earliest pending timer and fires it, then waits for quiet. False when none is pending. */
  async runNext(): Promise<boolean> {
    const next = this.timers[0];
    if (!next) return false;
    this.fire(next);
    await this.quiet();
    return true;
  }

  /** Keeps auto-advance from moving time until the returned function is called (a test looks at a moment). */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.autoAdvance && !this.advancing && this.timers.length > 0) void this.autoLoop();
    };
  }

  /** Turns auto-advance off (a harness closing); pending timers stay pending. */
  stop(): void {
    this.autoAdvance = false;
  }

  private fire(timer: VirtualTimer): void {
    this.timers.splice(this.timers.indexOf(timer), 1);
    if (timer.at > this.time) this.time = timer.at;
    timer.callback();
  }

  /** Resolves once no timer has been set or cleared for `quietMs` of real time. */
  private async quiet(): Promise<void> {
    for (;;) {
      const seen = this.activity;
      await new Promise<void>((resolve) => setTimeout(resolve, this.quietMs).unref());
      if (this.activity === seen) return;
    }
  }

  private async autoLoop(): Promise<void> {
    this.advancing = true;
    try {
      while (this.autoAdvance && this.holds === 0 && this.timers.length > 0) {
        await this.quiet();
        const next = this.timers[0];
        if (next && this.autoAdvance && this.holds === 0) this.fire(next);
      }
    } finally {
      this.advancing = false;
    }
  }
}
