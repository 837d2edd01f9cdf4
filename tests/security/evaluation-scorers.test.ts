import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { untilDone } from '../support/progress';

/**
 * Evaluations run scorers written by whoever starts them on outputs of workflows: a pattern that
 * backtracks without end must not freeze the server (it is matched in an isolate under the
 * expression time limit and scores 0 with the reason), and the sizes of an evaluation are capped.
 */
describe('evaluation scorers and limits', () => {
  let server: TestServer;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_EXPRESSION_TIMEOUT_MS: '300' });
    workflowId = await createWorkflow(server, {
      name: 'Echo',
      inputs: { text: { type: 'string', required: true } },
      steps: [{ id: 'echo', type: 'transform', with: { expression: '{ "text": input.text }' } }],
    });
  });
  afterAll(() => server?.close());

  it('scores a catastrophic pattern as a timeout while /healthz keeps answering', async () => {
    const created = await server.api('POST', '/v1/evaluations', {
      workflowId,
      versions: [1],
      inputs: [{ text: `${'a'.repeat(40)}!`, expected: 'x' }],
      expected: { text: 'expected' },
      scorers: [{ type: 'regex', pattern: '^(a+)+$', field: 'text' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let slowestMs = 0;
    const evaluation = await untilDone(
      async () => {
        const started = performance.now();
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
        slowestMs = Math.max(slowestMs, performance.now() - started);
        const current = (await server.api('GET', `/v1/evaluations/${created.body.data.id}`)).body.data;
        return { done: current.status === 'running' ? null : current, progress: current.versions[0].scored };
      },
      { what: 'the evaluation', stallMs: 60_000, intervalMs: 50 },
    );
    // A stall of the event loop would last the whole backtracking (far beyond a minute here).
    expect(slowestMs).toBeLessThan(10_000);
    expect(evaluation.versions[0]).toMatchObject({ score: 0, passRate: 0 });
    const [row] = (await server.api('GET', `/v1/evaluations/${evaluation.id}/rows`)).body.data;
    expect(row.versions[0].scores[0].reason).toMatch(/time limit/);
  });

  it('caps the rows, versions and scorers of an evaluation, naming the field', async () => {
    const base = { workflowId, versions: [1], scorers: [{ type: 'jsonata', expression: 'true' }] };
    const cases: Array<[unknown, string]> = [
      [{ ...base, inputs: Array.from({ length: 10_001 }, () => ({ text: 'a' })) }, 'inputs'],
      [{ ...base, inputs: [{ text: 'a' }], versions: [1, 2, 3, 4, 5, 6] }, 'versions'],
      [{ ...base, inputs: [{ text: 'a' }], scorers: Array.from({ length: 11 }, () => base.scorers[0]) }, 'scorers'],
      [{ ...base, inputs: [{ text: 'a' }], scorers: [{ type: 'jsonata', expression: 'x'.repeat(10_001) }] }, 'scorers[0].expression'],
      [{ ...base, inputs: [{ text: 'a' }], scorers: [{ type: 'judge', rubric: 'r'.repeat(20_001) }] }, 'scorers[0].rubric'],
    ];
    for (const [body, field] of cases) {
      const answer = await server.api('POST', '/v1/evaluations', body);
      expect(answer.status, field).toBe(400);
      expect(JSON.stringify(answer.body.details)).toContain(field);
    }
  });
});
