import { describe, expect, it } from 'vitest';
import { HashingSlots } from './hashing-slots';

/** A task that runs until it is let go. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  return {
    work: async () => {
      started = true;
      await done;
      return 'hashed';
    },
    release,
    get started() {
      return started;
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('HashingSlots', () => {
  it('runs at most `concurrency` hashes, queues up to `queue`, and refuses the rest at once with 429', async () => {
    const slots = new HashingSlots({ concurrency: 2, queue: 1 });
    const tasks = [held(), held(), held()];
    const running = tasks.map((task) => slots.run(task.work));
    await settle();
    expect(tasks.map((task) => task.started)).toEqual([true, true, false]);
    await expect(slots.run(async () => 'one too many')).rejects.toMatchObject({ code: 'rate_limited', retryAfterMs: 1000 });
    tasks[0]?.release();
    await settle();
    expect(tasks[2]?.started).toBe(true);
    for (const task of tasks) task.release();
    expect(await Promise.all(running)).toEqual(['hashed', 'hashed', 'hashed']);
    expect(slots.busy).toBe(0);
    expect(await slots.run(async () => 'free again')).toBe('free again');
  });

  it('frees the slot of a hash that fails', async () => {
    const slots = new HashingSlots({ concurrency: 1, queue: 0 });
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run(async () => 'next')).toBe('next');
  });
});
