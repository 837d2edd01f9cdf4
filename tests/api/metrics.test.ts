import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { untilDone } from '../support/progress';
import { sampleValue, scrape } from '../support/prometheus-text';

const RUN_ID = /[0-9a-f]{24}/;

/**
 * `/metrics` as Prometheus scrapes it: the process's own metrics, HTTP requests by route pattern,
 * steps by type, model tokens and cost by provider and model, and the progress of open batches.
 */
describe('Prometheus metrics', () => {
  let server: TestServer;
  let openai: FakeLlmServer;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-metrics',
      OPENAI_BASE_URL: openai.baseURL,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      // $1,000 per 1M tokens: 1,000 tokens cost $1.
      ASSAY_AI_PRICES: JSON.stringify({ 'openai:gpt-4o-mini': { input: 1000, output: 1000 } }),
    });
  });
  afterAll(async () => {
    await server?.close();
    await openai?.close();
  });

  it("exposes Node's and the process's own metrics: memory, CPU, event loop lag", async () => {
    const scraped = await scrape(server.url);
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_p99_seconds',
    ])
      expect(sampleValue(scraped, name), name).toBeGreaterThan(0);
  });

  it('times requests by method, route pattern and status, never by the raw path', async () => {
    const workflowId = await createWorkflow(server, { name: 'Timed', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect((await server.api('GET', `/v1/workflow-runs/${run.id}`)).status).toBe(200);
    expect((await server.api('GET', '/v1/workflow-runs/0123456789abcdef01234567')).status).toBe(404);
    // Refused by the authentication in front of the route: still counted under the route's pattern.
    expect((await request(server.url, 'GET', `/v1/workflow-runs/${run.id}`, {})).status).toBe(401);
    // No route at all: one label for every such path, whatever it is.
    expect((await server.api('GET', '/v1/no-such-thing/abc')).status).toBe(404);

    const scraped = await scrape(server.url);
    const count = (labels: Record<string, string>) => sampleValue(scraped, 'assay_http_request_duration_seconds_count', labels);
    expect(count({ method: 'GET', route: '/v1/workflow-runs/{id}', status: '200' })).toBe(1);
    expect(count({ method: 'GET', route: '/v1/workflow-runs/{id}', status: '404' })).toBe(1);
    expect(count({ method: 'GET', route: '/v1/workflow-runs/{id}', status: '401' })).toBe(1);
    expect(count({ method: 'POST', route: '/v1/workflows/{id}/runs', status: '201' })).toBe(1);
    expect(count({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    const buckets = scraped.samples.filter((s) => s.name === 'assay_http_request_duration_seconds_bucket');
    expect(buckets.length).toBeGreaterThan(0);
    const routes = new Set(buckets.map((s) => s.labels.route));
    for (const route of routes) {
      expect(route, 'a raw id in a route label').not.toMatch(RUN_ID);
      expect(route).not.toContain('no-such-thing');
    }
  });

  it('times steps by type, and counts model tokens and cost by provider and model', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Assessed',
      steps: [
        { id: 'assess', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'Assess ACME.' } },
        { id: 'shout', type: 'transform', needs: ['assess'], with: { expression: '$uppercase(steps.assess.output.text)' } },
      ],
    });
    openai.reply({ text: 'solid', inputTokens: 600, outputTokens: 400 });
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {})).body.data;
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(openai.requests).toHaveLength(1);

    const scraped = await scrape(server.url);
    const model = { provider: 'openai', model: 'openai:gpt-4o-mini' };
    expect(sampleValue(scraped, 'assay_ai_tokens_total', model)).toBe(1000);
    expect(sampleValue(scraped, 'assay_ai_cost_usd_total', model)).toBeCloseTo(1, 6);
    const steps = (type: string) => sampleValue(scraped, 'assay_step_duration_seconds_count', { type, status: 'completed' }) ?? 0;
    expect(steps('ai.generate')).toBe(1);
    // The other tests' transform steps too: at least this run's.
    expect(steps('transform')).toBeGreaterThanOrEqual(1);
    expect(scraped.samples.some((s) => s.name === 'assay_step_duration_seconds_count' && s.labels.type === undefined)).toBe(false);
  });

  it('reports the progress of open batches: their runs by status, until the batch ends', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Paused',
      inputs: { company: { type: 'string', required: true } },
      steps: [{ id: 'pause', type: 'wait', with: { seconds: 3600 } }],
    });
    const inputs = [{ company: 'a' }, { company: 'b' }, { company: 'c' }];
    const batch = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs, concurrency: 1 });
    expect(batch.status).toBe(201);
    const batchId = batch.body.data.id as string;

    // The gauges are recounted at most every few seconds: wait for the count to show the batch.
    const progress = async () => {
      const scraped = await scrape(server.url);
      return {
        open: sampleValue(scraped, 'assay_batches_open'),
        waiting: sampleValue(scraped, 'assay_batch_runs', { status: 'waiting' }),
        queued: sampleValue(scraped, 'assay_batch_runs', { status: 'queued' }),
        completed: sampleValue(scraped, 'assay_batch_runs', { status: 'completed' }),
      };
    };
    // One run parked on its wait (concurrency 1), the other two held behind it.
    const seen = await untilDone(
      async () => {
        const now = await progress();
        return { done: now.open === 1 && now.waiting === 1 && now.queued === 2 ? now : null, progress: now };
      },
      { what: 'the batch to show in the metrics', stallMs: 30_000, intervalMs: 100 },
    );
    expect(seen.completed).toBe(0);

    expect((await server.api('POST', `/v1/batches/${batchId}/cancel`)).status).toBe(200);
    await untilDone(
      async () => {
        const now = await progress();
        return { done: now.open === 0 && now.waiting === 0 && now.queued === 0 ? now : null, progress: now };
      },
      { what: 'the cancelled batch to leave the metrics', stallMs: 30_000, intervalMs: 100 },
    );
  });
});
