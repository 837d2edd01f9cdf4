import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineStepType } from '@assay/engine';
import { createAiSteps, createModelResolver } from '@assay/steps';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../support/assay-server';
import { engineHarness } from '../support/engine-harness';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';

/**
 * An agent's model is untrusted input (a page it reads can tell it anything): what it asks its tools
 * for passes the same guards as any step. A model steered at an internal address gets the outbound
 * guard's refusal, not the address; credential values a tool read never reach the model; one
 * workspace's cached outputs are never another's.
 */
describe('agent tools and cached steps under attack', () => {
  let openai: FakeLlmServer;
  let internal: Server;
  let internalUrl = '';
  let internalHits = 0;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    internal = createServer((_req, res) => {
      internalHits++;
      res.end('{"secret":"internal admin data"}');
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/admin`;
  });
  afterAll(async () => {
    await openai.close();
    await new Promise((resolve) => internal.close(resolve));
  });

  it('refuses a model-chosen internal URL through the outbound guard and hands the refusal back to the model', async () => {
    const server: TestServer = await startTestServer({ OPENAI_API_KEY: 'sk-test-guard', OPENAI_BASE_URL: openai.baseURL });
    try {
      openai.reset();
      const created = await server.api('POST', '/v1/workflows', {
        name: 'Reader',
        steps: [
          {
            id: 'reader',
            type: 'ai.agent',
            with: {
              model: 'openai:gpt-4o-mini',
              prompt: 'Summarise the page.',
              tools: [
                {
                  name: 'fetch',
                  description: 'Fetch a URL',
                  parameters: { type: 'object', properties: { url: { type: 'string' } }, required: ['url'] },
                  step: { type: 'http.request', with: { url: '{{ args.url }}' } },
                },
              ],
            },
          },
        ],
      });
      expect(created.status).toBe(201);
      // An injected instruction made the model ask for the internal address.
      openai.reply({ text: '', toolCalls: [{ name: 'fetch', args: { url: internalUrl } }] }, { text: 'I could not read it.' });
      const run = (await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, {})).body.data;
      expect(run.status).toBe('completed');
      expect(internalHits).toBe(0);
      const call = run.steps[0].output.transcript[1];
      expect(call.error).toContain('refused');
      expect(call.error).toContain('ASSAY_HTTP_ALLOW');
      expect(JSON.stringify(openai.requests[1]?.body.messages)).not.toContain('internal admin data');
    } finally {
      await server.close();
    }
  });

  it('never sends a credential value a tool read to the model, nor keeps it in the transcript or the cache', async () => {
    const token = 'crm-token-9f8e7d6c5b4a3210';
    const echo = defineStepType<{ name: string }>({
      type: 'test.echo_credential',
      family: 'data',
      description: 'returns the credential it read (as a careless API would echo it)',
      config: z.object({ name: z.string() }).strict(),
      async execute(config, context) {
        return { kind: 'completed', output: { echoed: await context.credentials.get(config.name) } };
      },
    });
    const h = await engineHarness(
      [...createAiSteps(createModelResolver({ openai: { apiKey: 'sk-test', baseURL: openai.baseURL } })), echo],
      {
        credentials: { crm: token },
      },
    );
    try {
      openai.reset();
      openai.reply({ text: '', toolCalls: [{ name: 'crm', args: {} }] }, { text: 'done' });
      const wf = await h.workflow({
        name: 'leak',
        steps: [
          {
            id: 'agent',
            type: 'ai.agent',
            cache: { ttlSeconds: 60 },
            with: {
              model: 'openai:gpt-4o-mini',
              prompt: 'Check the CRM.',
              tools: [{ name: 'crm', description: 'The CRM', step: { type: 'test.echo_credential', with: { name: 'crm' } } }],
            },
          },
        ],
      });
      const runId = await h.start(wf);
      expect(await h.finished(runId, 20_000)).toBe('completed');
      expect(openai.requests).toHaveLength(2);
      expect(JSON.stringify(openai.requests[1]?.body)).not.toContain(token);
      expect(JSON.stringify(openai.requests[1]?.body)).toContain('[redacted]');
      const [record] = await h.store.runs.steps(runId);
      expect(JSON.stringify(record)).not.toContain(token);
      const cached = await h.store.db.selectFrom('step_cache').selectAll().execute();
      expect(cached).toHaveLength(1);
      expect(JSON.stringify(cached)).not.toContain(token);
      const items = await h.store.db.selectFrom('step_items').selectAll().execute();
      expect(JSON.stringify(items)).not.toContain(token);
    } finally {
      await h.close();
    }
  });

  it("never serves one workspace's cached output to another", async () => {
    let executions = 0;
    const scored = defineStepType<{ company: string }>({
      type: 'test.score',
      family: 'data',
      description: 'scores a company (counted)',
      config: z.object({ company: z.string() }).strict(),
      cacheable: () => true,
      async execute(config) {
        executions++;
        return { kind: 'completed', output: { company: config.company, by: executions } };
      },
    });
    const h = await engineHarness([scored]);
    try {
      const mine = await h.workflow({
        name: 'cached',
        steps: [{ id: 'score', type: 'test.score', with: { company: 'acme' }, cache: { ttlSeconds: 600 } }],
      });
      const other = (await h.store.access.createWorkspace('other')).id;
      const stored = await h.store.workflows.get(h.workspaceId, mine);
      const theirs = (await h.store.workflows.create({ workspaceId: other, definition: stored!.definition, createdBy: null })).id;
      expect(await h.finished(await h.start(mine))).toBe('completed');
      const { run } = await h.store.runs.create({ workspaceId: other, workflowId: theirs, workflowVersion: 1, input: {}, trigger: 'api' });
      h.engine.notify();
      expect(await h.finished(run.id)).toBe('completed');
      expect(executions).toBe(2);
      const [step] = await h.store.runs.steps(run.id);
      expect(step?.usage?.cached).toBeUndefined();
      expect(step?.output).toEqual({ company: 'acme', by: 2 });
    } finally {
      await h.close();
    }
  });
});
