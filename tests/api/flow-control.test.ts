import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '@assay/server';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

/** A step that holds its worker for a while (a short wait sleeps in process; it does not park). */
const slow = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  inputs: { n: { type: 'integer' } },
  steps: [{ id: 'hold', type: 'wait', with: { seconds: 0.2 } }],
  ...extra,
});

/**
 * Concurrency limits are enforced by claims in the database (so across every worker process): with
 * a per-workspace limit of 5, one workspace's 1,000-run batch does not hold back another
 * workspace's run, and a workflow's own `concurrency` caps its runs.
 */
describe('flow control', () => {
  let server: TestServer;
  const running = async (workflowId: string) =>
    (await server.api('GET', `/v1/workflows/${workflowId}/runs?status=running&limit=1000`)).body.data.length as number;

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_WORKSPACE_CONCURRENCY: '5', ASSAY_WORKER_CONCURRENCY: '50' });
  });
  afterAll(() => server.close());

  it("starts another workspace's run within a few claim cycles while a 1,000-run batch fills its own limit", async () => {
    const busy = await createWorkflow(server, slow('Busy'));
    const batch = await server.api('POST', `/v1/workflows/${busy}/batches`, { inputs: Array.from({ length: 1000 }, (_, n) => ({ n })) });
    expect(batch.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));

    const other = await server.assay.store.access.createWorkspace('patient');
    await server.assay.store.access.createKey({
      workspaceId: other.id,
      name: 'b',
      clientId: 'fair-b',
      secretHash: hashSecret('fair-b-secret-value-0123'),
      scope: 'admin',
    });
    const asB = { 'x-metal-client-id': 'fair-b', 'x-metal-api-key': 'fair-b-secret-value-0123' };
    const quick = (
      await request(server.url, 'POST', '/v1/workflows', asB, {
        name: 'Quick',
        steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
      })
    ).body.data.id;
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      samples.push(await running(busy));
      await new Promise((r) => setTimeout(r, 50));
    }
    const created = (await request(server.url, 'POST', `/v1/workflows/${quick}/runs?wait=10`, asB, {})).body.data;
    samples.push(await running(busy));
    expect(created.status).toBe('completed');
    // Started within a few claim cycles of its creation, not after the batch (1,000 × 0.2 s / 5 ≈ 40 s).
    expect(Date.parse(created.startedAt) - Date.parse(created.createdAt)).toBeLessThan(1000);
    expect(Math.max(...samples)).toBeLessThanOrEqual(5);
    expect(Math.max(...samples)).toBe(5);
    expect((await server.api('POST', `/v1/batches/${batch.body.data.id}/cancel`)).status).toBe(200);
  });

  it("caps a workflow's runs at its definition's concurrency", async () => {
    const server2 = await startTestServer({ ASSAY_WORKER_CONCURRENCY: '50' });
    try {
      const capped = await server2.api('POST', '/v1/workflows', slow('Capped', { concurrency: 2 }));
      expect(capped.status).toBe(201);
      expect(capped.body.data.definition.concurrency).toBe(2);
      const id = capped.body.data.id as string;
      const runs = await Promise.all(
        Array.from({ length: 10 }, () => server2.api('POST', `/v1/workflows/${id}/runs`, {}).then((r) => r.body.data.id as string)),
      );
      const samples: number[] = [];
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { body } = await server2.api('GET', `/v1/workflows/${id}/runs?limit=100`);
        samples.push(body.data.filter((r: { status: string }) => r.status === 'running').length);
        if (body.data.every((r: { status: string }) => r.status === 'completed')) break;
        if (Date.now() > deadline) throw new Error('runs did not finish');
        await new Promise((r) => setTimeout(r, 30));
      }
      expect(Math.max(...samples)).toBeLessThanOrEqual(2);
      expect(samples).toContain(2);
      for (const run of runs) expect((await waitForRun(server2, run)).status).toBe('completed');
      const refused = await server2.api('POST', '/v1/workflows', slow('Bad', { concurrency: 0 }));
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.details)).toContain('concurrency');
    } finally {
      await server2.close();
    }
  });
});
