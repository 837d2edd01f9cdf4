import { randomBytes } from 'node:crypto';
import { newId, openStore } from '@assay/store';
import pg from 'pg';
import { intArg } from './support/args';
import { HttpClient } from './support/http-client';
import { AUTH_HEADERS, startServerProcess, type ServerProcess } from './support/server-process';
import { log, percentile, rate, round, scaled, sleep } from './support/stats';
import { tempDir } from './support/temp';
import { CHAIN3, parseDefinition } from './support/workflows';

/** Every process of a cluster shares the key (each data directory would otherwise generate its own). */
const CLUSTER_SECRET_KEY = 'be5c1a55'.repeat(8);

/**
 * Scale-out on PostgreSQL (the server at BENCH_POSTGRES_URL, default 127.0.0.1:5432; a database of
 * its own per measurement):
 *  - two store floors: the run lifecycle the engine performs (insert, claim with SKIP LOCKED, three
 *    checkpoints, complete, with the event log's rows) as hand-written SQL, no engine (see `floor`):
 *    over one connection (the single-connection floor) and over `MULTI_CONNECTIONS` in parallel
 *    (the multi-connection floor, what the database allows several processes together);
 *  - the engine draining N queued runs of the same 3-step chain with 1, 2 and 4 `assay worker`
 *    processes (first run started → last finished, from the database's own times), as a fraction
 *    of each floor: the aim is one worker ≥ the single-connection floor and two ≥ the multi-connection one;
 *  - create → first claim latency through `assay api` + `assay worker` (LISTEN/NOTIFY wakes the worker);
 *  - database transactions per second while 1 API and 4 worker processes sit idle.
 */
export interface PostgresBenchResult {
  runs: number;
  /** The single-connection floor (runs/s). */
  floorSingleRunsPerSec: number;
  /** The multi-connection floor (runs/s), over `floorMultiConnections` connections. */
  floorMultiRunsPerSec: number;
  floorMultiConnections: number;
  /** Per worker-process count: runs/s, and as a fraction of each floor. */
  engine: Array<{
    workers: number;
    runsPerSec: number;
    ofSingleFloor: number;
    ofMultiFloor: number;
  }>;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencySamples: number;
  idleTxPerSec: number;
  idleProcesses: number;
}

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const GROUP = 100;
const CLAIM_BATCH = 64;
/** Connections of the multi-connection floor. */
const MULTI_CONNECTIONS = 16;
const WORKER = 'bench-floor';
/** Longer than the ~10 s after which an idle backend reports its counts. */
const IDLE_WINDOW_MS = 21_000;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database (migrated, with a workspace and the 3-step workflow), dropped by `drop`. */
async function freshDatabase(label: string): Promise<{ url: string; workspaceId: string; workflowId: string; drop(): Promise<void> }> {
  const name = `assay_bench_${label}_${randomBytes(4).toString('hex')}`;
  await withAdmin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const store = await openStore({ postgresUrl: url.toString() });
  const workspace = await store.access.createWorkspace('bench');
  const workflow = await store.workflows.create({ workspaceId: workspace.id, definition: parseDefinition(CHAIN3), createdBy: null });
  await store.close();
  return {
    url: url.toString(),
    workspaceId: workspace.id,
    workflowId: workflow.id,
    drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

const EVENT = `insert into events (workspace_id, type, run_id, workflow_id, batch_id, step_id, data, created_at) values ($1, $2, $3, $4, null, $5, $6, $7)`;
const INSERT_RUN = `insert into runs (id, workspace_id, workflow_id, workflow_version, status, input, trigger, priority, due_at, created_at, updated_at, poked)
  values ($1, $2, $3, 1, 'queued', $4, 'api', 0, $5, $5, $5, 0)`;
const CLAIM = `update runs set status = 'running', due_at = null, lease_owner = $1, lease_expires_at = $2, started_at = coalesce(started_at, $3), updated_at = $3
  where id in (select id from runs where due_at <= $3 order by priority desc, due_at, id limit $4 for update skip locked)
  returning id, workspace_id, workflow_id, input`;
const CHECKPOINT = `insert into step_runs (run_id, step_id, type, status, attempts, config, output, error, usage, wake_at, started_at, completed_at, suspended)
  select $1, $2, 'transform', 'completed', 1, $3, $4, null, null, null, $5, $5, 0
  where exists (select id from runs where id = $1 and lease_owner = $6 and status = 'running')
  on conflict (run_id, step_id) do update set status = excluded.status, output = excluded.output, completed_at = excluded.completed_at`;
const COMPLETE = `update runs set status = 'completed', output = $1, completed_at = $2, updated_at = $2, due_at = null, lease_owner = null, lease_expires_at = null
  where id = $3 and lease_owner = $4 and status = 'running'`;
const STEPS = [
  { id: 'a', config: JSON.stringify({ expression: 'input.n + 1' }), output: '2' },
  { id: 'b', config: JSON.stringify({ expression: 'steps.a.output * 2' }), output: '4' },
  { id: 'c', config: JSON.stringify({ expression: 'steps.b.output - 1' }), output: '3' },
];

/**
 * A store floor: `n` runs through the engine's lifecycle as hand-written SQL, no engine, on a fresh
 * database, over `connections` connections in parallel (each a `pg.Client` of its own, taking the
 * next `GROUP` runs until `n` are done). On each connection, statement by statement (one round trip
 * each, named prepared statements, no multi-row statements), per transaction of `GROUP` runs: for
 * each run an INSERT of the run and one of its `run.queued` event; claims of up to `CLAIM_BATCH` runs
 * (UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)) each followed by one `run.started` event
 * INSERT per claimed run; for each of the three steps and each run a fenced checkpoint upsert (the
 * engine's statement) and its `step.started` and `step.completed` event INSERTs; for each run the
 * fenced completion UPDATE and its `run.completed` event INSERT; then COMMIT. So each transaction
 * commits `GROUP` whole lifecycles, the way the engine's group commit shares one transaction among
 * many runs' writes. What the engine does and this does not: the advisory lock and NOTIFY that order
 * and announce event appends across processes, reading a run's checkpoints back, and running steps.
 * Runs/s from the first BEGIN to the last COMMIT.
 */
async function floor(n: number, connections: number): Promise<number> {
  const db = await freshDatabase(`floor${connections}`);
  const clients = Array.from({ length: connections }, () => new pg.Client({ connectionString: db.url }));
  await Promise.all(clients.map((client) => client.connect()));
  let next = 0;
  const lifecycles = async (client: pg.Client, worker: string) => {
    const q = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
    for (;;) {
      const count = Math.min(GROUP, n - next);
      if (count <= 0) return;
      next += count;
      await client.query('begin');
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        const id = newId(now);
        await q('insert', INSERT_RUN, [id, db.workspaceId, db.workflowId, '{"n":1}', now]);
        await q('event', EVENT, [db.workspaceId, 'run.queued', id, db.workflowId, null, '{"status":"queued","trigger":"api"}', now]);
      }
      const claimed: Array<{ id: string; workspace_id: string; workflow_id: string }> = [];
      while (claimed.length < count) {
        const { rows } = await q('claim', CLAIM, [worker, now + 30_000, now, Math.min(CLAIM_BATCH, count - claimed.length)]);
        if (rows.length === 0) throw new Error('claim found nothing');
        for (const row of rows) {
          JSON.parse(row.input);
          await q('event', EVENT, [row.workspace_id, 'run.started', row.id, row.workflow_id, null, '{"status":"running"}', now]);
          claimed.push(row);
        }
      }
      for (const step of STEPS) {
        for (const run of claimed) {
          const result = await q('checkpoint', CHECKPOINT, [run.id, step.id, step.config, step.output, now, worker]);
          if (result.rowCount !== 1) throw new Error('checkpoint refused');
          await q('event', EVENT, [
            run.workspace_id,
            'step.started',
            run.id,
            run.workflow_id,
            step.id,
            '{"status":"running","attempt":1}',
            now,
          ]);
          await q('event', EVENT, [
            run.workspace_id,
            'step.completed',
            run.id,
            run.workflow_id,
            step.id,
            '{"status":"completed","attempt":1}',
            now,
          ]);
        }
      }
      for (const run of claimed) {
        if ((await q('complete', COMPLETE, ['3', now, run.id, worker])).rowCount !== 1) throw new Error('complete refused');
        await q('event', EVENT, [run.workspace_id, 'run.completed', run.id, run.workflow_id, null, '{"status":"completed"}', now]);
      }
      await client.query('commit');
    }
  };
  try {
    const t0 = performance.now();
    await Promise.all(clients.map((client, i) => lifecycles(client, `${WORKER}-${i}`)));
    return rate(n, performance.now() - t0);
  } finally {
    await Promise.all(clients.map((client) => client.end()));
    await db.drop();
  }
}

/** `n` queued runs drained by `workers` worker processes; runs/s from the database's own times. */
async function engine(n: number, workers: number): Promise<number> {
  const db = await freshDatabase(`w${workers}`);
  const store = await openStore({ postgresUrl: db.url });
  const temps = Array.from({ length: workers }, () => tempDir('pg-worker'));
  const processes: ServerProcess[] = [];
  try {
    // Queued before the workers start, through the store's own create (as API requests do).
    for (let i = 0; i < n; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, n - i) }, (_, k) =>
          store.runs.create({
            workspaceId: db.workspaceId,
            workflowId: db.workflowId,
            workflowVersion: 1,
            input: { n: i + k },
            trigger: 'api',
          }),
        ),
      );
    }
    const env = { DATABASE_URL: db.url, ASSAY_SECRET_KEY: CLUSTER_SECRET_KEY, ASSAY_WORKER_CONCURRENCY: '100', ASSAY_LOG_LEVEL: 'warn' };
    processes.push(...(await Promise.all(temps.map((temp) => startServerProcess({ dataDir: temp.dir, env, role: 'worker' })))));
    const deadline = Date.now() + 180_000;
    for (;;) {
      const row = await store.db
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'completed')
        .executeTakeFirst();
      if (Number(row?.n) >= n) break;
      if (Date.now() > deadline) throw new Error(`only ${row?.n} of ${n} runs completed`);
      await sleep(100);
    }
    const span = await store.db
      .selectFrom('runs')
      .select((eb) => [eb.fn.min('started_at').as('first'), eb.fn.max('completed_at').as('last')])
      .executeTakeFirstOrThrow();
    return rate(n, Number(span.last) - Number(span.first));
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await store.close();
    for (const temp of temps) temp.cleanup();
    await db.drop();
  }
}

/** Create → claim latency through an API and a worker process, then idle transactions per second. */
async function latencyAndIdle(
  samples: number,
): Promise<Pick<PostgresBenchResult, 'latencyP50Ms' | 'latencyP99Ms' | 'latencySamples' | 'idleTxPerSec' | 'idleProcesses'>> {
  const db = await freshDatabase('latency');
  const temps = Array.from({ length: 5 }, () => tempDir('pg-cluster'));
  const processes: ServerProcess[] = [];
  const sql = new pg.Client({ connectionString: db.url });
  await sql.connect();
  try {
    const env = { DATABASE_URL: db.url, ASSAY_SECRET_KEY: CLUSTER_SECRET_KEY, ASSAY_LOG_LEVEL: 'warn' };
    const api = await startServerProcess({ dataDir: (temps[0] as { dir: string }).dir, env, role: 'api' });
    processes.push(api);
    processes.push(...(await Promise.all(temps.slice(1).map((temp) => startServerProcess({ dataDir: temp.dir, env, role: 'worker' })))));
    const client = new HttpClient(api.url, AUTH_HEADERS, 4);
    try {
      for (let i = 0; i < samples; i++) {
        const created = await client.request('POST', `/v1/workflows/${db.workflowId}/runs`, { input: { n: i } });
        if (created.status !== 201) throw new Error(`run not created: ${created.status}`);
        await sleep(20);
      }
    } finally {
      client.close();
    }
    for (let waited = 0; ; waited += 100) {
      const { rows } = await sql.query(`select count(*) as n from runs where status = 'completed'`);
      if (Number(rows[0].n) >= samples) break;
      if (waited > 60_000) throw new Error('latency runs did not finish');
      await sleep(100);
    }
    const { rows } = await sql.query(`select started_at - created_at as ms from runs`);
    const latencies = rows.map((r) => Number(r.ms));

    // Idle. Backends report their transaction counts lazily (an idle one within ~10 s), so: let the
    // load's counts arrive first, then count over a window long enough for its own to arrive too.
    await sleep(12_000);
    const count = async () => {
      await sql.query('select pg_stat_clear_snapshot()');
      return Number(
        (await sql.query(`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`)).rows[0].n,
      );
    };
    const before = await count();
    const t0 = performance.now();
    await sleep(IDLE_WINDOW_MS);
    const after = await count();
    // This measuring connection's own statements are not the cluster's load.
    const idleTxPerSec = round((after - before - 4) / ((performance.now() - t0) / 1000), 2);
    return {
      latencyP50Ms: round(percentile(latencies, 50), 1),
      latencyP99Ms: round(percentile(latencies, 99), 1),
      latencySamples: latencies.length,
      idleTxPerSec,
      idleProcesses: processes.length,
    };
  } finally {
    await sql.end();
    await Promise.all(processes.map((p) => p.stop()));
    for (const temp of temps) temp.cleanup();
    await db.drop();
  }
}

export async function run(args: Record<string, string> = {}): Promise<PostgresBenchResult> {
  process.setMaxListeners(50); // each server child registers an exit handler (never leave one behind)
  const n = scaled(intArg(args, 'n', 10_000), 500);
  await floor(Math.min(1000, n), 1); // warm-up
  const floorSingleRunsPerSec = await floor(n, 1);
  log(`postgres floor, 1 connection: ${floorSingleRunsPerSec} runs/s (${n} runs, ${GROUP} per transaction, SKIP LOCKED claims)`);
  const floorMultiRunsPerSec = await floor(n, MULTI_CONNECTIONS);
  log(`postgres floor, ${MULTI_CONNECTIONS} connections: ${floorMultiRunsPerSec} runs/s (${n} runs, ${GROUP} per transaction)`);
  const engineRates: PostgresBenchResult['engine'] = [];
  for (const workers of [1, 2, 4]) {
    const runsPerSec = await engine(n, workers);
    const ofSingleFloor = round(runsPerSec / floorSingleRunsPerSec, 3);
    const ofMultiFloor = round(runsPerSec / floorMultiRunsPerSec, 3);
    engineRates.push({ workers, runsPerSec, ofSingleFloor, ofMultiFloor });
    log(
      `postgres engine, ${workers} worker process(es): ${runsPerSec} runs/s (${round(100 * ofSingleFloor, 1)}% of the single-connection floor, ${round(100 * ofMultiFloor, 1)}% of the multi-connection floor)`,
    );
  }
  const rest = await latencyAndIdle(scaled(300, 50));
  log(
    `postgres create -> claim p50 ${rest.latencyP50Ms} ms, p99 ${rest.latencyP99Ms} ms; idle ${rest.idleTxPerSec} transactions/s with ${rest.idleProcesses} processes`,
  );
  return {
    runs: n,
    floorSingleRunsPerSec,
    floorMultiRunsPerSec,
    floorMultiConnections: MULTI_CONNECTIONS,
    engine: engineRates,
    ...rest,
  };
}
