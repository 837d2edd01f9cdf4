import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const definition = (name: string) => ({
  name,
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'check', type: 'transform', with: { expression: 'input.n > 0 ? input.n : $error("not positive")' } }],
});

/** The filters of `GET /v1/workflow-runs` and `GET /v1/workflows/{id}/runs`. */
describe('run list filters', () => {
  let server: TestServer;
  let a: string;
  let b: string;
  const runs: Record<string, { id: string; createdAt: string }> = {};
  const ids = async (path: string) => {
    const answer = await server.api('GET', path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return (answer.body.data as { id: string }[]).map((r) => r.id).sort();
  };
  beforeAll(async () => {
    server = await startTestServer();
    a = await createWorkflow(server, definition('Filter A'));
    b = await createWorkflow(server, definition('Filter B'));
    const start = async (workflow: string, n: number) =>
      (await server.api('POST', `/v1/workflows/${workflow}/runs?wait=10`, { input: { n } })).body.data;
    runs.aOk = await start(a, 1);
    await new Promise((r) => setTimeout(r, 20));
    runs.aFailed = await start(a, -1);
    await new Promise((r) => setTimeout(r, 20));
    runs.bOk = await start(b, 2);
    const batch = (await server.api('POST', `/v1/workflows/${b}/batches`, { inputs: [{ n: 3 }, { n: 4 }] })).body.data;
    runs.batch = batch;
    const batchRuns = (await server.api('GET', `/v1/batches/${batch.id}/runs`)).body.data as { id: string; createdAt: string }[];
    for (const run of batchRuns) await waitForRun(server, run.id);
    runs.batch1 = batchRuns[0] as { id: string; createdAt: string };
    runs.batch2 = batchRuns[1] as { id: string; createdAt: string };
  });
  afterAll(() => server.close());

  it('filters the global list by workflowId', async () => {
    expect(await ids(`/v1/workflow-runs?workflowId=${a}`)).toEqual([runs.aOk!.id, runs.aFailed!.id].sort());
    expect(await ids(`/v1/workflow-runs?workflowId=${b}`)).toEqual([runs.bOk!.id, runs.batch1!.id, runs.batch2!.id].sort());
    expect(await ids('/v1/workflow-runs?workflowId=0123456789abcdef01234567')).toEqual([]);
    expect((await server.api('GET', '/v1/workflow-runs?workflowId=nope')).status).toBe(400);
  });

  it('filters by status, on both lists', async () => {
    expect(await ids('/v1/workflow-runs?status=failed')).toEqual([runs.aFailed!.id]);
    expect(await ids(`/v1/workflows/${a}/runs?status=completed`)).toEqual([runs.aOk!.id]);
    expect(await ids(`/v1/workflow-runs?workflowId=${a}&status=completed,failed`)).toEqual([runs.aOk!.id, runs.aFailed!.id].sort());
    expect(await ids(`/v1/workflows/${b}/runs?status=failed`)).toEqual([]);
  });

  it('filters by batchId, on both lists', async () => {
    const batchId = runs.batch!.id;
    expect(await ids(`/v1/workflow-runs?batchId=${batchId}`)).toEqual([runs.batch1!.id, runs.batch2!.id].sort());
    expect(await ids(`/v1/workflows/${b}/runs?batchId=${batchId}`)).toEqual([runs.batch1!.id, runs.batch2!.id].sort());
    expect(await ids(`/v1/workflows/${a}/runs?batchId=${batchId}`)).toEqual([]);
  });

  it('filters by createdAfter and createdBefore, on both lists', async () => {
    const failedAt = runs.aFailed!.createdAt;
    const after = await ids(`/v1/workflow-runs?createdAfter=${encodeURIComponent(failedAt)}`);
    expect(after).toContain(runs.aFailed!.id);
    expect(after).toContain(runs.bOk!.id);
    expect(after).not.toContain(runs.aOk!.id);
    expect(await ids(`/v1/workflow-runs?createdBefore=${encodeURIComponent(failedAt)}`)).toEqual([runs.aOk!.id]);
    expect(
      await ids(
        `/v1/workflows/${a}/runs?createdAfter=${encodeURIComponent(runs.aOk!.createdAt)}&createdBefore=${encodeURIComponent(runs.bOk!.createdAt)}`,
      ),
    ).toEqual([runs.aOk!.id, runs.aFailed!.id].sort());
    expect((await server.api('GET', '/v1/workflow-runs?createdBefore=yesterday')).status).toBe(400);
  });
});
