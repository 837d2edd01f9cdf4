import { describe, expect, it } from 'vitest';
import { KeyedThrottle, type ThrottleTimers } from './keyed-throttle';

/** Timers on a clock the test moves by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const api: ThrottleTimers = {
    now: () => now,
    set: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clear: (handle) => {
      timers = timers.filter((timer) => timer.id !== handle);
    },
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers = timers.filter((timer) => timer !== due);
      now = due.at;
      due.run();
    }
    now = until;
  };
  return { api, advance, pending: () => timers.length };
}

describe('KeyedThrottle', () => {
  it('runs the first request at once and folds a burst into one more run a second later', () => {
    const clock = manualClock();
    const throttle = new KeyedThrottle(1000, clock.api);
    const runs: number[] = [];
    throttle.request('runs', () => runs.push(clock.api.now()));
    clock.advance(0);
    expect(runs).toEqual([0]);

    for (let i = 0; i < 5000; i++) throttle.request('runs', () => runs.push(clock.api.now()));
    clock.advance(999);
    expect(runs).toEqual([0]);
    clock.advance(1);
    expect(runs).toEqual([0, 1000]);
    clock.advance(10_000);
    expect(runs).toEqual([0, 1000]);
  });

  it('runs the latest work of the burst, so nothing after the last event is lost', () => {
    const clock = manualClock();
    const throttle = new KeyedThrottle(1000, clock.api);
    const seen: string[] = [];
    throttle.request('k', () => seen.push('first'));
    clock.advance(0);
    throttle.request('k', () => seen.push('second'));
    throttle.request('k', () => seen.push('third'));
    clock.advance(1000);
    expect(seen).toEqual(['first', 'third']);
  });

  it('throttles each key on its own', () => {
    const clock = manualClock();
    const throttle = new KeyedThrottle(1000, clock.api);
    const seen: string[] = [];
    throttle.request('runs', () => seen.push('runs'));
    throttle.request('batches', () => seen.push('batches'));
    clock.advance(0);
    expect(seen.sort()).toEqual(['batches', 'runs']);
  });

  it('runs again at once when the interval has passed since the last run', () => {
    const clock = manualClock();
    const throttle = new KeyedThrottle(1000, clock.api);
    const runs: number[] = [];
    throttle.request('k', () => runs.push(clock.api.now()));
    clock.advance(5000);
    throttle.request('k', () => runs.push(clock.api.now()));
    clock.advance(0);
    expect(runs).toEqual([0, 5000]);
  });

  it('drops the waiting runs when cancelled', () => {
    const clock = manualClock();
    const throttle = new KeyedThrottle(1000, clock.api);
    const seen: string[] = [];
    throttle.request('k', () => seen.push('now'));
    clock.advance(0);
    throttle.request('k', () => seen.push('later'));
    throttle.cancel();
    expect(clock.pending()).toBe(0);
    clock.advance(5000);
    expect(seen).toEqual(['now']);
  });
});
