import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { threadCpuBudget, watchWorkerCpu } from './cpu-budget';

/**
 * A worker that, told 'spin', burns CPU until terminated, and told 'sleep', blocks using none; first
 * it reports its CPU usage, as the isolates and the code sandbox do when their work starts.
 */
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (what) => {
  parentPort.postMessage(process.threadCpuUsage());
  if (what === 'sleep') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  if (what === 'spin') for (;;) {}
});
`;

const workers: Worker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.terminate()));
});

async function start(what: 'spin' | 'sleep'): Promise<{ worker: Worker; startedAt: NodeJS.CpuUsage }> {
  const worker = new Worker(WORKER, { eval: true });
  workers.push(worker);
  await new Promise((resolve) => worker.once('online', resolve));
  worker.postMessage(what);
  const startedAt = await new Promise<NodeJS.CpuUsage>((resolve) => worker.once('message', resolve));
  return { worker, startedAt };
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
    const { worker, startedAt } = await start('spin');
    const before = (startedAt.user + startedAt.system) / 1000;
    await new Promise<void>((resolve) => watchWorkerCpu(worker, { startedAt, budgetMs: 100, ceilingMs: 600_000, onOver: resolve }));
    expect((await cpuMs(worker)) - before).toBeGreaterThanOrEqual(100);
  });

  it('calls a worker that uses no CPU over at the wall-clock ceiling', async () => {
    const { worker, startedAt } = await start('sleep');
    const before = await cpuMs(worker);
    const started = Date.now();
    await new Promise<void>((resolve) => watchWorkerCpu(worker, { startedAt, budgetMs: 100, ceilingMs: 400, onOver: resolve }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // Not its budget: it used (almost) none of it.
    expect((await cpuMs(worker)) - before).toBeLessThan(100);
  });

  it('calls nothing once stopped', async () => {
    const { worker, startedAt } = await start('spin');
    let called = false;
    const stop = watchWorkerCpu(worker, { startedAt, budgetMs: 50, ceilingMs: 100, onOver: () => (called = true) });
    stop();
    // Long enough for both the budget and the ceiling to have passed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(called).toBe(false);
  });
});
