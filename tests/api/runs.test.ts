import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const upper = (extra: Record<string, unknown> = {}) => ({
  name: 'Upper',
  inputs: { name: { type: 'string', required: true } },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
  output: { upper: '{{ steps.up.output }}' },
  ...extra,
});

describe('runs over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers ?wait=N with the finished run and its output', async () => {
    const wf = await createWorkflow(server, upper());
    const { status, body } = await server.api('POST', `/v1/workflows/${wf}/runs?wait=10`, { input: { name: 'acme' } });
    expect(status).toBe(201);
    expect(body.data).toMatchObject({ status: 'completed', output: { upper: 'ACME' }, workflowVersion: 1, trigger: 'api' });
    expect(body.data.steps[0]).toMatchObject({ id: 'up', status: 'completed', attempts: 1, output: 'ACME' });
  });

  it('returns the original run for a repeated Idempotency-Key and refuses the key for a different request', async () => {
    const wf = await createWorkflow(server, upper());
    const first = await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { name: 'a' } }, { 'Idempotency-Key': 'order-17' });
    const again = await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { name: 'a' } }, { 'Idempotency-Key': 'order-17' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.data.id).toBe(first.body.data.id);
    const other = await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { name: 'b' } }, { 'Idempotency-Key': 'order-17' });
    expect(other.status).toBe(409);
    const list = await server.api('GET', `/v1/workflows/${wf}/runs`);
    expect(list.body.data).toHaveLength(1);
  });

  it('keeps executing the version a run started on after a new version is saved', async () => {
    const slow = (label: string) => ({
      name: 'Versioned',
      steps: [
        { id: 'pause', type: 'wait', with: { seconds: 0.5 } },
        { id: 'tag', type: 'transform', needs: ['pause'], with: { expression: `"${label}"` } },
      ],
    });
    const wf = await createWorkflow(server, slow('v1'));
    const started = await server.api('POST', `/v1/workflows/${wf}/runs`, {});
    const saved = await server.api('PUT', `/v1/workflows/${wf}`, slow('v2'));
    expect(saved.body.data.version).toBe(2);
    const finished = await waitForRun(server, started.body.data.id);
    expect(finished).toMatchObject({ workflowVersion: 1, output: 'v1' });
    const next = await server.api('POST', `/v1/workflows/${wf}/runs?wait=10`, {});
    expect(next.body.data).toMatchObject({ workflowVersion: 2, output: 'v2' });
  });

  it('lists versions and restores an old one as a new version', async () => {
    const wf = await createWorkflow(server, upper({ description: 'first' }));
    await server.api('PUT', `/v1/workflows/${wf}`, upper({ description: 'second' }));
    const versions = await server.api('GET', `/v1/workflows/${wf}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const restored = await server.api('POST', `/v1/workflows/${wf}/versions/restore`, { version: 1 });
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ version: 3, description: 'first' });
    const missing = await server.api('POST', `/v1/workflows/${wf}/versions/restore`, { version: 9 });
    expect(missing.status).toBe(404);
  });

  it('retries a failed run from the failed step, keeping the completed steps and their outputs', async () => {
    // The guard fails until `failUntil` has passed, then is skipped: a fault that goes away.
    const failUntil = Date.now() + 400;
    const wf = await createWorkflow(server, {
      name: 'Transient',
      steps: [
        { id: 'fetch', type: 'transform', with: { expression: '{ "rows": 3 }' } },
        { id: 'guard', type: 'fail', needs: ['fetch'], if: `$millis() < ${failUntil}`, with: { message: 'upstream not ready' } },
        { id: 'report', type: 'transform', needs: ['guard'], with: { expression: 'steps.fetch.output.rows * 10' } },
      ],
    });
    const created = await server.api('POST', `/v1/workflows/${wf}/runs?wait=10`, {});
    const failed = created.body.data;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatchObject({ stepId: 'guard', message: 'upstream not ready' });
    const fetchBefore = failed.steps.find((s: { id: string }) => s.id === 'fetch');

    await new Promise((r) => setTimeout(r, Math.max(0, failUntil - Date.now() + 20)));
    const retried = await server.api('POST', `/v1/workflow-runs/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    const done = await waitForRun(server, failed.id);
    expect(done.status).toBe('completed');
    expect(done.output).toBe(30);
    const fetchAfter = done.steps.find((s: { id: string }) => s.id === 'fetch');
    expect(fetchAfter).toEqual(fetchBefore);
    expect(done.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'skipped', 'completed']);
    expect((await server.api('POST', `/v1/workflow-runs/${failed.id}/retry`)).status).toBe(409);
  });

  it('reruns a finished run as a new linked run with the same input', async () => {
    const wf = await createWorkflow(server, upper());
    const original = (await server.api('POST', `/v1/workflows/${wf}/runs?wait=10`, { input: { name: 'zeta' } })).body.data;
    const rerun = await server.api('POST', `/v1/workflow-runs/${original.id}/rerun`);
    expect(rerun.status).toBe(201);
    expect(rerun.body.data).toMatchObject({ parentRunId: original.id, trigger: 'rerun', input: { name: 'zeta' } });
    expect(rerun.body.data.id).not.toBe(original.id);
    expect((await waitForRun(server, rerun.body.data.id)).output).toEqual({ upper: 'ZETA' });
  });

  it('cancels a waiting run at once and refuses to cancel it twice', async () => {
    const wf = await createWorkflow(server, {
      name: 'Long',
      steps: [
        { id: 'nap', type: 'wait', with: { seconds: 60 } },
        { id: 'after', type: 'transform', needs: ['nap'], with: { expression: '1' } },
      ],
    });
    const run = (await server.api('POST', `/v1/workflows/${wf}/runs`, {})).body.data;
    await new Promise((r) => setTimeout(r, 300));
    const cancelled = await server.api('POST', `/v1/workflow-runs/${run.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect(cancelled.body.data.steps.map((s: { status: string }) => s.status)).toEqual(['cancelled', 'pending']);
    const again = await server.api('POST', `/v1/workflow-runs/${run.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error).toContain('already cancelled');
  });

  it('filters runs by status and time and pages through them by cursor', async () => {
    const wf = await createWorkflow(server, upper());
    const before = new Date().toISOString();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await server.api('POST', `/v1/workflows/${wf}/runs?wait=5`, { input: { name: `n${i}` } })).body.data.id);
    const page1 = await server.api('GET', `/v1/workflows/${wf}/runs?limit=2`);
    expect(page1.body.data.map((r: { id: string }) => r.id)).toEqual([ids[4], ids[3]]);
    expect(page1.body.hasMore).toBe(true);
    const page2 = await server.api('GET', `/v1/workflows/${wf}/runs?limit=2&lt=${page1.body.nextCursor}`);
    expect(page2.body.data.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    const asc = await server.api('GET', `/v1/workflows/${wf}/runs?direction=asc&limit=1`);
    expect(asc.body.data[0].id).toBe(ids[0]);
    const completed = await server.api('GET', `/v1/workflow-runs?status=completed&createdAfter=${encodeURIComponent(before)}&limit=100`);
    expect(completed.body.data.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining(ids));
    const none = await server.api('GET', `/v1/workflows/${wf}/runs?status=failed`);
    expect(none.body.data).toEqual([]);
    // A page that is exactly full says no more follow (regression: hasMore was guessed from a full page).
    const last = await server.api('GET', `/v1/workflows/${wf}/runs?limit=1&lt=${ids[1]}`);
    expect(last.body).toMatchObject({ data: [{ id: ids[0] }], hasMore: false, nextCursor: null });
    const exact = await server.api('GET', `/v1/workflows/${wf}/runs?limit=5`);
    expect(exact.body.hasMore).toBe(false);
  });

  it('archives a workflow: it leaves the list, its runs stay readable, and it takes no new runs', async () => {
    const wf = await createWorkflow(server, upper());
    const run = (await server.api('POST', `/v1/workflows/${wf}/runs?wait=5`, { input: { name: 'x' } })).body.data;
    const archived = await server.api('DELETE', `/v1/workflows/${wf}`);
    expect(archived.body.data.archivedAt).not.toBeNull();
    const list = await server.api('GET', '/v1/workflows?limit=1000');
    expect(list.body.data.map((w: { id: string }) => w.id)).not.toContain(wf);
    expect((await server.api('GET', `/v1/workflow-runs/${run.id}`)).status).toBe(200);
    expect((await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { name: 'y' } })).status).toBe(409);
  });

  it('serves the OpenAPI document, the docs page, health and Prometheus metrics', async () => {
    const openapi: any = await fetch(`${server.url}/v1/openapi.json`).then((r) => r.json());
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/workflows', '/v1/workflows/{id}/runs', '/v1/workflow-runs/{id}', '/v1/keys']),
    );
    expect(openapi.components.schemas.WorkflowDefinition).toBeDefined();
    const docs = await fetch(`${server.url}/docs`).then((r) => r.text());
    expect(docs).toContain('/v1/openapi.json');
    expect((await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
    expect(await fetch(`${server.url}/healthz`).then((r) => r.json())).toEqual({ status: 'ok' });
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/assay_runs\{status="completed"\} [1-9]/);
    expect(metrics).toContain('assay_step_duration_seconds_bucket');
    expect(metrics).toContain('assay_queue_depth');
    expect(metrics).toContain('assay_lease_recoveries_total');
  });
});

describe('the per-workspace rate limit', () => {
  it('answers 429 with Retry-After once the workspace exceeds it', async () => {
    const server = await startTestServer({ ASSAY_RATE_LIMIT: '5' });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 15; i++) {
        const r = await server.api('GET', '/v1/workflows');
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
      expect(statuses).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
