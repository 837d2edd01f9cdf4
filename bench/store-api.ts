import type { StepRecord } from '@assay/engine';
import { openStore, type WriteBatcher } from '@assay/store';
import { intArg } from './support/args';
import { log, rate, round, scaled } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3, parseDefinition } from './support/workflows';

/**
 * A diagnostic between the raw floor and the engine: the same lifecycle (create, claim, three
 * checkpoints, finish) through the store's own API (Kysely + WriteBatcher group commit), driven by
 * 100 concurrent async "workers" and no engine. Engine ÷ this = engine overhead; this ÷ floor (b) =
 * store-layer overhead (query building, statement preparation, batching).
 */
export interface StoreApiResult {
  runs: number;
  runsPerSec: number;
  ms: number;
  concurrency: number;
  writes: number;
  commits: number;
  writesPerCommit: number;
}

const WORKER = 'bench-worker';
const CONCURRENCY = 100;

export async function run(args: Record<string, string> = {}): Promise<StoreApiResult> {
  const n = scaled(intArg(args, 'n', 20_000), 500);
  await once(Math.min(1000, n)); // warm-up
  log(`store API (Kysely + WriteBatcher): ${n} runs, ${CONCURRENCY} in flight`);
  const result = await once(n);
  log(`store API: ${result.runsPerSec} runs/s, ${result.writesPerCommit} writes per commit`);
  return result;
}

async function once(n: number): Promise<StoreApiResult> {
  const temp = tempDir('store-api');
  const store = await openStore({ sqliteFile: temp.file, synchronous: 'normal' });
  try {
    const workspace = await store.access.createWorkspace('bench');
    const workflow = await store.workflows.create({ workspaceId: workspace.id, definition: parseDefinition(CHAIN3), createdBy: null });
    const counters = { writes: 0, commits: 0 };
    const batcher = (store.queue as unknown as { writes: WriteBatcher }).writes;
    const write = batcher.write.bind(batcher);
    batcher.write = ((work: never, key?: string) => (counters.writes++, write(work, key))) as WriteBatcher['write'];
    const transaction = store.db.transaction.bind(store.db);
    store.db.transaction = (() => (counters.commits++, transaction())) as typeof store.db.transaction;

    let next = 0;
    const worker = async () => {
      while (next < n) {
        next++;
        await store.runs.create({
          workspaceId: workspace.id,
          workflowId: workflow.id,
          workflowVersion: 1,
          input: { n: 1 },
          trigger: 'api',
        });
        const [claimed] = await store.queue.claimRuns({ workerId: WORKER, limit: 1, now: Date.now(), leaseMs: 30_000 });
        if (!claimed) throw new Error('nothing claimed');
        const lease = { runId: claimed.id, workerId: WORKER };
        let value = Number(claimed.input.n);
        for (const stepId of ['a', 'b', 'c']) {
          value = value + 1;
          const now = Date.now();
          const record: StepRecord = {
            stepId,
            type: 'transform',
            status: 'completed',
            attempts: 1,
            startedAt: now,
            completedAt: now,
            config: { expression: 'x' },
            output: value,
            error: null,
            usage: null,
            wakeAt: null,
          };
          if (!(await store.queue.recordStep(lease, record))) throw new Error('checkpoint refused');
        }
        if (!(await store.queue.finishRun(lease, { status: 'completed', output: value, completedAt: Date.now() })))
          throw new Error('finish refused');
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const ms = performance.now() - t0;
    const counts = await store.runs.countByStatus();
    if (counts.completed !== n) throw new Error(`store API verification failed: ${JSON.stringify(counts)}`);
    return {
      runs: n,
      runsPerSec: rate(n, ms),
      ms: round(ms, 0),
      concurrency: CONCURRENCY,
      writes: counters.writes,
      commits: counters.commits,
      writesPerCommit: round(counters.writes / Math.max(1, counters.commits), 1),
    };
  } finally {
    await store.close();
    temp.cleanup();
  }
}
