import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, startProcess, stopProcesses, type ClusterProcess, type PrivatePostgres } from '../support/cluster';

/**
 * PostgreSQL is stopped and started again in the middle of a load (on a server of the test's own).
 * Every process reconnects by itself, and every run that was acknowledged with a 201 completes.
 */
describe('a database restart under load (1 API + 2 workers)', () => {
  let server: PrivatePostgres;
  let url: string;
  const processes: ClusterProcess[] = [];

  beforeAll(async () => {
    server = await startPrivatePostgres();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('create database assay');
    await admin.end();
    url = server.url.replace(/\/postgres$/, '/assay');
    const env = { ASSAY_LEASE_MS: '3000', ASSAY_WORKER_CONCURRENCY: '30' };
    processes.push(await startProcess('api', url, env));
    processes.push(await startProcess('worker', url, env), await startProcess('worker', url, env));
  });
  afterAll(async () => {
    await stopProcesses(processes);
    server?.destroy();
  });

  it('reconnects every process and completes every acknowledged run', { timeout: 120_000 }, async () => {
    const [api] = processes as [ClusterProcess];
    const created = await api.api('POST', '/v1/workflows', {
      name: 'Survives a restart',
      inputs: { n: { type: 'integer', required: true } },
      steps: [
        { id: 'a', type: 'transform', with: { expression: 'input.n + 1' } },
        { id: 'pause', type: 'wait', needs: ['a'], with: { seconds: 0.2 } },
        { id: 'b', type: 'transform', needs: ['pause'], with: { expression: 'steps.a.output * 2' } },
      ],
    });
    expect(created.status).toBe(201);
    const workflowId = created.body.data.id as string;

    const acknowledged: string[] = [];
    let refused = 0;
    let stop = false;
    const client = async (k: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const answer = await api.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: k * 1000 + i } });
          if (answer.status === 201) acknowledged.push(answer.body.data.id);
          else refused++;
        } catch {
          refused++;
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const clients = Array.from({ length: 8 }, (_, k) => client(k));

    await new Promise((r) => setTimeout(r, 1500));
    const beforeRestart = acknowledged.length;
    server.stop();
    await new Promise((r) => setTimeout(r, 1500));
    server.start();
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(clients);
    expect(beforeRestart).toBeGreaterThan(20);
    // Runs were acknowledged again after the restart: the API reconnected.
    expect(acknowledged.length).toBeGreaterThan(beforeRestart + 20);

    const pending = new Set(acknowledged);
    // No total budget: it fails only when no acknowledged run completes for a minute.
    let movedAt = Date.now();
    while (pending.size > 0) {
      if (Date.now() - movedAt > 60_000) {
        const sample = await Promise.all(
          [...pending].slice(0, 3).map(async (id) => (await api.api('GET', `/v1/workflow-runs/${id}`)).body.data),
        );
        throw new Error(
          `${pending.size} acknowledged runs never completed (${refused} requests refused during the outage): ${JSON.stringify(sample).slice(0, 1500)}\n${processes.map((p) => `${p.role}: ${p.output().slice(-1500)}`).join('\n')}`,
        );
      }
      for (const id of [...pending].slice(0, 200)) {
        const { body } = await api.api('GET', `/v1/workflow-runs/${id}`);
        if (body.data?.status === 'completed') {
          pending.delete(id);
          movedAt = Date.now();
        } else if (['failed', 'cancelled'].includes(body.data?.status))
          throw new Error(`run ${id} ended ${body.data.status}: ${JSON.stringify(body.data.error)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // Every process is still alive and working.
    for (const p of processes) expect(p.process.exitCode, `${p.role} exited:\n${p.output().slice(-3000)}`).toBeNull();
    expect((await api.api('GET', '/readyz')).status).toBe(200);
  });
});
