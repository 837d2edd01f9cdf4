import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';

/**
 * `workflow.run` inside sub-graphs: an agent's tool call and a map item each start a child run of
 * their own (they once shared one: the child's key named only the inner step), and see it finish.
 */
describe('an agent with a workflow as a tool', () => {
  let server: TestServer;
  let openai: FakeLlmServer;

  beforeAll(async () => {
    openai = await startFakeOpenAI();
    server = await startTestServer({ OPENAI_API_KEY: 'sk-test-wf-tool', OPENAI_BASE_URL: openai.baseURL });
  });
  afterAll(async () => {
    await server.close();
    await openai.close();
  });

  it('runs the workflow as a child run per call and hands its output to the model', async () => {
    const child = await server.api('POST', '/v1/workflows', {
      name: 'Score a company',
      inputs: { companyId: { type: 'string', required: true } },
      steps: [
        { id: 'score', type: 'transform', with: { expression: '{ "company": input.companyId, "score": $length(input.companyId) * 10 }' } },
      ],
    });
    expect(child.status).toBe(201);
    const parent = await server.api('POST', '/v1/workflows', {
      name: 'Research with a scorer',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'Score acme and globex.',
            tools: [
              {
                name: 'score',
                description: 'The score of a company',
                parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
                step: { type: 'workflow.run', with: { workflow: child.body.data.id, input: { companyId: '{{ args.id }}' } } },
              },
            ],
          },
        },
      ],
    });
    expect(parent.status, JSON.stringify(parent.body)).toBe(201);
    openai.reply(
      { text: '', toolCalls: [{ name: 'score', args: { id: 'acme' } }] },
      { text: '', toolCalls: [{ name: 'score', args: { id: 'globex' } }] },
      { text: 'acme 40, globex 60' },
    );
    const run = await server.api('POST', `/v1/workflows/${parent.body.data.id}/runs?wait=30`, {});
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe('completed');
    const calls = run.body.data.output.transcript.filter((e: { kind: string }) => e.kind === 'tool');
    expect(calls.map((c: { result: unknown }) => c.result)).toEqual([
      { company: 'acme', score: 40 },
      { company: 'globex', score: 60 },
    ]);
    const children = await server.api('GET', `/v1/workflows/${child.body.data.id}/runs`);
    expect(children.body.data).toHaveLength(2);
    expect(
      children.body.data.every(
        (r: { parentRunId: string; status: string }) => r.parentRunId === run.body.data.id && r.status === 'completed',
      ),
    ).toBe(true);
  });

  it("starts one child per map item when a map's steps run a workflow", async () => {
    const child = await server.api('POST', '/v1/workflows', {
      name: 'Double',
      inputs: { n: { type: 'number', required: true } },
      steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
    });
    const parent = await server.api('POST', '/v1/workflows', {
      name: 'Double each',
      steps: [
        {
          id: 'each',
          type: 'map',
          with: {
            items: '[1, 2, 3]',
            steps: [{ id: 'run', type: 'workflow.run', with: { workflow: child.body.data.id, input: { n: '{{ item }}' } } }],
          },
        },
      ],
    });
    expect(parent.status, JSON.stringify(parent.body)).toBe(201);
    const run = await server.api('POST', `/v1/workflows/${parent.body.data.id}/runs?wait=30`, {});
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe('completed');
    expect(run.body.data.output).toEqual([2, 4, 6]);
    const children = await server.api('GET', `/v1/workflows/${child.body.data.id}/runs`);
    expect(children.body.data).toHaveLength(3);
  });
});
