import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const RUNS_PER_ENDPOINT = 150;

/** Bodies from random JSON to near-valid definitions, so generation reaches deep validation. */
const stepLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constantFrom('a', 'b', 'c')),
    type: fc.oneof(fc.string(), fc.constantFrom('transform', 'condition', 'wait', 'fail')),
    with: fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('expression', 'seconds', 'until', 'message'), fc.oneof(fc.string(), fc.integer(), fc.constantFrom('{{ steps.a.output }}', '1 +', '{% if %}', 'steps.a.output')))),
    needs: fc.oneof(fc.anything(), fc.array(fc.constantFrom('a', 'b', 'c', 'zz'))),
    if: fc.oneof(fc.string(), fc.anything()),
    retry: fc.anything(),
    timeoutMs: fc.oneof(fc.integer(), fc.anything()),
  },
  { requiredKeys: [] },
);
const definitionLike = fc.record(
  { name: fc.oneof(fc.string(), fc.anything()), inputs: fc.oneof(fc.anything(), fc.dictionary(fc.string(), fc.anything())), steps: fc.oneof(fc.anything(), fc.array(stepLike, { maxLength: 4 })), output: fc.anything() },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.anything().map((v) => JSON.stringify(v) ?? 'null'),
  fc.json(),
  fc.string(),
  definitionLike.map((v) => JSON.stringify(v)),
  fc.record({ input: fc.anything(), idempotencyKey: fc.anything(), callbackUrl: fc.anything(), version: fc.anything(), name: fc.anything(), scope: fc.anything() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
);
const query = fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('wait', 'limit', 'lt', 'page', 'status', 'direction'), fc.string()).map(([k, v]) => `?${k}=${encodeURIComponent(v)}`));
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', '');

describe('property: generated bodies at every write endpoint', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_RATE_LIMIT: '0' });
    ids.workflow = await createWorkflow(server, { name: 'Target', inputs: { n: { type: 'number' } }, steps: [{ id: 'a', type: 'transform', with: { expression: 'input.n' } }] });
    ids.run = (await server.api('POST', `/v1/workflows/${ids.workflow}/runs?wait=5`, { input: { n: 1 } })).body.data.id;
    ids.key = (await server.api('POST', '/v1/keys', { name: 'fuzz target', scope: 'read' })).body.data.id;
  });
  afterAll(() => server.close());

  const endpoints: Array<[string, (ids: Record<string, string>, randomId: string) => string]> = [
    ['POST', () => '/v1/workflows'],
    ['PUT', (i) => `/v1/workflows/${i.workflow}`],
    ['POST', (i) => `/v1/workflows/${i.workflow}/versions/restore`],
    ['POST', (i) => `/v1/workflows/${i.workflow}/runs`],
    ['POST', (i) => `/v1/workflows/${i.workflow}/runs`],
    ['POST', (_, r) => `/v1/workflows/${r}/runs`],
    ['POST', (i) => `/v1/workflow-runs/${i.run}/retry`],
    ['POST', (i) => `/v1/workflow-runs/${i.run}/rerun`],
    ['POST', (_, r) => `/v1/workflow-runs/${r}/cancel`],
    ['POST', () => '/v1/keys'],
    ['DELETE', (_, r) => `/v1/keys/${r}`],
    ['PUT', (i) => `/v1/workflows/${i.workflow}/trigger`],
    ['POST', (_, r) => `/webhooks/workflows/${r}`],
    ['DELETE', (_, r) => `/v1/workflows/${r}`],
  ];

  for (const [method, path] of endpoints) {
    it(`${method} ${path({ workflow: '{id}', run: '{id}', key: '{id}' }, '{random}')} answers every generated body with a 4xx envelope or a success`, async () => {
      await fc.assert(
        fc.asyncProperty(body, query, contentType, fc.oneof(fc.stringMatching(/^[0-9a-f]{24}$/), fc.string({ maxLength: 30 })), async (payload, q, type, randomId) => {
          const target = path(ids, encodeURIComponent(randomId) || 'x') + q;
          const headers: Record<string, string> = { ...server.headers };
          if (type) headers['content-type'] = type;
          const answer = await request(server.url, method, target, headers, payload);
          expect(answer.status, `${method} ${target} ${payload}`).toBeLessThan(500);
          if (answer.status >= 400) expect(typeof answer.body?.error, `${method} ${target} → ${answer.status} ${JSON.stringify(answer.body)}`).toBe('string');
        }),
        { numRuns: RUNS_PER_ENDPOINT },
      );
    });
  }

  it('still answers and still runs workflows afterwards', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const wf = await createWorkflow(server, { name: 'After', steps: [{ id: 'a', type: 'transform', with: { expression: '"alive"' } }] });
    const run = (await server.api('POST', `/v1/workflows/${wf}/runs`, {})).body.data;
    expect((await waitForRun(server, run.id)).output).toBe('alive');
  });
});
