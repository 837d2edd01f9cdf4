import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startChildServer } from '../support/child-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { untilDone } from '../support/progress';

/**
 * An agent is durable across a crash: the server is SIGKILLed while the agent's third model turn is
 * in flight, after two tool calls; on restart the run completes, and neither of the two finished
 * model turns nor either finished tool call is made again (counted by the fake model and by the tool's
 * own server).
 */
describe('an agent whose server is killed mid-run', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-agent-crash-'));
  let openai: FakeLlmServer;
  let facts: Server;
  let factsUrl = '';
  const factRequests: string[] = [];

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    facts = createServer((req, res) => {
      factRequests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ company: req.url?.split('/').pop(), revenue: 120 }));
    });
    await new Promise<void>((resolve) => facts.listen(0, '127.0.0.1', resolve));
    factsUrl = `http://127.0.0.1:${(facts.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await openai.close();
    await new Promise((resolve) => facts.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after SIGKILL without repeating a finished model turn or tool call', async () => {
    const port = await freePort();
    const env = { OPENAI_API_KEY: 'sk-test-agent-crash', OPENAI_BASE_URL: openai.baseURL, ASSAY_HTTP_ALLOW: '127.0.0.1' };
    let server = await startChildServer({ dataDir, port, env });
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Durable research',
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
                step: { type: 'http.request', with: { url: `${factsUrl}/facts/{{ args.id }}` } },
              },
            ],
          },
        },
      ],
    });
    expect(created.status).toBe(201);
    const call = (id: string) => ({ text: '', toolCalls: [{ name: 'facts', args: { id } }] });
    // The third turn is still in flight when the server dies.
    openai.reply(call('acme'), call('acme-holdings'), { text: 'never sent', delayMs: 60_000 });
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs`, { input: { company: 'acme' } });
    expect(run.status).toBe(201);
    await untilDone(async () => ({ done: openai.requests.length >= 3 ? true : null, progress: openai.requests.length }), {
      what: "the agent's third model turn",
      stallMs: 30_000,
      intervalMs: 10,
    });
    server.process.kill('SIGKILL');
    expect(await server.exited()).toBeNull();
    expect(factRequests).toEqual(['/facts/acme', '/facts/acme-holdings']);

    openai.reply({ text: 'Acme is a pass: revenue 120 in both filings.' });
    server = await startChildServer({ dataDir, port, env });
    const finished = await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/workflow-runs/${run.body.data.id}`);
        return { done: ['completed', 'failed'].includes(body.data.status) ? body.data : null, progress: body.data.status };
      },
      { what: 'the agent after the restart', stallMs: 30_000, intervalMs: 50 },
    );
    expect(finished.status).toBe('completed');
    const step = finished.steps.find((s: { id: string }) => s.id === 'research');
    expect(step.output.answer).toBe('Acme is a pass: revenue 120 in both filings.');
    expect(step.output.transcript.filter((e: { kind: string }) => e.kind === 'tool')).toHaveLength(2);
    expect(factRequests).toHaveLength(2); // no tool call repeated
    expect(openai.requests).toHaveLength(4); // turns 1 and 2 once; turn 3 again (it never finished)
    expect(JSON.stringify(openai.requests[3]?.body.messages)).toBe(JSON.stringify(openai.requests[2]?.body.messages));

    server.process.kill('SIGTERM');
    expect(await server.exited()).toBe(0);
  });
});
