import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { threadCpuBudget, watchWorkerCpu } from './cpu-budget';

/** A worker that, told 'spin', burns CPU until told to stop, and told 'sleep', blocks using none. */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (what) => {
  if (what === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (what === 'spin') for (;;) {}
});
`;

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

function start(what: 'spin' | 'sleep'): Promise<Worker> {
  const worker = new Worker(WORKER, { eval: true });
  workers.push(worker);
  return new Promise((resolve) => worker.once('online', () => (worker.postMessage(what), resolve(worker))));
}

const cpuMs = async (worker: Worker) => {
  const used = await worker.cpuUsage();
  return (used.user + used.system) / 1000;
};

describe('threadCpuBudget', () => {
  it('counts this thread’s CPU time, not the time it spent blocked', () => {
    const over = threadCpuBudget(50);
    // Blocked for twice the budget: the wall clock passed it, CPU time did not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    expect(over()).toBe(false);
    const from = process.threadCpuUsage();
    while (!over()) {
      // busy
    }
    const spun = process.threadCpuUsage(from);
    expect((spun.user + spun.system) / 1000).toBeGreaterThan(40);
  });
});

describe('watchWorkerCpu', () => {
  it('calls a busy worker over once it has used its budget of CPU time', async () => {
    const worker = await start('spin');
    const before = await cpuMs(worker);
    await new Promise<void>((resolve) => watchWorkerCpu(worker, { budgetMs: 100, ceilingMs: 600_000, onOver: resolve }));
    expect((await cpuMs(worker)) - before).toBeGreaterThanOrEqual(100);
  });

  it('calls a worker that uses no CPU over at the wall-clock ceiling', async () => {
    const worker = await start('sleep');
    const before = await cpuMs(worker);
    const started = Date.now();
    await new Promise<void>((resolve) => watchWorkerCpu(worker, { budgetMs: 100, ceilingMs: 400, onOver: resolve }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // Not its budget: it used (almost) none of it.
    expect((await cpuMs(worker)) - before).toBeLessThan(100);
  });

  it('calls nothing once stopped', async () => {
    const worker = await start('spin');
    let called = false;
    const stop = watchWorkerCpu(worker, { budgetMs: 50, ceilingMs: 100, onOver: () => (called = true) });
    stop();
    // Long enough for both the budget and the ceiling to have passed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(called).toBe(false);
  });
});
