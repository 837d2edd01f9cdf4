import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '../ports';
import { AGAIN, Loop, POLL, type LoopOptions, type NextPass } from './loop';

const errors: unknown[] = [];
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (obj) => void errors.push(obj),
  child: () => logger,
};
const clock = { now: () => Date.now() };

/** A loop whose passes are recorded (at the fake clock's time) and answer what `next` says. */
function loop(options: Partial<LoopOptions> & { next?: () => NextPass | Promise<NextPass> } = {}) {
  const passes: number[] = [];
  const start = Date.now();
  const subject = new Loop({
    name: 'test',
    logger,
    clock,
    pollMs: 1000,
    pass: async () => {
      passes.push(Date.now() - start);
      return (await options.next?.()) ?? POLL;
    },
    ...options,
  });
  return { subject, passes };
}

beforeEach(() => {
  vi.useFakeTimers();
  errors.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('Loop', () => {
  it('passes at start, then once per poll while nothing is due', async () => {
    const { subject, passes } = loop();
    subject.start();
    await vi.advanceTimersByTimeAsync(2500);
    expect(passes).toEqual([0, 1000, 2000]);
    await subject.stop();
  });

  it('sleeps until the due time a pass names when it is sooner than the poll', async () => {
    let first = true;
    const { subject, passes } = loop({ next: () => (first ? ((first = false), { dueAt: Date.now() + 300 }) : POLL) });
    subject.start();
    await vi.advanceTimersByTimeAsync(1400);
    expect(passes).toEqual([0, 300, 1300]);
    await subject.stop();
  });

  it('passes again at once when a pass says there is more', async () => {
    let left = 3;
    const { subject, passes } = loop({ next: () => (left-- > 0 ? AGAIN : POLL) });
    subject.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(passes).toEqual([0, 0, 0, 0]);
    await subject.stop();
  });

  it('a notification cuts the sleep short; one during a pass makes another follow, never overlapping it', async () => {
    let inPass = 0;
    let overlapped = false;
    let release: (() => void) | null = null;
    const { subject, passes } = loop({
      next: async () => {
        overlapped ||= ++inPass > 1;
        if (passes.length === 2) await new Promise<void>((resolve) => (release = resolve));
        inPass--;
        return POLL;
      },
    });
    subject.start();
    await vi.advanceTimersByTimeAsync(100);
    subject.notify(); // sleeping: wakes now
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([0, 100]);
    subject.notify(); // during the second pass
    subject.notify();
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toEqual([0, 100, 100]);
    expect(overlapped).toBe(false);
    await subject.stop();
  });

  it('serves a burst of notifications with one pass after the debounce', async () => {
    const { subject, passes } = loop({ debounceMs: 10 });
    subject.start();
    await vi.advanceTimersByTimeAsync(50);
    for (let i = 0; i < 5; i++) subject.notify();
    await vi.advanceTimersByTimeAsync(9);
    expect(passes).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toEqual([0, 60]);
    await subject.stop();
  });

  it('wakeAt shortens the sleep, never lengthens it', async () => {
    const { subject, passes } = loop();
    subject.start();
    await vi.advanceTimersByTimeAsync(1);
    subject.wakeAt(Date.now() + 200);
    subject.wakeAt(Date.now() + 500);
    await vi.advanceTimersByTimeAsync(300);
    expect(passes).toEqual([0, 201]);
    await subject.stop();
  });

  it('waits firstPassAfterMs before the first pass', async () => {
    const { subject, passes } = loop({ firstPassAfterMs: 400 });
    subject.start();
    await vi.advanceTimersByTimeAsync(399);
    expect(passes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toEqual([400]);
    await subject.stop();
  });

  it('logs a failing pass and tries again at the next poll', async () => {
    let failures = 1;
    const { subject, passes } = loop({
      next: () => {
        if (failures-- > 0) throw new Error('database is down');
        return POLL;
      },
    });
    subject.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toEqual([0, 1000]);
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0], (_k, v: unknown) => (v instanceof Error ? v.message : v))).toContain('database is down');
    await subject.stop();
  });

  it('stop waits for the pass in flight, then the drain (recovery still running), and passes no more', async () => {
    const recoveries: number[] = [];
    let release: (() => void) | null = null;
    const { subject, passes } = loop({
      next: async () => {
        if (passes.length === 2) await new Promise<void>((resolve) => (release = resolve));
        return POLL;
      },
      recover: { everyMs: 100, run: async () => void recoveries.push(Date.now()) },
    });
    subject.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(passes).toHaveLength(2);
    let stopped = false;
    let drained: (() => void) | null = null;
    const stopping = subject.stop(() => new Promise<void>((resolve) => (drained = resolve))).then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(drained).not.toBeNull();
    const before = recoveries.length;
    await vi.advanceTimersByTimeAsync(300); // draining: leases are still renewed
    expect(recoveries.length).toBe(before + 3);
    drained!();
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);
    expect(passes).toHaveLength(2);
    expect(recoveries.length).toBe(before + 3);
  });

  it('recovers every everyMs, even while an earlier recovery hangs on a database that went away', async () => {
    let started = 0;
    const { subject } = loop({
      recover: {
        everyMs: 100,
        run: async () => {
          if (++started === 1) await new Promise(() => undefined); // never answers
        },
      },
    });
    subject.start();
    await vi.advanceTimersByTimeAsync(350);
    expect(started).toBe(3);
    subject.recoverNow();
    expect(started).toBe(4);
    void subject.stop();
  });
});

describe('Loop.wakeAt during a pass', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('bounds the sleep after the pass', async () => {
    const passes: number[] = [];
    const start = Date.now();
    const subject: Loop = new Loop({
      name: 'test',
      logger,
      clock,
      pollMs: 1000,
      pass: async () => {
        passes.push(Date.now() - start);
        if (passes.length === 1) subject.wakeAt(Date.now() + 250);
        return POLL;
      },
    });
    subject.start();
    await vi.advanceTimersByTimeAsync(1100);
    expect(passes).toEqual([0, 250, 1250].filter((t) => t <= 1100));
    await subject.stop();
  });
});
