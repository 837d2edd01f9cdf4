import { afterEach, describe, expect, it } from 'vitest';
import { aiSettingsFromEnv, createAiSteps, createModelResolver, type AiSettings } from '@assay/steps';
import { engineHarness, type EngineHarness } from '../support/engine-harness';
import { fakeLlmServersForTests } from '../support/fake-llm-fixture';
import { errorBody, startFakeOpenAI } from '../support/fake-llm-servers';

const OPENAI_KEY = 'sk-test-openai-9f8e7d6c5b4a';
const ANTHROPIC_KEY = 'sk-ant-test-1a2b3c4d5e6f';

const llm = fakeLlmServersForTests();
const harnesses: EngineHarness[] = [];

afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
});

function settings(extra: Partial<AiSettings> = {}): AiSettings {
  return {
    openai: { apiKey: OPENAI_KEY, baseURL: llm.openai.baseURL },
    anthropic: { apiKey: ANTHROPIC_KEY, baseURL: llm.anthropic.baseURL },
    ...extra,
  };
}

async function harness(aiSettings: AiSettings = settings()): Promise<EngineHarness> {
  const h = await engineHarness(createAiSteps(createModelResolver(aiSettings)));
  harnesses.push(h);
  return h;
}

/** Runs a one-step workflow to its end; answers the run status and the step record. */
async function runStep(h: EngineHarness, step: Record<string, unknown>, input: Record<string, unknown> = {}) {
  const inputs = Object.fromEntries(Object.keys(input).map((name) => [name, { type: 'string' as const }]));
  const wf = await h.workflow({ name: 'ai', inputs, steps: [{ id: 'ai', ...step } as any] });
  const runId = await h.start(wf, input);
  const status = await h.finished(runId, 20_000);
  const steps = await h.store.runs.steps(runId);
  const record = steps.find((s) => s.stepId === 'ai')!;
  return { status, record, runId };
}

const person = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name', 'age'],
};

describe('ai.generate', () => {
  it('generates text with OpenAI and records usage and cost', async () => {
    const h = await harness();
    llm.openai.reply({ text: 'Hello from the fake', inputTokens: 120, outputTokens: 30 });
    const { status, record } = await runStep(
      h,
      {
        type: 'ai.generate',
        with: { model: 'openai:gpt-4o-mini', system: 'Be brief.', prompt: 'Say hi to {{ input.name }}', temperature: 0.2, maxTokens: 50 },
      },
      { name: 'Ada' },
    );
    expect(status).toBe('completed');
    expect(record.output).toEqual({ text: 'Hello from the fake' });
    expect(record.usage).toMatchObject({ model: 'openai:gpt-4o-mini', inputTokens: 120, outputTokens: 30, calls: 1 });
    expect(record.usage!.latencyMs).toEqual(expect.any(Number));
    expect(record.usage!.costUsd).toBeCloseTo((120 * 0.15 + 30 * 0.6) / 1e6, 12);
    expect(llm.openai.requests).toHaveLength(1);
    const request = llm.openai.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    expect(request.structured).toBeNull();
    expect(request.body).toMatchObject({ model: 'gpt-4o-mini', temperature: 0.2, max_tokens: 50 });
    expect(request.body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Say hi to Ada' },
    ]);
  });

  it('generates text with Anthropic', async () => {
    const h = await harness();
    llm.anthropic.reply({ text: 'Bonjour', inputTokens: 7, outputTokens: 3 });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'anthropic:claude-3-5-haiku-latest', system: 'French only.', prompt: 'Greet me' },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ text: 'Bonjour' });
    expect(record.usage).toMatchObject({ model: 'anthropic:claude-3-5-haiku-latest', inputTokens: 7, outputTokens: 3 });
    expect(record.usage!.costUsd).toBeCloseTo((7 * 0.8 + 3 * 4) / 1e6, 12);
    const request = llm.anthropic.requests[0]!;
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    expect(request.body.system).toEqual([{ type: 'text', text: 'French only.' }]);
    expect(request.body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Greet me' }] }]);
  });

  it('returns a validated object on the first try (OpenAI json_schema)', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"name":"Ada","age":36}' });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'openai:gpt-4o-mini', prompt: 'Who?', schema: person },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ name: 'Ada', age: 36 });
    expect(llm.openai.requests).toHaveLength(1);
    expect(llm.openai.requests[0]!.structured).toBe('json_schema');
    expect(llm.openai.requests[0]!.body.response_format.json_schema.schema).toEqual(person);
  });

  it('returns a validated object on the first try (Anthropic, JSON tool and native output format)', async () => {
    const h = await harness();
    llm.anthropic.reply({ text: '{"name":"Ada","age":36}' }, { text: '{"name":"Grace","age":85}' });
    const older = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'anthropic:claude-3-5-haiku-latest', prompt: 'Who?', schema: person },
    });
    expect(older.status).toBe('completed');
    expect(older.record.output).toEqual({ name: 'Ada', age: 36 });
    expect(llm.anthropic.requests[0]!.structured).toBe('json_tool');
    const newer = await runStep(h, { type: 'ai.generate', with: { model: 'anthropic:claude-sonnet-4-5', prompt: 'Who?', schema: person } });
    expect(newer.status).toBe('completed');
    expect(newer.record.output).toEqual({ name: 'Grace', age: 85 });
    expect(llm.anthropic.requests[1]!.structured).toBe('output_format');
    expect(llm.anthropic.requests).toHaveLength(2);
  });

  it('wraps a non-object schema for the provider and unwraps the answer', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"value":["a","b"]}' });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'openai:gpt-4o-mini', prompt: 'List', schema: { type: 'array', items: { type: 'string' } } },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual(['a', 'b']);
  });

  it('repairs an invalid answer once: the second request carries the bad answer and what was wrong', async () => {
    const h = await harness();
    llm.openai.reply(
      { text: 'Sure! The person is Ada, aged 36.', inputTokens: 10, outputTokens: 8 },
      { text: '{"name":"Ada","age":36}', inputTokens: 40, outputTokens: 6 },
    );
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'openai:gpt-4o-mini', prompt: 'Who?', schema: person },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ name: 'Ada', age: 36 });
    expect(llm.openai.requests).toHaveLength(2);
    const messages = llm.openai.requests[1]!.body.messages;
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Sure! The person is Ada, aged 36.' });
    expect(messages[2].role).toBe('user');
    expect(messages[2].content).toContain('not JSON');
    expect(record.usage).toMatchObject({ inputTokens: 50, outputTokens: 14, calls: 2 });
  });

  it('repairs JSON that does not match the schema (Anthropic JSON tool)', async () => {
    const h = await harness();
    llm.anthropic.reply({ text: '{"name":"Ada","age":-1}' }, { text: '{"name":"Ada","age":36}' });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'anthropic:claude-3-5-haiku-latest', prompt: 'Who?', schema: person },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ name: 'Ada', age: 36 });
    expect(llm.anthropic.requests).toHaveLength(2);
    expect(JSON.stringify(llm.anthropic.requests[1]!.body.messages)).toContain('$.age must be >= 0');
  });

  it('fails non-retryably with what was wrong when the repair is still invalid', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"name":"Ada"}' }, { text: '{"name":42,"age":"old"}' });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 3, initialDelayMs: 10 },
      with: { model: 'openai:gpt-4o-mini', prompt: 'Who?', schema: person },
    });
    expect(status).toBe('failed');
    expect(record.attempts).toBe(1);
    expect(llm.openai.requests).toHaveLength(2);
    expect(record.error!.code).toBe('step_failed');
    expect(record.error!.message).toContain('did not match the schema after one repair attempt');
    expect(record.error!.message).toContain('$.name must be string');
    expect(record.error!.message).toContain('$.age must be integer');
  });

  it('rejects an unusable schema without calling the model', async () => {
    const h = await harness();
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'openai:gpt-4o-mini', prompt: 'x', schema: { type: 'object', properties: { a: { type: 'no-such-type' } } } },
    });
    expect(status).toBe('failed');
    expect(record.error!.code).toBe('invalid_input');
    expect(record.error!.message).toContain('not a usable JSON Schema');
    expect(llm.openai.requests).toHaveLength(0);
  });
});

describe('provider errors', () => {
  it('retries a 429 after the Retry-After delay when the step has a retry policy', async () => {
    const h = await harness();
    llm.openai.reply(
      { status: 429, body: errorBody('openai', 'Rate limit reached'), headers: { 'retry-after': '1' } },
      { text: 'second time lucky' },
    );
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 2, initialDelayMs: 10 },
      with: { model: 'openai:gpt-4o-mini', prompt: 'hi' },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ text: 'second time lucky' });
    expect(record.attempts).toBe(2);
    expect(llm.openai.requests).toHaveLength(2);
    expect(llm.openai.requests[1]!.receivedAt - llm.openai.requests[0]!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('fails on a 429 when the step has no retry policy, saying it was rate limited', async () => {
    const h = await harness();
    llm.anthropic.reply({
      status: 429,
      body: errorBody('anthropic', 'Number of requests has exceeded your rate limit'),
      headers: { 'retry-after': '30' },
    });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      with: { model: 'anthropic:claude-3-5-haiku-latest', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.error!.message).toContain('HTTP 429');
    expect(record.error!.message).toContain('rate limit');
    expect(llm.anthropic.requests).toHaveLength(1);
  });

  it('fails on a 500 without a retry policy (one request: the SDK does not retry on its own)', async () => {
    const h = await harness();
    llm.openai.reply({ status: 500, body: errorBody('openai', 'The server had an error') });
    const { status, record } = await runStep(h, { type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'hi' } });
    expect(status).toBe('failed');
    expect(record.error).toMatchObject({ code: 'step_failed', stepId: 'ai' });
    expect(record.error!.message).toContain('HTTP 500');
    expect(record.error!.message).toContain('The server had an error');
    expect(llm.openai.requests).toHaveLength(1);
  });

  it('does not retry a 400 even with a retry policy, and reports the provider message', async () => {
    const h = await harness();
    llm.anthropic.reply({
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: must be at most 8192' } },
    });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 3, initialDelayMs: 10 },
      with: { model: 'anthropic:claude-3-5-haiku-latest', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.attempts).toBe(1);
    expect(record.error!.message).toContain('HTTP 400');
    expect(record.error!.message).toContain('max_tokens: must be at most 8192');
  });

  it('retries a network failure', async () => {
    const down = await startFakeOpenAI();
    const baseURL = down.baseURL;
    await down.close();
    const h = await harness({ openai: { apiKey: OPENAI_KEY, baseURL } });
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 2, initialDelayMs: 10 },
      with: { model: 'openai:gpt-4o-mini', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.attempts).toBe(2);
    expect(record.error!.message).toContain('could not reach the provider');
  });

  it('aborts the provider call when the step times out', async () => {
    const h = await harness();
    llm.openai.reply({ text: 'too late', delayMs: 3000 });
    const started = Date.now();
    const { status, record } = await runStep(h, {
      type: 'ai.generate',
      timeoutMs: 200,
      with: { model: 'openai:gpt-4o-mini', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.error!.code).toBe('step_timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('never puts an API key in a step error', async () => {
    const h = await harness();
    llm.openai.reply({
      status: 401,
      body: errorBody('openai', `Incorrect API key provided: ${OPENAI_KEY}. You can find your API key at https://platform.openai.com.`),
    });
    const { status, record, runId } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 3, initialDelayMs: 10 },
      with: { model: 'openai:gpt-4o-mini', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.attempts).toBe(1);
    expect(record.error!.message).toContain('HTTP 401');
    expect(record.error!.message).toContain('Incorrect API key provided: [redacted]');
    const run = await h.store.runs.get(h.workspaceId, runId);
    expect(JSON.stringify(run)).not.toContain(OPENAI_KEY);
    expect(JSON.stringify(await h.store.runs.steps(runId))).not.toContain(OPENAI_KEY);
  });
});

describe('providers by environment', () => {
  it('fails with a message naming OPENAI_API_KEY when no provider is configured', async () => {
    const h = await harness(aiSettingsFromEnv({}));
    const { status, record, runId } = await runStep(h, {
      type: 'ai.generate',
      retry: { maxAttempts: 3, initialDelayMs: 10 },
      with: { model: 'openai:gpt-4o-mini', prompt: 'hi' },
    });
    expect(status).toBe('failed');
    expect(record.attempts).toBe(1);
    expect(record.error).toMatchObject({
      code: 'invalid_input',
      message: 'model openai:gpt-4o-mini: no OpenAI provider configured; set OPENAI_API_KEY',
    });
    const run = await h.store.runs.get(h.workspaceId, runId);
    expect(JSON.stringify(run)).toContain('OPENAI_API_KEY');
  });

  it('names the setting for an unknown provider', async () => {
    const h = await harness(aiSettingsFromEnv({}));
    const anth = await runStep(h, { type: 'ai.generate', with: { model: 'anthropic:claude-sonnet-4-5', prompt: 'hi' } });
    expect(anth.record.error!.message).toContain('set ANTHROPIC_API_KEY');
    const ollama = await runStep(h, { type: 'ai.classify', with: { model: 'ollama:llama3.1', text: 'x', labels: ['a', 'b'] } });
    expect(ollama.record.error!.message).toContain('ASSAY_AI_COMPAT_OLLAMA_BASE_URL');
  });

  it('uses an OpenAI-compatible server configured by base URL', async () => {
    const env = { ASSAY_AI_COMPAT_LOCAL_BASE_URL: llm.openai.baseURL, ASSAY_AI_COMPAT_LOCAL_API_KEY: 'local-key-xyz' };
    const h = await harness(aiSettingsFromEnv(env));
    llm.openai.reply({ text: 'from llama', inputTokens: 4, outputTokens: 2 }, { text: '{"city":"Paris"}' });
    const text = await runStep(h, { type: 'ai.generate', with: { model: 'local:llama3.1:8b', prompt: 'hi' } });
    expect(text.status).toBe('completed');
    expect(text.record.output).toEqual({ text: 'from llama' });
    expect(text.record.usage).toMatchObject({ model: 'local:llama3.1:8b', inputTokens: 4, outputTokens: 2 });
    // A compatible server is taken to be local: free unless ASSAY_AI_PRICES prices it.
    expect(text.record.usage).toMatchObject({ costUsd: 0 });
    expect(llm.openai.requests[0]!.body.model).toBe('llama3.1:8b');
    expect(llm.openai.requests[0]!.headers.authorization).toBe('Bearer local-key-xyz');
    const structured = await runStep(h, {
      type: 'ai.generate',
      with: {
        model: 'local:llama3.1:8b',
        prompt: 'hi',
        schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    });
    expect(structured.record.output).toEqual({ city: 'Paris' });
    expect(llm.openai.requests[1]!.structured).toBe('json_schema');
  });

  it('caps concurrent requests per provider (two parallel branches never overlap with a cap of 1)', async () => {
    const h = await harness(settings({ concurrency: 1 }));
    llm.openai.reply({ text: 'one', delayMs: 300 }, { text: 'two', delayMs: 300 });
    llm.anthropic.reply({ text: 'three', delayMs: 300 });
    const wf = await h.workflow({
      name: 'parallel',
      steps: [
        { id: 'a', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'a' } },
        { id: 'b', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'b' } },
        { id: 'c', type: 'ai.generate', with: { model: 'anthropic:claude-3-5-haiku-latest', prompt: 'c' } },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId, 20_000)).toBe('completed');
    expect(llm.openai.requests).toHaveLength(2);
    expect(llm.openai.maxInFlight()).toBe(1);
    const [first, second] = [...llm.openai.requests].sort((x, y) => x.receivedAt - y.receivedAt);
    expect(second!.receivedAt).toBeGreaterThanOrEqual(first!.answeredAt);
    // The cap is per provider: Anthropic's request ran alongside one of OpenAI's.
    const c = llm.anthropic.requests[0]!;
    expect(llm.openai.requests.some((r) => r.receivedAt < c.answeredAt && c.receivedAt < r.answeredAt)).toBe(true);
  });

  it('lets parallel branches overlap when the cap allows', async () => {
    const fresh = await startFakeOpenAI();
    try {
      const h = await harness({ openai: { apiKey: OPENAI_KEY, baseURL: fresh.baseURL }, concurrency: 2 });
      fresh.reply({ text: 'one', delayMs: 300 }, { text: 'two', delayMs: 300 });
      const wf = await h.workflow({
        name: 'parallel',
        steps: [
          { id: 'a', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'a' } },
          { id: 'b', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'b' } },
        ],
      });
      const runId = await h.start(wf);
      expect(await h.finished(runId, 20_000)).toBe('completed');
      expect(fresh.maxInFlight()).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});

describe('ai.classify and ai.extract', () => {
  it('classifies text into one of the labels with a confidence', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"label":"billing","confidence":0.92}' });
    const { status, record } = await runStep(h, {
      type: 'ai.classify',
      with: {
        model: 'openai:gpt-4o-mini',
        text: 'I was charged twice',
        labels: ['billing', 'bug', 'other'],
        instructions: 'Refund requests are billing.',
      },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ label: 'billing', confidence: 0.92 });
    expect(record.usage).toMatchObject({ model: 'openai:gpt-4o-mini', calls: 1 });
    const body = llm.openai.requests[0]!.body;
    expect(body.response_format.json_schema.strict).toBe(true);
    expect(body.response_format.json_schema.schema.properties.label.enum).toEqual(['billing', 'bug', 'other']);
    expect(body.messages[0].content).toContain('Refund requests are billing.');
    expect(body.messages[1].content).toContain('I was charged twice');
  });

  it('repairs a label outside the list (Anthropic) and clamps the confidence', async () => {
    const h = await harness();
    llm.anthropic.reply({ text: '{"label":"Billing","confidence":0.5}' }, { text: '{"label":"billing","confidence":1.4}' });
    const { status, record } = await runStep(h, {
      type: 'ai.classify',
      with: { model: 'anthropic:claude-3-5-haiku-latest', text: 'charged twice', labels: ['billing', 'bug'] },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ label: 'billing', confidence: 1 });
    expect(llm.anthropic.requests).toHaveLength(2);
  });

  it('rejects fewer than two labels when the workflow is saved', async () => {
    const h = await harness();
    await expect(
      h.workflow({
        name: 'one',
        steps: [{ id: 'c', type: 'ai.classify', with: { model: 'openai:gpt-4o-mini', text: 'x', labels: ['only'] } }],
      }),
    ).rejects.toThrow(/labels/);
    expect(llm.openai.requests).toHaveLength(0);
  });

  it('extracts fields, with null for what the text does not say', async () => {
    const h = await harness();
    llm.anthropic.reply({ text: '{"customer":"Acme Corp","total":1250.5,"paid":null,"items":["bolts","nuts"]}' });
    const { status, record } = await runStep(h, {
      type: 'ai.extract',
      with: {
        model: 'anthropic:claude-sonnet-4-5',
        text: 'Invoice for Acme Corp: bolts and nuts, total 1,250.50 EUR.',
        fields: {
          customer: 'The customer company name',
          total: { type: 'number', description: 'Invoice total' },
          paid: { type: 'boolean' },
          items: { type: 'array', description: 'Line items' },
        },
      },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ customer: 'Acme Corp', total: 1250.5, paid: null, items: ['bolts', 'nuts'] });
    expect(record.usage).toMatchObject({ model: 'anthropic:claude-sonnet-4-5', inputTokens: 10, outputTokens: 5 });
    expect(record.usage!.costUsd).toBeCloseTo((10 * 3 + 5 * 15) / 1e6, 12);
    const schema = llm.anthropic.requests[0]!.body.output_config.format.schema;
    expect(schema.required).toEqual(['customer', 'total', 'paid', 'items']);
    expect(schema.properties.total).toEqual({ type: ['number', 'null'], description: 'Invoice total' });
  });

  it('extracts with OpenAI strict structured output', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"email":"ada@example.com","phone":null}' });
    const { status, record } = await runStep(h, {
      type: 'ai.extract',
      with: { model: 'openai:gpt-4o-mini', text: 'Mail ada@example.com', fields: { email: 'Email address', phone: 'Phone number' } },
    });
    expect(status).toBe('completed');
    expect(record.output).toEqual({ email: 'ada@example.com', phone: null });
    expect(llm.openai.requests[0]!.body.response_format.json_schema).toMatchObject({ strict: true, name: 'extraction' });
  });
});
