import { finishedCounter, startEngineHarness } from './support/engine-harness';
import { intArg } from './support/args';
import { log, rate, round, scaled } from './support/stats';
import { CHAIN3 } from './support/workflows';

/**
 * The real Engine over the real store (composed like start-assay.ts, no HTTP): N runs of the
 * three-step transform chain are created through `store.runs.create` (as the API does, all at once),
 * and the clock stops when the last `run.completed` event arrives.
 */
export interface EngineRunResult {
  concurrency: number;
  runs: number;
  /** From the first create to the last run finished (includes the inserts, like the floor). */
  runsPerSec: number;
  totalMs: number;
  /** Creating the N runs (all requested at once, group-committed). */
  createMs: number;
  /** Finished runs per second after the last create committed. */
  drainRunsPerSec: number;
  statuses: Record<string, number>;
  /** Writes handed to the WriteBatcher. */
  requestedWrites: number;
  /** Writes it executed (a step's start record superseded by its result is never executed). */
  writes: number;
  commits: number;
  writesPerCommit: number;
}

/** One worker concurrency (`concurrency=100` by default), after a warm-up pass on its own file. */
export async function run(args: Record<string, string> = {}): Promise<EngineRunResult> {
  const n = scaled(intArg(args, 'n', 20_000), 500);
  const concurrency = intArg(args, 'concurrency', 100);
  await once(concurrency, Math.min(2000, n), true); // warm-up (JIT)
  return once(concurrency, n, false);
}

async function once(concurrency: number, n: number, warmup: boolean): Promise<EngineRunResult> {
  const harness = await startEngineHarness({ concurrency, label: `engine-${concurrency}` });
  try {
    const workflow = await harness.addWorkflow(CHAIN3);
    const finished = finishedCounter(harness.engine);
    const base = harness.batcherStats();
    if (!warmup) log(`engine: ${n} runs of the 3-step chain, worker concurrency ${concurrency}`);
    const t0 = performance.now();
    const creates: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      creates.push(
        harness.store.runs.create({
          workspaceId: harness.workspaceId,
          workflowId: workflow.id,
          workflowVersion: workflow.version,
          input: { n: i },
          trigger: 'api',
        }),
      );
    }
    await Promise.all(creates);
    harness.engine.notify();
    const tCreated = performance.now();
    await finished.wait(n);
    const tDone = performance.now();
    finished.stop();
    const stats = harness.batcherStats();
    const writes = stats.writes - base.writes;
    const requestedWrites = stats.requested - base.requested;
    const commits = stats.commits - base.commits;
    const result: EngineRunResult = {
      concurrency,
      runs: n,
      runsPerSec: rate(n, tDone - t0),
      totalMs: round(tDone - t0, 0),
      createMs: round(tCreated - t0, 0),
      drainRunsPerSec: rate(n, tDone - tCreated),
      statuses: { ...finished.statuses },
      requestedWrites,
      writes,
      commits,
      writesPerCommit: round(writes / Math.max(1, commits), 1),
    };
    if (!warmup)
      log(
        `engine c=${concurrency}: ${result.runsPerSec} runs/s (create ${result.createMs} ms, drain ${result.drainRunsPerSec} runs/s), ${result.writesPerCommit} writes/commit, ${(writes / n).toFixed(1)} writes/run`,
      );
    if ((result.statuses.completed ?? 0) !== n) throw new Error(`engine: not every run completed: ${JSON.stringify(result.statuses)}`);
    return result;
  } finally {
    await harness.close();
  }
}
