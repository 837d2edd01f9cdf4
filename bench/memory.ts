import SQLite from 'better-sqlite3';
import { newId, openStore } from '@assay/store';
import { sampleRss, startServerProcess } from './support/server-process';
import { log, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3, parseDefinition } from './support/workflows';

/**
 * Memory with a deep queue: 100,000 queued runs of the 3-step chain are written straight into a fresh
 * SQLite file (schema and workflow through the store's API, the run rows in one raw transaction),
 * then the real server starts on that file in a child process with the default worker concurrency.
 * Its RSS is sampled every 100 ms (/proc/<pid>/status) while it drains the queue, for at most
 * `MAX_DRAIN_MS`; the peak and the drain rate are reported (and what was left, if time ran out).
 */
export interface MemoryResult {
  queued: number;
  prefillMs: number;
  serverStartMs: number;
  /** RSS at the first sample, right after the server said it was listening (draining had just begun). */
  startRssMiB: number;
  peakRssMiB: number;
  hwmMiB: number;
  drainedRuns: number;
  drainMs: number;
  drainRunsPerSec: number;
  leftInQueue: number;
  fullyDrained: boolean;
}

const MAX_DRAIN_MS = Number(process.env.BENCH_MEMORY_MAX_DRAIN_MS ?? 75_000);

export async function run(): Promise<MemoryResult> {
  const queued = scaled(100_000, 1000);
  const temp = tempDir('memory');
  let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  try {
    log(`memory: writing ${queued} queued runs into ${temp.file}`);
    const tPrefill = performance.now();
    const { workspaceId } = await prefill(temp.file, queued);
    const prefillMs = performance.now() - tPrefill;

    const reader = new SQLite(temp.file, { readonly: true });
    const completedCount = reader.prepare(`select count(*) as n from runs where workspace_id = ? and status = 'completed'`);
    const count = () => (completedCount.get(workspaceId) as { n: number }).n;

    const tStart = performance.now();
    server = await startServerProcess({ dataDir: temp.dir });
    const serverStartMs = performance.now() - tStart;
    const rss = sampleRss(server.pid, 100);
    log(`memory: server up in ${round(serverStartMs, 0)} ms, draining (at most ${MAX_DRAIN_MS / 1000} s)`);
    const t0 = performance.now();
    let drained = 0;
    let lastLog = t0;
    while (performance.now() - t0 < MAX_DRAIN_MS) {
      await sleep(250);
      drained = count();
      if (drained >= queued) break;
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`memory: ${drained} of ${queued} done, server RSS ${round(server.memory()?.rssMiB ?? 0, 0)} MiB`);
      }
    }
    const drainMs = performance.now() - t0;
    drained = count();
    const memory = rss.stop();
    reader.close();
    const result: MemoryResult = {
      queued,
      prefillMs: round(prefillMs, 0),
      serverStartMs: round(serverStartMs, 0),
      startRssMiB: round(memory.firstMiB, 0),
      peakRssMiB: round(memory.peakMiB, 0),
      hwmMiB: round(memory.hwmMiB, 0),
      drainedRuns: drained,
      drainMs: round(drainMs, 0),
      drainRunsPerSec: rate(drained, drainMs),
      leftInQueue: queued - drained,
      fullyDrained: drained >= queued,
    };
    log(
      `memory: peak RSS ${result.peakRssMiB} MiB (VmHWM ${result.hwmMiB}), drained ${drained}/${queued} at ${result.drainRunsPerSec} runs/s`,
    );
    return result;
  } finally {
    await server?.stop();
    temp.cleanup();
  }
}

/** Schema, workspace and workflow through the store; `count` run rows in one raw transaction. */
async function prefill(file: string, count: number): Promise<{ workspaceId: string }> {
  const store = await openStore({ sqliteFile: file, synchronous: 'normal' });
  // The server's bootstrap adopts the first workspace as its default, so the key can see these runs.
  const workspace = await store.access.createWorkspace('default');
  const workflow = await store.workflows.create({ workspaceId: workspace.id, definition: parseDefinition(CHAIN3), createdBy: null });
  await store.close();
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  const insert = sqlite.prepare(
    `insert into runs (id, workspace_id, workflow_id, workflow_version, status, input, trigger, priority, due_at, created_at, updated_at)
     values (?, ?, ?, 1, 'queued', ?, 'api', 0, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const now = Date.now();
      insert.run(newId(now), workspace.id, workflow.id, JSON.stringify({ n: i }), now, now, now);
    }
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.close();
  return { workspaceId: workspace.id };
}
