import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { AssayError } from '@assay/schema';
import { Engine, isRunFinished, type RunEvent, type StepRegistry } from '@assay/engine';
import { builtInSteps, createModelResolver } from '@assay/steps';
import { createLogger, PARK_THRESHOLD_MS, storeArtifacts, storeDatasets } from '@assay/runtime';
import type { Transaction } from 'kysely';
import { openStore, WriteBatcher, type Database, type Store, type WorkflowRecord } from '@assay/store';
import { parseDefinition } from './workflows';
import { tempDir } from './temp';
import { noApprovals } from './no-approvals';

/**
 * The engine and store composed as `startAssay` composes them (same options, a pino logger at
 * `warn` like the HTTP benchmarks), without HTTP, on a fresh temp SQLite file.
 */
export interface EngineHarness {
  store: Store;
  engine: Engine;
  workspaceId: string;
  /** Stores a workflow definition (validated against the registry first). */
  addWorkflow(raw: unknown): Promise<WorkflowRecord>;
  /** Queues a run the way the API's RunService does (store, then notify). */
  createRun(workflow: WorkflowRecord, input: Record<string, unknown>): Promise<string>;
  /** Write-batcher counters since the harness started (diagnostics only). */
  batcherStats(): { requested: number; writes: number; commits: number };
  close(): Promise<void>;
}

export async function startEngineHarness(options: { concurrency: number; registry?: StepRegistry; label: string }): Promise<EngineHarness> {
  const temp = tempDir(options.label);
  const store = await openStore({ sqliteFile: temp.file, synchronous: 'normal' });
  const counters = instrumentBatcher(store);
  const workspace = await store.access.createWorkspace('bench');
  const logger = createLogger('warn', pino.destination(2));
  const workerId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const engine = new Engine({
    store: store.queue,
    registry:
      options.registry ??
      builtInSteps({
        ai: createModelResolver({ compatible: {} }),
        httpAllow: [],
        mcpServers: { get: async () => null },
        documents: { search: async () => [] },
        signals: store.signals,
        approvals: noApprovals,
        mcpStdio: false,
        datasets: storeDatasets(store),
        sqliteRoot: temp.file,
        children: {
          start: async () => {
            throw new Error('no child runs in the bench');
          },
          get: async () => null,
        },
      }),
    clock: { now: () => Date.now() },
    logger,
    workerId,
    concurrency: options.concurrency,
    leaseMs: 30_000,
    pollMs: 1000,
    parkThresholdMs: PARK_THRESHOLD_MS,
    // The bench composes the engine with the server's own store-backed adapters (no credentials exist).
    credentials: () => ({
      get: async (name) => {
        throw new AssayError('not_found', `credential "${name}" not found`);
      },
    }),
    artifacts: storeArtifacts(store),
  });
  await engine.start({ exclusive: true });
  return {
    store,
    engine,
    workspaceId: workspace.id,
    async addWorkflow(raw) {
      const definition = parseDefinition(raw);
      engine.compile(definition);
      return store.workflows.create({ workspaceId: workspace.id, definition, createdBy: null });
    },
    async createRun(workflow, input) {
      const { run } = await store.runs.create({
        workspaceId: workspace.id,
        workflowId: workflow.id,
        workflowVersion: workflow.version,
        input,
        trigger: 'api',
      });
      engine.notify();
      return run.id;
    },
    batcherStats: () => ({ ...counters }),
    async close() {
      await engine.stop(5000);
      await store.close();
      temp.cleanup();
    },
  };
}

/**
 * Counts writes handed to this store's WriteBatcher (requested), those it executed (after per-key
 * coalescing; a failed batch replayed write by write would count twice) and its group transactions,
 * by wrapping the methods on the instances (nothing in the engine or store is changed).
 */
function instrumentBatcher(store: Store): { requested: number; writes: number; commits: number } {
  const counters = { requested: 0, writes: 0, commits: 0 };
  const queue = store.queue as unknown as { writes: WriteBatcher };
  const batcher = queue.writes;
  if (!(batcher instanceof WriteBatcher)) return counters;
  const write = batcher.write.bind(batcher);
  batcher.write = (<T>(work: (trx: Transaction<Database>) => Promise<T>, key?: string) => {
    counters.requested++;
    return write(async (trx) => {
      counters.writes++; // runs once per executed write: a write superseded under its key never runs
      return work(trx);
    }, key);
  }) as WriteBatcher['write'];
  const db = store.db;
  const transaction = db.transaction.bind(db);
  db.transaction = (() => {
    counters.commits++;
    return transaction();
  }) as typeof db.transaction;
  return counters;
}

/** Resolves once `count` runs have finished (any status); counts their statuses. */
export function finishedCounter(engine: Engine): {
  wait(count: number): Promise<void>;
  statuses: Record<string, number>;
  total(): number;
  stop(): void;
} {
  const statuses: Record<string, number> = {};
  let total = 0;
  let target = Infinity;
  let resolveWait: (() => void) | null = null;
  const off = engine.onRunEvent((event: RunEvent) => {
    if (!isRunFinished(event)) return;
    total++;
    const status = event.status ?? 'unknown';
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (total >= target && resolveWait) {
      resolveWait();
      resolveWait = null;
    }
  });
  return {
    statuses,
    total: () => total,
    stop: off,
    wait(count) {
      target = count;
      if (total >= count) return Promise.resolve();
      return new Promise<void>((resolve) => (resolveWait = resolve));
    },
  };
}
