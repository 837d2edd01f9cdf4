import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcesses, type ClusterProcess } from '../support/cluster';
import { untilDone } from '../support/progress';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { API_KEY, CLIENT_ID } from '../support/assay-server';
import { openSse } from '../support/sse';

const headers = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };

/**
 * Live streams on the API process follow runs executed by a worker process. Then the API process is
 * killed with SIGKILL while clients create runs. Every run that got a 201 exists
 * and completes (workers execute it); no run that did not get one is left half-created.
 */
describe('an API process killed while clients create runs (PostgreSQL)', () => {
  let database: TestDatabase;
  const processes: ClusterProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    processes.push(await startProcess('api', database.url), await startProcess('worker', database.url));
  });
  afterAll(async () => {
    await stopProcesses(processes);
    await database?.drop();
  });

  it('streams, on the API process, the events a worker process produces', async () => {
    const [api] = processes as [ClusterProcess];
    const workflowId = (
      await api.api('POST', '/v1/workflows', { name: 'Watched', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] })
    ).body.data.id as string;
    const stream = await openSse(`${api.url}/v1/events?workflowId=${workflowId}`, headers);
    const run = (await api.api('POST', `/v1/workflows/${workflowId}/runs`, {})).body.data;
    const done = await stream.waitUntil((m) => m.event === 'run.completed', 5000);
    stream.close();
    expect(JSON.parse(done.data).runId).toBe(run.id);
    expect(stream.messages.map((m) => m.event)).toEqual(['run.queued', 'run.started', 'step.started', 'step.completed', 'run.completed']);
  });

  it('keeps every acknowledged run and completes it; creates nothing by halves', async () => {
    const [api] = processes as [ClusterProcess];
    const created = await api.api('POST', '/v1/workflows', {
      name: 'Created under fire',
      inputs: { n: { type: 'integer', required: true } },
      steps: [
        { id: 'a', type: 'transform', with: { expression: 'input.n + 1' } },
        { id: 'b', type: 'transform', needs: ['a'], with: { expression: 'steps.a.output * 2' } },
      ],
    });
    const workflowId = created.body.data.id as string;
    const acknowledged: string[] = [];
    let stop = false;
    const client = async (k: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const answer = await api.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: k * 10_000 + i } });
          if (answer.status === 201) acknowledged.push(answer.body.data.id);
        } catch {
          return; // the API is gone
        }
      }
    };
    const clients = Array.from({ length: 16 }, (_, k) => client(k));
    // Killed once it has acknowledged enough runs, however long that takes on this machine.
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 20));
    api.process.kill('SIGKILL');
    stop = true;
    await Promise.all(clients);
    await api.exited;
    expect(acknowledged.length).toBeGreaterThan(50);

    const sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    try {
      await untilDone(
        async () => {
          const unfinished = Number((await sql.query(`select count(*) as n from runs where status <> 'completed'`)).rows[0].n);
          return { done: unfinished === 0 ? true : null, progress: unfinished };
        },
        { what: 'the acknowledged runs', stallMs: 60_000, intervalMs: 200 },
      );
      const stored = new Set((await sql.query('select id from runs')).rows.map((r) => r.id as string));
      for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
      // Whatever exists is whole: each run has its input, its queued event, both steps and its output.
      const broken = await sql.query(
        `
        select r.id from runs r
        where r.workflow_id = $1 and (r.input is null or r.output is null
           or not exists (select 1 from events e where e.run_id = r.id and e.type = 'run.queued')
           or (select count(*) from step_runs s where s.run_id = r.id and s.status = 'completed') <> 2)`,
        [workflowId],
      );
      expect(broken.rows).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
