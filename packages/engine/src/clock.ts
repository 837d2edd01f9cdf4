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
  /** The clock's time at the start (default: the real time; it is never behind the real time). */
  start?: number;
  /**
   * Skips ahead by itself: once no timer has been set or cleared for `quietMs` of real time while
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
 * Time for tests that skips ahead: it runs with the real time (never behind it, so rows the store
 * stamps with `Date.now()` are never in its future), and jumps forward when advanced (`advance`,
 * `advanceTo`, `runNext`, or by itself with `autoAdvance`). Its timers fire in order of their due
 * time (then of their setting), with `now()` at least their due time: when time is skipped to them,
 * or, should nothing skip, when the real time gets there (so nothing waits forever). Waits of runs
 * on this clock take no real time.
 */
export class VirtualClock implements Clock {
  /** How far ahead of the real time this clock is. */
  private offset: number;
  /** Pending timers, by due time then order of setting. */
  private readonly timers: VirtualTimer[] = [];
  private seq = 0;
  /** Bumped by every timer set or cleared: unchanged over a quiet window means everything is waiting. */
  private activity = 0;
  private readonly quietMs: number;
  private autoAdvance: boolean;
  private advancing = false;
  private holds = 0;
  /** The real timer for the earliest timer, should the real time reach it first. */
  private real: NodeJS.Timeout | null = null;

  constructor(options: VirtualClockOptions = {}) {
    this.offset = Math.max(0, (options.start ?? Date.now()) - Date.now());
    this.autoAdvance = options.autoAdvance ?? false;
    this.quietMs = options.quietMs ?? 5;
  }

  now(): number {
    return Date.now() + this.offset;
  }

  setTimer(ms: number, callback: () => void): TimerHandle {
    const timer: VirtualTimer = { at: this.now() + Math.max(0, ms), seq: this.seq++, callback };
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
    if (low === 0) this.arm();
    if (this.autoAdvance && !this.advancing) void this.autoLoop();
    return timer;
  }

  clearTimer(handle: TimerHandle): void {
    const index = this.timers.indexOf(handle as VirtualTimer);
    if (index < 0) return;
    this.timers.splice(index, 1);
    this.activity++;
    if (index === 0) this.arm();
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
    return this.advanceTo(this.now() + ms);
  }

  /**
   * Moves time to `time`, firing each timer due by then at its own due time, and waiting for quiet
   * after each (what it set in motion may set further timers within the window: they fire too).
   */
  async advanceTo(time: number): Promise<void> {
    for (;;) {
      const next = this.timers[0];
      if (!next || next.at > time) break;
      this.skipTo(next.at);
      this.fire(next);
      await this.quiet();
    }
    this.skipTo(time);
  }

  /** Jumps to the earliest pending timer and fires it, then waits for quiet. False when none is pending. */
  async runNext(): Promise<boolean> {
    const next = this.timers[0];
    if (!next) return false;
    this.skipTo(next.at);
    this.fire(next);
    await this.quiet();
    return true;
  }

  /** Keeps auto-advance from skipping time until the returned function is called (a test looks at a moment). */
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

  /** Turns auto-advance off (a harness closing); pending timers fire by the real time. */
  stop(): void {
    this.autoAdvance = false;
  }

  private skipTo(time: number): void {
    const ahead = time - this.now();
    if (ahead > 0) this.offset += ahead;
  }

  private fire(timer: VirtualTimer): void {
    const index = this.timers.indexOf(timer);
    if (index < 0) return;
    this.timers.splice(index, 1);
    if (index === 0) this.arm();
    timer.callback();
  }

  /** Sets the real timer of the earliest timer (it fires the timers the real time has reached). */
  private arm(): void {
    if (this.real) clearTimeout(this.real);
    this.real = null;
    const next = this.timers[0];
    if (!next) return;
    this.real = setTimeout(
      () => {
        this.real = null;
        const now = this.now();
        for (let due = this.timers[0]; due && due.at <= now; due = this.timers[0]) this.fire(due);
        if (!this.real) this.arm();
      },
      Math.max(0, next.at - this.now()),
    );
    this.real.unref();
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
        if (next && this.autoAdvance && this.holds === 0) {
          this.skipTo(next.at);
          this.fire(next);
        }
      }
    } finally {
      this.advancing = false;
    }
  }
}
