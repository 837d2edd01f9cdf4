import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcesses, type ClusterProcess } from '../support/cluster';
import { untilDone } from '../support/progress';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * SIGTERM drains a worker: it stops claiming, lets in-flight runs finish within the grace period,
 * hands the rest back (no lease left behind) and exits 0; another worker completes what it left.
 */
describe('a worker stopped with SIGTERM under load (PostgreSQL)', () => {
  let database: TestDatabase;
  const processes: ClusterProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { ASSAY_SHUTDOWN_GRACE_MS: '300', ASSAY_WORKER_CONCURRENCY: '40' };
    processes.push(await startProcess('api', database.url, env));
    processes.push(await startProcess('worker', database.url, env), await startProcess('worker', database.url, env));
  });
  afterAll(async () => {
    await stopProcesses(processes);
    await database?.drop();
  });

  it('exits 0 within the grace period, leaving no lease, and every run completes', async () => {
    const [api, leaving] = processes as [ClusterProcess, ClusterProcess];
    const workflowId = (
      await api.api('POST', '/v1/workflows', {
        name: 'Slow steps',
        inputs: { n: { type: 'integer' } },
        steps: [
          { id: 'a', type: 'wait', with: { seconds: 0.2 } },
          { id: 'b', type: 'wait', needs: ['a'], with: { seconds: 0.2 } },
        ],
      })
    ).body.data.id as string;
    const runs = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        api.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n } }).then((r) => r.body.data.id as string),
      ),
    );
    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      // Signalled while it holds runs: waited for, not assumed after a fixed pause (how fast the
      // workers take and finish runs depends on the machine).
      const holding = async () =>
        Number((await sql.query(`select count(*) as n from runs where lease_owner = $1`, [leaving.workerId])).rows[0].n);
      let held = await holding();
      for (let polls = 0; held === 0 && polls < 2000; polls++) {
        await new Promise((r) => setTimeout(r, 5));
        held = await holding();
      }
      expect(held).toBeGreaterThan(0);
      const signalled = Date.now();
      leaving.process.kill('SIGTERM');
      expect(await leaving.exited).toBe(0);
      expect(Date.now() - signalled).toBeLessThan(5000);
      // Nothing is left leased to the process that left.
      expect(Number((await sql.query(`select count(*) as n from runs where lease_owner = $1`, [leaving.workerId])).rows[0].n)).toBe(0);
      await untilDone(
        async () => {
          const left = Number(
            (await sql.query(`select count(*) as n from runs where id = any($1) and status <> 'completed'`, [runs])).rows[0].n,
          );
          return { done: left === 0 ? true : null, progress: left };
        },
        { what: 'the runs left by the drained process', stallMs: 60_000, intervalMs: 200 },
      );
      expect(
        Number((await sql.query(`select count(*) as n from events where type = 'run.completed' and run_id = any($1)`, [runs])).rows[0].n),
      ).toBe(200);
    } finally {
      await sql.end();
    }
  });
});
