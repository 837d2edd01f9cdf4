import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcesses, type ClusterProcess } from '../support/cluster';
import { untilDone } from '../support/progress';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const RUNS = 1000;
const LEASE_MS = 4000;

/**
 * Scale-out on PostgreSQL: one API process and three worker processes on one database. A worker is
 * killed with SIGKILL in the middle of 1,000 runs; every run completes exactly once, no completed
 * step runs again, and the dead worker's runs are resumed by the others within the lease timeout.
 */
describe('a worker process killed mid-load (PostgreSQL, 1 API + 3 workers)', () => {
  let database: TestDatabase;
  let sql: pg.Client;
  const processes: ClusterProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ASSAY_LEASE_MS: String(LEASE_MS), ASSAY_WORKER_CONCURRENCY: '40' };
    processes.push(await startProcess('api', database.url, env));
    // Workers after the API, which migrated the database and created the key.
    processes.push(...(await Promise.all([1, 2, 3].map(() => startProcess('worker', database.url, env)))));
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await stopProcesses(processes);
    await database?.drop();
  });

  it('completes every run exactly once and resumes the dead worker’s runs from their checkpoints', async () => {
    const [api, victim, ...survivors] = processes as [ClusterProcess, ClusterProcess, ...ClusterProcess[]];
    const created = await api.api('POST', '/v1/workflows', {
      name: 'Cluster screen',
      inputs: { n: { type: 'integer', required: true } },
      steps: [
        { id: 'double', type: 'transform', with: { expression: 'input.n * 2' } },
        { id: 'pause', type: 'wait', needs: ['double'], with: { seconds: 0.3 } },
        { id: 'add', type: 'transform', needs: ['pause'], with: { expression: 'steps.double.output + 1' } },
        { id: 'label', type: 'transform', needs: ['add'], with: { expression: '"n=" & $string(steps.add.output)' } },
      ],
      output: { value: '{{ steps.add.output }}' },
    });
    expect(created.status).toBe(201);
    const workflowId = created.body.data.id as string;

    // Runs arrive in waves while the workers execute them.
    const runIds: string[] = [];
    const creating = (async () => {
      for (let wave = 0; wave < 20; wave++) {
        const answers = await Promise.all(
          Array.from({ length: RUNS / 20 }, (_, i) => api.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: wave * 50 + i } })),
        );
        for (const answer of answers) {
          expect(answer.status).toBe(201);
          runIds.push(answer.body.data.id);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const completedCount = async () => Number((await sql.query(`select count(*) as n from runs where status = 'completed'`)).rows[0].n);
    const runsHeldByVictim = async () =>
      (await sql.query(`select id from runs where lease_owner = $1 and status = 'running'`, [victim.workerId])).rows.map(
        (r) => r.id as string,
      );
    // The victim is frozen (SIGSTOP) while what it holds and what is checkpointed are read, so
    // neither moves before the kill however slow the machine; it thaws if it held nothing then.
    let held: string[] = [];
    await untilDone(
      async () => {
        const completed = await completedCount();
        if (completed < 250) return { done: null, progress: completed };
        victim.process.kill('SIGSTOP');
        held = await runsHeldByVictim();
        if (held.length > 0) return { done: true, progress: completed };
        victim.process.kill('SIGCONT');
        return { done: null, progress: completed };
      },
      { what: 'the load before the kill', stallMs: 60_000, intervalMs: 20 },
    );

    // What is already checkpointed, as of the kill.
    const before = (await sql.query(`select run_id, step_id, attempts, completed_at from step_runs where status = 'completed'`)).rows;
    victim.process.kill('SIGKILL');
    const killedAt = Date.now();
    await victim.exited;
    expect(held.length).toBeGreaterThan(0);

    await creating;
    await untilDone(
      async () => {
        const completed = await completedCount();
        return { done: completed >= RUNS ? true : null, progress: completed };
      },
      { what: `${RUNS} runs after the kill`, stallMs: 60_000, intervalMs: 100 },
    );

    const statuses = (await sql.query(`select status, count(*) as n from runs group by status`)).rows;
    expect(statuses).toEqual([{ status: 'completed', n: String(RUNS) }]);
    expect(new Set(runIds).size).toBe(RUNS);
    // Completed exactly once: one run.completed event per run.
    const twice = (await sql.query(`select run_id from events where type = 'run.completed' group by run_id having count(*) <> 1`)).rows;
    expect(twice).toEqual([]);
    expect(Number((await sql.query(`select count(distinct run_id) as n from events where type = 'run.completed'`)).rows[0].n)).toBe(RUNS);
    // No step completed before the kill ran again.
    const after = new Map(
      (await sql.query(`select run_id, step_id, attempts, completed_at from step_runs`)).rows.map((r) => [`${r.run_id}/${r.step_id}`, r]),
    );
    for (const row of before) {
      const now = after.get(`${row.run_id}/${row.step_id}`);
      expect(now, `${row.run_id}/${row.step_id}`).toMatchObject({ attempts: row.attempts, completed_at: row.completed_at });
    }
    // The dead worker's runs were picked up by a survivor within the lease timeout plus a margin
    // (leaving out those it finished itself between the snapshot and the kill).
    const survivorIds = new Set(survivors.map((s) => s.workerId));
    const finishedByVictim = new Set(
      (
        await sql.query(`select run_id from events where type = 'run.completed' and run_id = any($1) and created_at <= $2`, [
          held,
          killedAt,
        ])
      ).rows.map((r) => r.run_id as string),
    );
    const orphaned = held.filter((id) => !finishedByVictim.has(id));
    expect(orphaned.length).toBeGreaterThan(0);
    const resumed = await sql.query(
      `select run_id, min(created_at) as at from events where type = 'run.started' and run_id = any($1) and created_at >= $2 group by run_id`,
      [orphaned, killedAt],
    );
    expect(resumed.rows).toHaveLength(orphaned.length);
    for (const row of resumed.rows) expect(Number(row.at) - killedAt).toBeLessThan(LEASE_MS + 3000);
    const finishers = (await sql.query(`select distinct lease_owner from runs where id = any($1)`, [held])).rows;
    expect(finishers).toEqual([{ lease_owner: null }]);
    expect(survivorIds.size).toBe(2);
  });
});
