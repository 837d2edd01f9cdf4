import type { Worker } from 'node:worker_threads';

/*
 * Time limits of isolated work count the CPU time of the thread doing it, not the wall clock.
 * Isolate and sandbox threads run niced below the event loop, so on a busy machine they get little
 * CPU, and work that fits its budget must not fail then. A thread's CPU time never runs ahead of the
 * wall clock: the cheap wall clock says when the budget could first be spent, and CPU time is read
 * only from then on.
 */

/**
 * Inside the thread doing the work: a check, cheap enough to call at every evaluation step, of
 * whether this thread has used more than `budgetMs` of CPU time since `threadCpuBudget` was called.
 */
export function threadCpuBudget(budgetMs: number): () => boolean {
  const cpuAtStart = process.threadCpuUsage();
  let nextLook = performance.now() + budgetMs;
  return () => {
    const now = performance.now();
    if (now < nextLook) return false;
    const used = process.threadCpuUsage(cpuAtStart);
    const usedMs = (used.user + used.system) / 1000;
    if (usedMs > budgetMs) return true;
    // The rest of the budget cannot be spent sooner than this.
    nextLook = now + (budgetMs - usedMs);
    return false;
  };
}

export interface WorkerCpuWatch {
  /**
   * The worker's CPU usage as the work started, as the worker itself read it
   * (`process.threadCpuUsage()`, the clock `worker.cpuUsage()` reads): no round trip to ask for it.
   */
  startedAt: NodeJS.CpuUsage;
  /** CPU time the worker may use from then, ms. */
  budgetMs: number;
  /**
   * Wall-clock time after which the work counts as over its limit whatever it used: a machine that
   * gives it almost no CPU still ends it at some point.
   */
  ceilingMs: number;
  /** The work used its budget, or ran past the ceiling. */
  onOver(): void;
}

/**
 * From the thread that started a worker: watches the worker's CPU time (`worker.cpuUsage()`), the
 * backstop for work that cannot stop itself (a long native call). It looks when the budget could
 * first be spent, then again when what is left of it could be. Returns a function that stops watching.
 */
export function watchWorkerCpu(worker: Worker, watch: WorkerCpuWatch): () => void {
  const budgetUs = watch.budgetMs * 1000;
  const ceiling = Date.now() + watch.ceilingMs;
  const from = watch.startedAt;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const look = (afterMs: number) => {
    timer = setTimeout(() => {
      if (stopped) return;
      if (Date.now() >= ceiling) return watch.onOver();
      worker.cpuUsage().then(
        (now) => {
          if (stopped) return;
          const used = now.user + now.system - from.user - from.system;
          if (used >= budgetUs) watch.onOver();
          else look(Math.min(Math.ceil((budgetUs - used) / 1000), Math.max(1, ceiling - Date.now())));
        },
        () => undefined, // the worker is gone: its exit ends the work
      );
    }, afterMs);
  };
  look(watch.budgetMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
