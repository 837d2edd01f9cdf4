import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

const UNKNOWN_ID = '0123456789abcdef01234567';
const valid = {
  name: 'Screen',
  inputs: { companyId: { type: 'string', required: true }, count: { type: 'number' } },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.companyId)' } }],
};

/** Asserts a 4xx answer in the error envelope, naming `path` in its details when given. */
function expectError(answer: { status: number; body: any }, status: number, path?: string): void {
  expect(answer.status).toBe(status);
  expect(typeof answer.body.error).toBe('string');
  if (path) expect(answer.body.details.map((d: { path: string }) => d.path)).toContain(path);
}

describe('bad input gets a clear 4xx naming the field, never a 5xx', () => {
  let server: TestServer;
  let workflowId: string;
  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, valid);
  });
  afterAll(() => server.close());

  it('refuses malformed JSON with 400', async () => {
    expectError(await server.api('POST', '/v1/workflows', '{"name": '), 400);
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, '{input'), 400);
  });

  it('refuses a body that is not an object where one is expected', async () => {
    expectError(await server.api('POST', '/v1/workflows', '[1,2]'), 400);
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, '"text"'), 400);
  });

  it('names wrong types and unknown fields of the run body', async () => {
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: 'x' }), 400, 'input');
    const unknown = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { companyId: 'a' }, bogus: 1 });
    expectError(unknown, 400);
    expect(unknown.body.error).toContain('bogus');
  });

  it('names missing, mistyped and undeclared run inputs', async () => {
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: {} }), 400, 'input.companyId');
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { companyId: 'a', count: 'many' } }), 400, 'input.count');
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { companyId: 'a', extra: true } }), 400, 'input.extra');
  });

  it('answers 413 to an oversize body', async () => {
    const small = await startTestServer({ ASSAY_BODY_LIMIT: '2048' });
    try {
      const big = { input: { companyId: 'x'.repeat(10_000) } };
      expectError(await small.api('POST', `/v1/workflows/${UNKNOWN_ID}/runs`, big), 413);
      expect((await small.api('GET', '/v1/workflows')).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  const invalidDefinitions: Array<[string, unknown, string]> = [
    ['an unknown step type', { name: 'x', steps: [{ id: 'a', type: 'magic' }] }, 'steps[0].type'],
    ['a duplicate step id', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: 'm' } }, { id: 'a', type: 'fail', with: { message: 'm' } }] }, 'steps[1].id'],
    ['a need of a missing step', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: 'm' } }, { id: 'b', type: 'fail', needs: ['ghost'], with: { message: 'm' } }] }, 'steps[1].needs[0]'],
    ['a cycle', { name: 'x', steps: [{ id: 'a', type: 'transform', needs: ['b'], with: { expression: '1' } }, { id: 'b', type: 'transform', needs: ['a'], with: { expression: '1' } }] }, 'steps[0].needs'],
    ['a reference to a missing step', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{{ steps.nope.output }}' } }] }, 'steps[0].with.message'],
    ['a reference to an undeclared input', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{{ input.who }}' } }] }, 'steps[0].with.message'],
    ['invalid JSONata', { name: 'x', steps: [{ id: 'a', type: 'transform', with: { expression: '1 +' } }] }, 'steps[0].with.expression'],
    ['a config of the wrong type', { name: 'x', steps: [{ id: 'a', type: 'wait', with: { seconds: 'abc' } }] }, 'steps[0].with.seconds'],
    ['an unknown config field', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: 'm', color: 'red' } }] }, 'steps[0].with'],
    ['no steps', { name: 'x' }, 'steps'],
    ['an empty name', { name: '', steps: [{ id: 'a', type: 'fail', with: { message: 'm' } }] }, 'name'],
    ['a bad step id', { name: 'x', steps: [{ id: 'a b', type: 'fail', with: { message: 'm' } }] }, 'steps[0].id'],
    ['an unknown top-level field', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: 'm' } }], colour: 'red' }, '(body)'],
  ];
  for (const [what, definition, path] of invalidDefinitions) {
    it(`refuses a definition with ${what}, naming ${path}`, async () => {
      expectError(await server.api('POST', '/v1/workflows', definition), 400, path);
      expectError(await server.api('PUT', `/v1/workflows/${workflowId}`, definition), 400, path);
    });
  }

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    for (const [method, path] of [
      ['GET', `/v1/workflows/${UNKNOWN_ID}`],
      ['PUT', `/v1/workflows/${UNKNOWN_ID}`],
      ['DELETE', `/v1/workflows/${UNKNOWN_ID}`],
      ['GET', `/v1/workflows/${UNKNOWN_ID}/versions`],
      ['POST', `/v1/workflows/${UNKNOWN_ID}/runs`],
      ['GET', `/v1/workflow-runs/${UNKNOWN_ID}`],
      ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/retry`],
      ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/rerun`],
      ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/cancel`],
      ['DELETE', `/v1/keys/${UNKNOWN_ID}`],
    ] as const) {
      const body = method === 'PUT' ? valid : method === 'POST' ? {} : undefined;
      expectError(await server.api(method, path, body), 404);
    }
    expectError(await server.api('GET', '/v1/workflow-runs/not-an-id'), 400, 'id');
    expectError(await server.api('GET', '/v1/nothing-here'), 404);
  });

  it('answers 401 without credentials or with a wrong secret or unknown client', async () => {
    expectError(await request(server.url, 'GET', '/v1/workflows', {}), 401);
    expectError(await request(server.url, 'GET', '/v1/workflows', { ...server.headers, 'x-metal-api-key': 'wrong-secret-value' }), 401);
    expectError(await request(server.url, 'GET', '/v1/workflows', { ...server.headers, 'x-metal-client-id': 'nobody' }), 401);
  });

  it('answers 403 when the key lacks the scope, and stops a revoked key at once', async () => {
    const created = await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' });
    expect(created.status).toBe(201);
    const reader = { 'x-metal-client-id': created.body.data.clientId, 'x-metal-api-key': created.body.data.secret };
    expect((await request(server.url, 'GET', '/v1/workflows', reader)).status).toBe(200);
    expectError(await request(server.url, 'POST', '/v1/workflows', reader, valid), 403);
    expectError(await request(server.url, 'POST', `/v1/workflows/${workflowId}/runs`, reader, { input: { companyId: 'a' } }), 403);
    expectError(await request(server.url, 'GET', '/v1/keys', reader), 403);
    expect((await request(server.url, 'GET', '/v1/keys/current', reader)).body.data.scope).toBe('read');
    expect((await server.api('DELETE', `/v1/keys/${created.body.data.id}`)).status).toBe(200);
    expectError(await request(server.url, 'GET', '/v1/workflows', reader), 401);
  });

  it('never shows a key secret after creation', async () => {
    const list = await server.api('GET', '/v1/keys');
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toMatch(/sk_|"secret"/);
  });

  it('refuses to cancel or retry a finished run with 409', async () => {
    const run = (await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=5`, { input: { companyId: 'done' } })).body.data;
    expect(run.status).toBe('completed');
    expectError(await server.api('POST', `/v1/workflow-runs/${run.id}/cancel`), 409);
    expectError(await server.api('POST', `/v1/workflow-runs/${run.id}/retry`), 409);
  });

  it('clamps an out-of-range limit and names a bad filter', async () => {
    expect((await server.api('GET', '/v1/workflow-runs?limit=5000')).status).toBe(200);
    expect((await server.api('GET', '/v1/workflow-runs?limit=0')).status).toBe(200);
    expectError(await server.api('GET', '/v1/workflow-runs?status=sleeping'), 400, 'status');
    expectError(await server.api('GET', '/v1/workflow-runs?createdAfter=yesterday'), 400, 'createdAfter');
    expectError(await server.api('GET', `/v1/workflow-runs?lt=zzz`), 400, 'lt');
    expectError(await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=600`, { input: { companyId: 'a' } }), 400, 'wait');
  });
});
