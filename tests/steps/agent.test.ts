import { defineStepType } from '@assay/engine';
import { createAiSteps, createModelResolver } from '@assay/steps';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { engineHarness, writtenArtifacts, type EngineHarness } from '../support/engine-harness';
import { fakeLlmServersForTests } from '../support/fake-llm-fixture';

const llm = fakeLlmServersForTests();
const harnesses: EngineHarness[] = [];

/** A tool step that counts its executions (to prove a resumed agent repeats no finished call). */
let lookups = 0;
const countedLookup = defineStepType<{ id: string }>({
  type: 'test.lookup',
  family: 'data',
  description: 'looks a company up (counted)',
  config: z.object({ id: z.string() }).strict(),
  async execute(config) {
    lookups += 1;
    return { kind: 'completed', output: { id: config.id, revenue: config.id.length * 10, employees: 42 } };
  },
});

afterEach(async () => {
  while (harnesses.length) await harnesses.pop()!.close();
  lookups = 0;
});

/** A tool step with a large result (a page of text). */
const bigPage = defineStepType<Record<string, never>>({
  type: 'test.big',
  family: 'data',
  description: 'returns a long page',
  config: z.object({}).strict(),
  async execute() {
    return { kind: 'completed', output: { text: 'x'.repeat(20_000) } };
  },
});

/** A tool step with a long report whose last sentence holds a figure (past what a transcript keeps). */
const longReport = defineStepType<Record<string, never>>({
  type: 'test.report',
  family: 'data',
  description: 'returns a long report',
  config: z.object({}).strict(),
  async execute() {
    return { kind: 'completed', output: { id: 'report', text: `${'Filler words. '.repeat(2_000)}The hidden figure is 42 widgets.` } };
  },
});

async function harness(): Promise<EngineHarness> {
  const resolver = createModelResolver({
    openai: { apiKey: 'sk-test-openai', baseURL: llm.openai.baseURL },
    anthropic: { apiKey: 'sk-ant-test', baseURL: llm.anthropic.baseURL },
  });
  const h = await engineHarness([...createAiSteps(resolver), countedLookup, bigPage, longReport]);
  harnesses.push(h);
  return h;
}

const verdictSchema = {
  type: 'object',
  properties: { verdict: { type: 'string', enum: ['pass', 'review'] }, revenue: { type: 'number' } },
  required: ['verdict', 'revenue'],
  additionalProperties: false,
};

/** The agent of a research workflow: a lookup tool, a tool that always fails, and a JSON answer. */
const agentStep = (model: string) => ({
  id: 'research',
  type: 'ai.agent',
  with: {
    model,
    instructions: 'You research companies with the tools you have.',
    prompt: 'Is {{ input.company }} a pass or a review?',
    schema: verdictSchema,
    tools: [
      {
        name: 'lookup_company',
        description: 'Facts about a company by its id',
        parameters: { type: 'object', properties: { companyId: { type: 'string' } }, required: ['companyId'] },
        step: { type: 'test.lookup', with: { id: '{{ args.companyId }}' } },
      },
      {
        name: 'filings',
        description: 'The latest filings of a company',
        parameters: { type: 'object', properties: {} },
        step: { type: 'fail', with: { message: 'the filings service is down' } },
      },
    ],
  },
});

describe.each([
  ['OpenAI', 'openai:gpt-4o-mini', () => llm.openai],
  ['Anthropic', 'anthropic:claude-sonnet-4-5', () => llm.anthropic],
])('ai.agent with %s', (_name, model, fake) => {
  it('calls tools in a loop (one failing, then recovering) and answers schema-valid JSON, with its transcript', async () => {
    const h = await harness();
    fake().reply(
      { text: '', toolCalls: [{ name: 'lookup_company', args: { companyId: 'acme' } }], inputTokens: 100, outputTokens: 10 },
      { text: 'Checking filings.', toolCalls: [{ name: 'filings', args: {} }], inputTokens: 120, outputTokens: 12 },
      { text: '', toolCalls: [{ name: 'lookup_company', args: { companyId: 'acme-holdings' } }], inputTokens: 140, outputTokens: 14 },
      { text: '{"verdict":"pass","revenue":130}', inputTokens: 160, outputTokens: 16 },
    );
    const wf = await h.workflow({ name: 'agent', inputs: { company: { type: 'string' } }, steps: [agentStep(model)] });
    const runId = await h.start(wf, { company: 'acme' });
    expect(await h.finished(runId, 20_000)).toBe('completed');
    const [record] = await h.store.runs.steps(runId);
    const output = record?.output as { answer: unknown; turns: number; toolCalls: number; transcript: Array<Record<string, unknown>> };
    expect(output.answer).toEqual({ verdict: 'pass', revenue: 130 });
    expect(output).toMatchObject({ turns: 4, toolCalls: 3 });
    expect(output.transcript.map((e) => (e.kind === 'model' ? `model ${e.turn}` : `tool ${e.name}`))).toEqual([
      'model 1',
      'tool lookup_company',
      'model 2',
      'tool filings',
      'model 3',
      'tool lookup_company',
      'model 4',
    ]);
    expect(output.transcript[1]).toMatchObject({ args: { companyId: 'acme' }, result: { id: 'acme', revenue: 40 } });
    expect(output.transcript[3]).toMatchObject({ error: expect.stringContaining('the filings service is down') });
    expect(record?.usage).toMatchObject({ inputTokens: 520, outputTokens: 52, calls: 4 });
    expect(lookups).toBe(2);

    // Each call is in the event log (and so in live streams): announced, then completed or failed.
    const events = await h.store.events.read({ workspaceId: h.workspaceId, runId, after: 0, limit: 100 });
    const toolEvents = events.filter((e) => e.type.startsWith('step.tool_'));
    expect(toolEvents.map((e) => `${e.type} ${String(e.data.tool)}`)).toEqual([
      'step.tool_called lookup_company',
      'step.tool_completed lookup_company',
      'step.tool_called filings',
      'step.tool_completed filings',
      'step.tool_called lookup_company',
      'step.tool_completed lookup_company',
    ]);
    expect(toolEvents.every((e) => e.stepId === 'research')).toBe(true);
    expect(toolEvents[3]?.data).toMatchObject({ ok: false, error: expect.stringContaining('the filings service is down') });
    expect(toolEvents[5]?.data).toMatchObject({ ok: true, ms: expect.any(Number) });

    // What the model was sent: the tools with their schemas, then each tool's result (the failure as an error).
    const requests = fake().requests.map((r) => JSON.stringify(r.body));
    expect(requests).toHaveLength(4);
    expect(requests[0]).toContain('lookup_company');
    expect(requests[0]).toContain('companyId');
    expect(requests[1]).toContain('\\"revenue\\":40');
    expect(requests[2]).toContain('the filings service is down');
    expect(requests[3]).toContain('acme-holdings');
  });
});

describe('ai.agent', () => {
  it('repairs an answer that does not match the schema once, then fails naming the problem', async () => {
    const h = await harness();
    llm.openai.reply({ text: '{"verdict":"maybe"}' }, { text: 'still not JSON' });
    const wf = await h.workflow({ name: 'agent', inputs: { company: { type: 'string' } }, steps: [agentStep('openai:gpt-4o-mini')] });
    const runId = await h.start(wf, { company: 'acme' });
    expect(await h.finished(runId, 20_000)).toBe('failed');
    const [record] = await h.store.runs.steps(runId);
    expect(record?.error?.message).toMatch(/did not match the schema after one repair turn/);
    expect(llm.openai.requests).toHaveLength(2);
    expect(JSON.stringify(llm.openai.requests[1]?.body)).toContain('verdict');
  });

  it('answers calls past its tool-call cap with an error and asks for the answer without tools', async () => {
    const h = await harness();
    const call = { name: 'lookup_company', args: { companyId: 'acme' } };
    llm.openai.reply({ text: '', toolCalls: [call, call, call] }, { text: '{"verdict":"review","revenue":40}' });
    const step = agentStep('openai:gpt-4o-mini');
    const wf = await h.workflow({
      name: 'agent',
      inputs: { company: { type: 'string' } },
      steps: [{ ...step, with: { ...step.with, maxToolCalls: 2 } }],
    });
    const runId = await h.start(wf, { company: 'acme' });
    expect(await h.finished(runId, 20_000)).toBe('completed');
    const [record] = await h.store.runs.steps(runId);
    const output = record?.output as { toolCalls: number; transcript: Array<Record<string, unknown>> };
    expect(lookups).toBe(2);
    expect(output.toolCalls).toBe(2);
    expect(output.transcript[3]).toMatchObject({ error: expect.stringContaining('limit of 2 tool calls') });
    expect(llm.openai.requests[1]?.body.tool_choice).toBe('none');
  });

  it('shortens a large tool result in the transcript and for the model, and keeps it whole in a run file', async () => {
    const h = await harness();
    llm.openai.reply({ text: '', toolCalls: [{ name: 'page', args: {} }] }, { text: 'read it' });
    const wf = await h.workflow({
      name: 'agent',
      steps: [
        {
          id: 'reader',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Read the page',
            tools: [{ name: 'page', description: 'A long page', step: { type: 'test.big', with: {} } }],
          },
        },
      ],
    });
    const runId = await h.start(wf);
    expect(await h.finished(runId, 20_000)).toBe('completed');
    const [record] = await h.store.runs.steps(runId);
    const entry = (record?.output as { transcript: Array<Record<string, unknown>> }).transcript[1];
    expect(String(entry?.result)).toMatch(/^\{"text":"x+… \(20,011 characters; whole in the run file reader-tool-1\.json\)$/);
    expect(entry?.artifact).toBe(`/v1/workflow-runs/${runId}/artifacts/reader-tool-1.json`);
    expect(JSON.parse(Buffer.from(writtenArtifacts.get('reader-tool-1.json')!.data).toString())).toEqual({ text: 'x'.repeat(20_000) });
    const sent = JSON.stringify(llm.openai.requests[1]?.body.messages);
    expect(sent.length).toBeLessThan(18_000);
    expect(sent).toContain('whole in the run file');
  });

  it('aborts the model call in flight when the run is cancelled', async () => {
    const h = await harness();
    llm.openai.reply({ text: 'too late', delayMs: 60_000 });
    const wf = await h.workflow({ name: 'agent', inputs: { company: { type: 'string' } }, steps: [agentStep('openai:gpt-4o-mini')] });
    const runId = await h.start(wf, { company: 'acme' });
    while (llm.openai.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await h.store.runs.cancel(h.workspaceId, runId)).changed).toBe(true);
    expect(h.engine.abortRun(runId, 'cancelled')).toBe(true);
    // The fake saw the client go away: its (delayed) answer was never waited for.
    await expect.poll(() => llm.openai.requests[0]?.answeredAt, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(llm.openai.requests[0]!.answeredAt - llm.openai.requests[0]!.receivedAt).toBeLessThan(60_000);
    await expect.poll(() => h.engine.activeRuns).toBe(0);
    expect((await h.store.runs.get(h.workspaceId, runId))?.status).toBe('cancelled');
  });

  it('refuses a tool whose step is invalid when the workflow is saved, naming the path', async () => {
    const h = await harness();
    const step = agentStep('openai:gpt-4o-mini');
    const tools = [{ ...step.with.tools[0], step: { type: 'no.such.type', with: {} } }];
    await expect(h.workflow({ name: 'agent', steps: [{ ...step, with: { ...step.with, tools } }] })).rejects.toMatchObject({
      details: expect.arrayContaining([expect.objectContaining({ path: 'steps[0].with.tools[0].step.type' })]),
    });
  });

  it('resumes after the worker stops mid-agent without repeating a finished model turn or tool call', async () => {
    const h = await harness();
    const call = (companyId: string) => ({ text: '', toolCalls: [{ name: 'lookup_company', args: { companyId } }] });
    // The third turn never answers before the worker goes away.
    llm.openai.reply(call('acme'), call('acme-holdings'), { ...call('never'), delayMs: 60_000 });
    const wf = await h.workflow({ name: 'agent', inputs: { company: { type: 'string' } }, steps: [agentStep('openai:gpt-4o-mini')] });
    const runId = await h.start(wf, { company: 'acme' });
    while (llm.openai.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    await h.engine.stop(0); // the run is handed back mid-turn; its finished turns and calls are checkpointed
    expect((await h.store.runs.get(h.workspaceId, runId))?.status).not.toBe('running'); // handed back

    llm.openai.reply({ text: '{"verdict":"pass","revenue":130}' });
    await h.engine.start({ exclusive: false });
    h.engine.notify();
    expect(await h.finished(runId, 20_000)).toBe('completed');
    expect(lookups).toBe(2); // not 4
    expect(llm.openai.requests).toHaveLength(4); // turns 1 and 2 once each, turn 3 twice (the first was cut off)
    expect(JSON.stringify(llm.openai.requests[3]?.body.messages)).toBe(JSON.stringify(llm.openai.requests[2]?.body.messages));
    const [record] = await h.store.runs.steps(runId);
    expect((record?.output as { answer: unknown }).answer).toEqual({ verdict: 'pass', revenue: 130 });
  });
});

describe('ai.agent with citations, resumed', () => {
  it('checks a citation against a tool result an earlier attempt made, read back whole from its run file', async () => {
    const h = await harness();
    llm.openai.reply({ text: '', toolCalls: [{ name: 'read_report', args: {} }] }, { text: '', delayMs: 60_000 });
    const wf = await h.workflow({
      name: 'cited agent',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Find the figure.',
            citations: true,
            tools: [{ name: 'read_report', description: 'The report', step: { type: 'test.report', with: {} } }],
          },
        },
      ],
    });
    const runId = await h.start(wf, {});
    while (llm.openai.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await h.engine.stop(0); // handed back mid-turn: the tool's result is checkpointed, shortened, whole in a file

    const answer = {
      text: 'The figure is 42 widgets [1].',
      citations: [{ marker: 1, sourceId: 'report', page: null, quote: 'The hidden figure is 42 widgets' }],
    };
    llm.openai.reply({ text: JSON.stringify(answer) });
    await h.engine.start({ exclusive: false });
    h.engine.notify();
    expect(await h.finished(runId, 20_000)).toBe('completed');
    const [record] = await h.store.runs.steps(runId);
    const output = record?.output as { answer: string; citations: Array<{ verified: boolean }> };
    expect(output.answer).toBe('The figure is 42 widgets [^research.1].');
    expect(output.citations).toEqual([expect.objectContaining({ sourceId: 'report', verified: true })]);
  });
});
