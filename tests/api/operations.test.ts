import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

/** The operational surface: readiness (database and migrations) and the per-process metrics. */
describe('readiness and metrics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is ready when the database answers and every migration is applied, and says which check fails', async () => {
    const ready = await request(server.url, 'GET', '/readyz', {});
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { database: { ok: true }, migrations: { ok: true } } });
    // A release whose migrations were not applied yet is not ready.
    const { db } = server.assay.store;
    const last = await db
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .orderBy('name' as never, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', (last as { name: string }).name as never)
      .execute();
    const pending = await request(server.url, 'GET', '/readyz', {});
    expect(pending.status).toBe(503);
    expect(pending.body.checks.migrations).toMatchObject({ ok: false, error: expect.stringContaining('assay migrate') });
    await db
      .insertInto('kysely_migration' as never)
      .values({ name: (last as { name: string }).name, timestamp: new Date().toISOString() } as never)
      .execute();
    expect((await request(server.url, 'GET', '/readyz', {})).status).toBe(200);
  });

  it('reports runs claimed, lease recoveries, queue depth and the delivery backlog', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Counted',
      steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
    });
    await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=5`, {});
    const metrics = (await request(server.url, 'GET', '/metrics', {})).body as string;
    expect(metrics).toMatch(/^assay_runs_claimed_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^assay_lease_recoveries_total \d+$/m);
    expect(metrics).toMatch(/^assay_queue_depth \d+$/m);
    expect(metrics).toMatch(/^assay_delivery_backlog \d+$/m);
  });
});
