import SQLite from 'better-sqlite3';
import { newId, openStore } from '@assay/store';
import { intArg } from './support/args';
import { CHECKPOINT, CLAIM, COMPLETE, INSERT_EVENT, INSERT_RUN } from './support/sql';
import { log, rate, round, scaled } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3, parseDefinition } from './support/workflows';

/**
 * The store floor: the run lifecycle the engine performs (insert the run, claim it, checkpoint three
 * steps, complete it, and append each change to the event log: queued, started, each step started
 * and completed, completed), as the same SQL the store issues, written directly against
 * better-sqlite3 with prepared statements on the real schema and the store's pragmas. No Kysely, no
 * engine.
 *
 *  (a) one transaction per operation: every write is durable on its own (6 commits per run);
 *  (b) group commit: the writes of `GROUP` runs share one transaction, as the WriteBatcher commits.
 */
export interface StoreFloorResult {
  runs: number;
  perOpRunsPerSec: number;
  perOpMs: number;
  groupRunsPerSec: number;
  groupMs: number;
  groupSize: number;
  commitsPerRunPerOp: number;
}

const WORKER = 'bench-worker';
const LEASE_MS = 30_000;
const GROUP = 100; // the engine's default worker concurrency: at most this many runs in flight
const CLAIM_BATCH = 64; // WorkerPool's CLAIM_BATCH

const STEPS = [
  { id: 'a', config: JSON.stringify({ expression: 'input.n + 1' }), output: '2' },
  { id: 'b', config: JSON.stringify({ expression: 'steps.a.output * 2' }), output: '4' },
  { id: 'c', config: JSON.stringify({ expression: 'steps.b.output - 1' }), output: '3' },
];

interface Statements {
  insert: SQLite.Statement;
  claim: SQLite.Statement;
  checkpoint: SQLite.Statement;
  complete: SQLite.Statement;
  event: SQLite.Statement;
  /** The transaction around one operation (a) or none: already inside the group's (b). */
  op: <T>(fn: () => T) => T;
}

async function prepareFile(label: string) {
  const temp = tempDir(label);
  // The schema comes from the store's own migrations; the workflow row from its own API.
  const store = await openStore({ sqliteFile: temp.file, synchronous: 'normal' });
  const workspace = await store.access.createWorkspace('bench');
  const workflow = await store.workflows.create({ workspaceId: workspace.id, definition: parseDefinition(CHAIN3), createdBy: null });
  await store.close();
  // A separate connection with the pragmas of packages/store/src/sqlite/open-sqlite.ts.
  const sqlite = new SQLite(temp.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -65536');
  const statements: Statements = {
    insert: sqlite.prepare(INSERT_RUN),
    claim: sqlite.prepare(CLAIM),
    checkpoint: sqlite.prepare(CHECKPOINT),
    complete: sqlite.prepare(COMPLETE),
    event: sqlite.prepare(INSERT_EVENT),
    op: (fn) => sqlite.transaction(fn)(),
  };
  return { temp, sqlite, statements, workspaceId: workspace.id, workflowId: workflow.id };
}

interface Claimed {
  id: string;
  workspaceId: string;
  workflowId: string;
}

function insertRun(s: Statements, workspaceId: string, workflowId: string): string {
  const now = Date.now();
  const id = newId(now);
  s.op(() => {
    s.insert.run(id, workspaceId, workflowId, 1, '{"n":1}', now, now, now);
    s.event.run(workspaceId, 'run.queued', id, workflowId, null, null, JSON.stringify({ status: 'queued', trigger: 'api' }), now);
  });
  return id;
}

function claim(s: Statements, limit: number): Claimed[] {
  const now = Date.now();
  return s.op(() => {
    const rows = s.claim.all(WORKER, now + LEASE_MS, now, now, now, limit) as Array<{
      id: string;
      input: string;
      workspace_id: string;
      workflow_id: string;
    }>;
    return rows.map((row) => {
      JSON.parse(row.input); // the store decodes the input of every claimed run
      s.event.run(row.workspace_id, 'run.started', row.id, row.workflow_id, null, null, JSON.stringify({ status: 'running' }), now);
      return { id: row.id, workspaceId: row.workspace_id, workflowId: row.workflow_id };
    });
  });
}

function checkpoint(s: Statements, run: Claimed, step: (typeof STEPS)[number]): void {
  const now = Date.now();
  s.op(() => {
    const changes = s.checkpoint.run(
      run.id,
      step.id,
      'transform',
      'completed',
      1,
      step.config,
      step.output,
      null,
      null,
      null,
      now,
      now,
      run.id,
      WORKER,
    ).changes;
    if (changes !== 1) throw new Error(`checkpoint refused for ${run.id}/${step.id}`);
    const data = { stepId: step.id, stepType: 'transform', attempt: 1, startedAt: new Date(now).toISOString() };
    s.event.run(
      run.workspaceId,
      'step.started',
      run.id,
      run.workflowId,
      null,
      step.id,
      JSON.stringify({ ...data, status: 'running' }),
      now,
    );
    s.event.run(
      run.workspaceId,
      'step.completed',
      run.id,
      run.workflowId,
      null,
      step.id,
      JSON.stringify({ ...data, status: 'completed', completedAt: data.startedAt, durationMs: 0, error: null }),
      now,
    );
  });
}

function complete(s: Statements, run: Claimed): void {
  const now = Date.now();
  s.op(() => {
    if (s.complete.run('3', now, now, run.id, WORKER).changes !== 1) throw new Error(`complete refused for ${run.id}`);
    s.event.run(run.workspaceId, 'run.completed', run.id, run.workflowId, null, null, JSON.stringify({ status: 'completed' }), now);
  });
}

/** (a) Each operation in its own (autocommit) transaction: 6 commits per run. */
async function perOperation(n: number): Promise<number> {
  const f = await prepareFile('floor-a');
  try {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      insertRun(f.statements, f.workspaceId, f.workflowId);
      const [run] = claim(f.statements, 1);
      if (run === undefined) throw new Error('nothing claimed');
      for (const step of STEPS) checkpoint(f.statements, run, step);
      complete(f.statements, run);
    }
    const ms = performance.now() - t0;
    verify(f.sqlite, n);
    return ms;
  } finally {
    f.sqlite.close();
    f.temp.cleanup();
  }
}

/** (b) Group commit: `GROUP` runs go through their whole lifecycle inside one transaction. */
async function groupCommitted(n: number): Promise<number> {
  const f = await prepareFile('floor-b');
  const s: Statements = { ...f.statements, op: (fn) => fn() };
  const lifecycle = f.sqlite.transaction((count: number) => {
    for (let i = 0; i < count; i++) insertRun(s, f.workspaceId, f.workflowId);
    const claimed: Claimed[] = [];
    while (claimed.length < count) {
      const got = claim(s, Math.min(CLAIM_BATCH, count - claimed.length));
      if (got.length === 0) throw new Error('claim found nothing');
      claimed.push(...got);
    }
    for (const step of STEPS) for (const run of claimed) checkpoint(s, run, step);
    for (const run of claimed) complete(s, run);
  });
  try {
    const t0 = performance.now();
    for (let done = 0; done < n; done += GROUP) lifecycle(Math.min(GROUP, n - done));
    const ms = performance.now() - t0;
    verify(f.sqlite, n);
    return ms;
  } finally {
    f.sqlite.close();
    f.temp.cleanup();
  }
}

function verify(sqlite: SQLite.Database, n: number): void {
  const row = sqlite.prepare(`select count(*) as n from runs where status = 'completed'`).get() as { n: number };
  const steps = sqlite.prepare(`select count(*) as n from step_runs where status = 'completed'`).get() as { n: number };
  const events = sqlite.prepare(`select count(*) as n from events`).get() as { n: number };
  if (row.n !== n || steps.n !== 3 * n || events.n !== 9 * n)
    throw new Error(`floor verification failed: ${row.n} runs, ${steps.n} steps completed, ${events.n} events`);
}

export async function run(args: Record<string, string> = {}): Promise<StoreFloorResult> {
  const n = scaled(intArg(args, 'n', 20_000), 500);
  // Warm-up (JIT, page cache) on a throwaway file, then the measured passes.
  await perOperation(Math.min(1000, n));
  await groupCommitted(Math.min(1000, n));
  log(`store floor: ${n} runs, one transaction per operation`);
  const perOpMs = await perOperation(n);
  log(`store floor (a): ${rate(n, perOpMs)} runs/s; group-committed (${GROUP} runs per transaction)`);
  const groupMs = await groupCommitted(n);
  log(`store floor (b): ${rate(n, groupMs)} runs/s`);
  return {
    runs: n,
    perOpRunsPerSec: rate(n, perOpMs),
    perOpMs: round(perOpMs, 0),
    groupRunsPerSec: rate(n, groupMs),
    groupMs: round(groupMs, 0),
    groupSize: GROUP,
    commitsPerRunPerOp: 6,
  };
}
