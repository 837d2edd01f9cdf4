import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { untilDone } from '../support/progress';
import { openSse } from '../support/sse';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Budgets through the API: a run crossing its budget parks (`waiting`, `budget_exceeded`) holding
 * no worker, and resumes from its checkpoints when the budget is raised, repeating no model call and
 * no tool call; a workflow's budget is its runs' default; a batch stops releasing runs at its budget;
 * cost is reported on runs, batches and the metrics endpoint.
 */
describe('budgets', () => {
  let server: TestServer;
  let openai: FakeLlmServer;
  let facts: WebhookReceiver;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    facts = await startWebhookReceiver();
    facts.respond = (request) => ({ status: 200, body: JSON.stringify({ company: request.path.split('/').pop(), revenue: 120 }) });
    // 1,000 USD per 1M tokens: a call of 1,000 tokens costs $1 (the prices come from configuration).
    server = await startTestServer({
      OPENAI_API_KEY: 'sk-test-budgets',
      OPENAI_BASE_URL: openai.baseURL,
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_AI_PRICES: JSON.stringify({ 'openai:gpt-4o-mini': { input: 1000, output: 1000 } }),
    });
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
    await facts.close();
  });

  async function createWorkflow(definition: unknown): Promise<string> {
    const created = await server.api('POST', '/v1/workflows', definition);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.data.id;
  }

  async function runUntil(runId: string, statuses: string[]): Promise<any> {
    return untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/workflow-runs/${runId}`);
        return { done: statuses.includes(body.data.status) ? body.data : null, progress: body.data.status };
      },
      { what: `run ${runId} to be ${statuses.join(' or ')}`, stallMs: 30_000, intervalMs: 20 },
    );
  }

  it('parks an agent over its token budget before its next tool call, and resumes on a raise repeating nothing', async () => {
    const workflowId = await createWorkflow({
      name: 'Budgeted research',
      inputs: { company: { type: 'string', required: true } },
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Research {{ input.company }}.',
            tools: [
              {
                name: 'facts',
                description: 'Facts about a company',
                parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
                step: { type: 'http.request', with: { url: `${facts.url}/facts/{{ args.id }}` } },
              },
            ],
          },
        },
      ],
    });
    const call = (id: string, inputTokens: number) => ({
      text: '',
      toolCalls: [{ name: 'facts', args: { id } }],
      inputTokens,
      outputTokens: 0,
    });
    // 400 tokens, then 700 more: over the budget of 1,000 after the second turn.
    openai.reply(call('acme', 400), call('acme-holdings', 700), { text: 'Acme is a pass.', inputTokens: 50, outputTokens: 10 });
    const requestsBefore = openai.requests.length;
    const factsBefore = facts.received.length;

    const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'acme' }, budget: { tokens: 1000 } });
    expect(created.status).toBe(201);
    expect(created.body.data.budget).toEqual({ tokens: 1000 });
    const runId = created.body.data.id;

    const parked = await runUntil(runId, ['waiting', 'completed', 'failed']);
    expect(parked.status).toBe('waiting');
    expect(parked.waitReason).toBe('budget_exceeded');
    expect(parked.cost).toEqual({ usd: 1.1, tokens: 1100 });
    expect(parked.steps[0]).toMatchObject({ status: 'pending', error: { code: 'budget_exceeded' } });
    expect(parked.steps[0].error.message).toContain('1,100 tokens of its budget of 1,000');
    // Two model turns; the first tool call ran, the second (asked for by the turn that crossed) did not.
    expect(openai.requests.length - requestsBefore).toBe(2);
    expect(facts.received.slice(factsBefore).map((r) => r.path)).toEqual(['/facts/acme']);

    const events = await openSse(`${server.url}/v1/events?runId=${runId}&types=run.waiting&after=0`, server.headers);
    const waiting = await events.waitUntil((m) => m.event === 'run.waiting');
    events.close();
    expect(JSON.parse(waiting.data).data).toMatchObject({ status: 'waiting', reason: 'budget_exceeded', cost: { tokens: 1100 } });

    // Still parked a while later: nothing wakes it but a raise.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data.status).toBe('waiting');

    const raised = await server.api('POST', `/v1/workflow-runs/${runId}/budget`, { tokens: 5000 });
    expect(raised.status).toBe(200);
    expect(raised.body.data.budget).toEqual({ tokens: 5000 });
    const done = await runUntil(runId, ['completed', 'failed']);
    expect(done.status, JSON.stringify(done.error)).toBe('completed');
    expect(done.waitReason).toBeNull();
    expect(done.output.answer).toBe('Acme is a pass.');
    // One more model turn (the answer) and the second tool call: nothing finished was made again.
    expect(openai.requests.length - requestsBefore).toBe(3);
    expect(facts.received.slice(factsBefore).map((r) => r.path)).toEqual(['/facts/acme', '/facts/acme-holdings']);
    expect(done.cost).toEqual({ usd: 1.16, tokens: 1160 });
    expect(done.steps[0].usage).toMatchObject({ inputTokens: 1150, outputTokens: 10, calls: 3 });
  });

  it("takes the workflow's budget by default, checks it before a call, and keeps finished steps on resume", async () => {
    const workflowId = await createWorkflow({
      name: 'Two assessments',
      inputs: { company: { type: 'string', required: true } },
      budget: { usd: 0.9 },
      steps: [
        { id: 'first', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'Assess {{ input.company }}.' } },
        { id: 'second', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'Check {{ steps.first.output.text }}.' } },
      ],
    });
    // The first call costs $1: within the budget when it was asked for, over it once answered.
    openai.reply({ text: 'solid', inputTokens: 600, outputTokens: 400 }, { text: 'confirmed', inputTokens: 100, outputTokens: 100 });
    const before = openai.requests.length;
    const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'acme' } });
    expect(created.body.data.budget).toEqual({ usd: 0.9 });
    const parked = await runUntil(created.body.data.id, ['waiting', 'completed', 'failed']);
    expect(parked.status).toBe('waiting');
    expect(parked.waitReason).toBe('budget_exceeded');
    expect(parked.steps.map((s: any) => s.status)).toEqual(['completed', 'pending']);
    expect(parked.cost).toEqual({ usd: 1, tokens: 1000 });
    expect(openai.requests.length - before).toBe(1);

    const raised = await server.api('POST', `/v1/workflow-runs/${created.body.data.id}/budget`, { usd: 5 });
    expect(raised.body.data.budget).toEqual({ usd: 5 });
    const done = await runUntil(created.body.data.id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.output).toEqual({ text: 'confirmed' });
    expect(openai.requests.length - before).toBe(2);
    expect(done.steps[0].attempts).toBe(1);
    expect(done.steps[1].attempts).toBe(1);
    expect(done.cost).toEqual({ usd: 1.2, tokens: 1200 });
  });

  it('fails a step whose model has no price when the run has a USD budget, naming the setting', async () => {
    const workflowId = await createWorkflow({
      name: 'Unpriced',
      steps: [{ id: 'ask', type: 'ai.generate', with: { model: 'openai:gpt-unpriced-model', prompt: 'Hello.' } }],
    });
    const before = openai.requests.length;
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { budget: { usd: 1 } });
    expect(run.body.data.status).toBe('failed');
    expect(run.body.data.error.message).toContain('ASSAY_AI_PRICES');
    expect(openai.requests.length).toBe(before);
  });

  it('fails an agent that would cross its own step budget, without parking the run', async () => {
    const workflowId = await createWorkflow({
      name: 'Bounded agent',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Research Acme.',
            budget: { tokens: 500 },
            tools: [
              {
                name: 'facts',
                description: 'Facts about a company',
                parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
                step: { type: 'http.request', with: { url: `${facts.url}/facts/{{ args.id }}` } },
              },
            ],
          },
        },
      ],
    });
    openai.reply({ text: '', toolCalls: [{ name: 'facts', args: { id: 'acme' } }], inputTokens: 550, outputTokens: 50 });
    const before = openai.requests.length;
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {});
    expect(run.body.data.status).toBe('failed');
    expect(run.body.data.error).toMatchObject({ code: 'budget_exceeded', stepId: 'research' });
    expect(run.body.data.error.message).toContain('600 tokens of its budget of 500');
    expect(openai.requests.length - before).toBe(1);
  });

  it('refuses a bad budget naming the field, and a budget change on a finished run', async () => {
    const workflowId = await createWorkflow({ name: 'Plain', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
    const bad = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { budget: { usd: -1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('budget.usd');
    const empty = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { budget: {} });
    expect(empty.status).toBe(400);
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {});
    expect(run.body.data.status).toBe('completed');
    expect(run.body.data.cost).toEqual({ usd: 0, tokens: 0 });
    const late = await server.api('POST', `/v1/workflow-runs/${run.body.data.id}/budget`, { usd: 2 });
    expect(late.status).toBe(409);
    const wrong = await server.api('POST', `/v1/workflow-runs/${run.body.data.id}/budget`, { tokens: 'many' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].path).toBe('tokens');
  });

  it('stops releasing the runs of a batch at its budget, says so, and releases them when it is raised', async () => {
    const workflowId = await createWorkflow({
      name: 'Screen',
      inputs: { company: { type: 'string', required: true } },
      steps: [{ id: 'assess', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'Assess {{ input.company }}.' } }],
    });
    openai.reset();
    openai.reply(...Array.from({ length: 10 }, () => ({ text: 'ok', inputTokens: 900, outputTokens: 100 })));
    const inputs = Array.from({ length: 10 }, (_, i) => ({ company: `company-${i}` }));
    const batch = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs, concurrency: 1, budget: { tokens: 3000 } });
    expect(batch.status).toBe(201);
    expect(batch.body.data.budget).toEqual({ tokens: 3000 });
    const batchId = batch.body.data.id;

    const held = await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${batchId}`);
        return { done: body.data.budgetExceededAt ? body.data : null, progress: body.data.counts };
      },
      { what: 'the batch to reach its budget', stallMs: 30_000, intervalMs: 20 },
    );
    expect(held.cost).toEqual({ usd: 3, tokens: 3000 });
    expect(held.status).toBe('running');
    // Nothing more starts: the three runs that spent the budget finished, the other seven are held.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const still = (await server.api('GET', `/v1/batches/${batchId}`)).body.data;
    expect(still.counts).toMatchObject({ completed: 3, queued: 7, running: 0 });
    expect(openai.requests).toHaveLength(3);
    const events = await openSse(`${server.url}/v1/events?batchId=${batchId}&types=batch.budget_exceeded&after=0`, server.headers);
    const exceeded = await events.waitUntil((m) => m.event === 'batch.budget_exceeded');
    events.close();
    expect(JSON.parse(exceeded.data).data).toMatchObject({ budget: { tokens: 3000 }, cost: { tokens: 3000 }, held: 7 });

    const raised = await server.api('POST', `/v1/batches/${batchId}/budget`, { tokens: null });
    expect(raised.status).toBe(200);
    expect(raised.body.data.budget).toBeNull();
    expect(raised.body.data.budgetExceededAt).toBeNull();
    const done = await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${batchId}`);
        return { done: body.data.completedAt ? body.data : null, progress: body.data.counts };
      },
      { what: 'the batch to finish', stallMs: 30_000, intervalMs: 20 },
    );
    expect(done.counts).toMatchObject({ completed: 10 });
    expect(done.cost).toEqual({ usd: 10, tokens: 10_000 });
    expect(openai.requests).toHaveLength(10);
  });

  it('reports the cost of model calls on the metrics endpoint, by model', async () => {
    const metrics = await fetch(`${server.url}/metrics`);
    const text = await metrics.text();
    const tokens = /assay_ai_tokens_total\{provider="openai",model="openai:gpt-4o-mini"\} (\d+)/.exec(text);
    const usd = /assay_ai_cost_usd_total\{provider="openai",model="openai:gpt-4o-mini"\} ([\d.]+)/.exec(text);
    // The calls of the tests above: 1,160 + 1,200 + 600 + 10,000 tokens at $1 per 1,000.
    expect(Number(tokens?.[1])).toBe(12_960);
    expect(Number(usd?.[1])).toBeCloseTo(12.96, 6);
  });
});
