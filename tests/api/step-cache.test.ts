import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { untilDone } from '../support/progress';

/**
 * Cached steps through the API: a batch of 100 rows naming 10 distinct companies pays for 10 model
 * calls, not 100; `?cache=bypass` pays again; `cache` on a step with side effects is refused.
 */
describe('cached steps', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let workflowId: string;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ OPENAI_API_KEY: 'sk-test-cache', OPENAI_BASE_URL: openai.baseURL });
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Cached assessment',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        {
          id: 'assess',
          type: 'ai.generate',
          with: { model: 'openai:gpt-4o-mini', prompt: 'Assess {{ input.company }} in one line.' },
          cache: { ttlSeconds: 3600 },
        },
      ],
    });
    expect(created.status).toBe(201);
    workflowId = created.body.data.id;
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });

  it('makes one model call per distinct input in a 100-row batch', async () => {
    const inputs = Array.from({ length: 100 }, (_, i) => ({ company: `company-${i % 10}` }));
    const batch = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs, concurrency: 25 });
    expect(batch.status).toBe(201);
    const done = await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${batch.body.data.id}`);
        return { done: body.data?.completedAt ? body.data : null, progress: body.data?.counts };
      },
      { what: 'the batch', stallMs: 30_000, intervalMs: 50 },
    );
    expect(done.counts).toMatchObject({ completed: 100 });
    expect(openai.requests).toHaveLength(10);
    const prompts = new Set(openai.requests.map((r) => JSON.stringify(r.body.messages)));
    expect(prompts.size).toBe(10);
  });

  it('records a hit on the step, free, naming the run it came from; ?cache=bypass calls the model again', async () => {
    const calls = openai.requests.length;
    const hit = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input: { company: 'company-3' } });
    expect(hit.body.data.status).toBe('completed');
    expect(openai.requests).toHaveLength(calls);
    const step = hit.body.data.steps[0];
    expect(step.usage).toMatchObject({
      cached: true,
      costUsd: 0,
      cachedFrom: { runId: expect.stringMatching(/^[0-9a-f]{24}$/), stepId: 'assess' },
    });

    const bypass = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30&cache=bypass`, { input: { company: 'company-3' } });
    expect(bypass.body.data.status).toBe('completed');
    expect(openai.requests).toHaveLength(calls + 1);
    expect(bypass.body.data.steps[0].usage.cached).toBeUndefined();
  });

  it('executes every row of a batch created with ?cache=bypass, and refreshes the entries', async () => {
    const calls = openai.requests.length;
    const inputs = Array.from({ length: 5 }, () => ({ company: 'company-7' }));
    const batch = await server.api('POST', `/v1/workflows/${workflowId}/batches?cache=bypass`, { inputs, concurrency: 5 });
    expect(batch.status).toBe(201);
    await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${batch.body.data.id}`);
        return { done: body.data?.completedAt ? body.data : null, progress: body.data?.counts };
      },
      { what: 'the bypass batch', stallMs: 30_000, intervalMs: 50 },
    );
    expect(openai.requests).toHaveLength(calls + 5); // cached since the first batch, yet each row executed
    const after = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input: { company: 'company-7' } });
    expect(openai.requests).toHaveLength(calls + 5);
    const source = after.body.data.steps[0].usage.cachedFrom.runId;
    const batchRuns = (await server.api('GET', `/v1/batches/${batch.body.data.id}/runs?limit=10`)).body.data.map(
      (r: { id: string }) => r.id,
    );
    expect(batchRuns).toContain(source);
  });

  it('refuses cache on a step that may change something outside the run, and accepts it on a GET', async () => {
    const post = await server.api('POST', '/v1/workflows', {
      name: 'Side effect',
      steps: [{ id: 'send', type: 'http.request', with: { method: 'POST', url: 'https://example.com/hook' }, cache: { ttlSeconds: 60 } }],
    });
    expect(post.status).toBe(400);
    expect(post.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'steps[0].cache' })]));
    const get = await server.api('POST', '/v1/workflows', {
      name: 'Lookup',
      steps: [{ id: 'fetch', type: 'http.request', with: { url: 'https://example.com/facts' }, cache: { ttlSeconds: 60 } }],
    });
    expect(get.status).toBe(201);
  });

  it('reuses a cached document render with its files copied into the new run, and renders again once they are gone', async () => {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Cached memo',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', template: '# {{ input.company }}\n\nA memo.', formats: ['md', 'html'] },
          cache: { ttlSeconds: 3600 },
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runOnce = async () => {
      const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, { input: { company: 'Acme' } });
      expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe('completed');
      return run.body.data;
    };
    const first = await runOnce();
    const second = await runOnce();
    expect(second.steps[0].usage).toMatchObject({ cached: true, cachedFrom: { runId: first.id } });
    const file = second.steps[0].output.artifacts.md;
    expect(file.url).toBe(`/v1/workflow-runs/${second.id}/artifacts/memo.md`);
    expect(second.artifacts.map((a: { name: string }) => a.name).sort()).toEqual(['memo.html', 'memo.md']);
    const download = await fetch(`${server.url}${file.url}`, { headers: server.headers });
    expect(await download.text()).toBe('# Acme\n\nA memo.');

    // The source run's files are gone (as retention deletes them): the next run renders afresh.
    await server.assay.store.db.deleteFrom('artifacts').where('run_id', '=', first.id).execute();
    const third = await runOnce();
    expect(third.steps[0].usage?.cached).toBeUndefined();
    expect(third.steps[0].output.artifacts.md.url).toBe(`/v1/workflow-runs/${third.id}/artifacts/memo.md`);
    // …and the entry now names the run that rendered it again.
    const fourth = await runOnce();
    expect(fourth.steps[0].usage).toMatchObject({ cached: true, cachedFrom: { runId: third.id } });
  });
});
