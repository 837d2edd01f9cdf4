import { describe, expect, it } from 'vitest';
import { systemClock, VirtualClock, withTimers } from './clock';

describe('VirtualClock', () => {
  it('fires timers in order of due time, then of setting, each at its due time, when advanced', async () => {
    const clock = new VirtualClock({ start: Date.now() + 1_000_000 });
    const start = clock.now();
    const fired: Array<[string, number]> = [];
    clock.setTimer(300, () => fired.push(['c', clock.now() - start]));
    clock.setTimer(100, () => fired.push(['a', clock.now() - start]));
    clock.setTimer(100, () => fired.push(['b', clock.now() - start]));
    const cleared = clock.setTimer(200, () => fired.push(['never', 0]));
    clock.clearTimer(cleared);
    await clock.advance(250);
    expect(fired.map(([name]) => name)).toEqual(['a', 'b']);
    expect(fired.every(([, at]) => at >= 100 && at < 150)).toBe(true);
    expect(clock.now() - start).toBeGreaterThanOrEqual(250);
    expect(await clock.runNext()).toBe(true);
    expect(fired.map(([name]) => name)).toEqual(['a', 'b', 'c']);
    expect(await clock.runNext()).toBe(false);
  });

  it('skips to the next timer by itself when everything waits, and fires a timer the real time reaches', async () => {
    const auto = new VirtualClock({ autoAdvance: true });
    const before = Date.now();
    const skipped = await new Promise<number>((resolve) => auto.setTimer(3_600_000, () => resolve(auto.now())));
    expect(skipped - before).toBeGreaterThanOrEqual(3_600_000);
    expect(Date.now() - before).toBeLessThan(60_000);

    const manual = new VirtualClock();
    const set = manual.now();
    const firedAt = await new Promise<number>((resolve) => manual.setTimer(20, () => resolve(manual.now())));
    expect(firedAt - set).toBeGreaterThanOrEqual(20);
  });

  it('is never behind the real time', () => {
    // Read the real time first: a busy machine may pass milliseconds between the two reads.
    const clock = new VirtualClock({ start: 0 });
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
  });
});

describe('withTimers', () => {
  it('gives a bare time source real timers, and keeps a clock that has its own', () => {
    const source = { now: () => 42 };
    const clock = withTimers(source);
    expect(clock.now()).toBe(42);
    expect(clock.setTimer).toBe(systemClock.setTimer);
    const virtual = new VirtualClock();
    expect(withTimers(virtual)).toBe(virtual);
    expect(withTimers(undefined)).toBe(systemClock);
  });
});
