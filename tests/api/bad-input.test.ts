import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const UNKNOWN_ID = '0123456789abcdef01234567';
const MALFORMED_IDS = [
  'not-an-id',
  '0123456789ABCDEF01234567',
  '0123456789abcdef0123456',
  '0123456789abcdef012345678',
  'zzzzzzzzzzzzzzzzzzzzzzzz',
];
const valid = {
  name: 'Screen',
  inputs: { companyId: { type: 'string', required: true }, count: { type: 'number' }, extra: { type: 'object' } },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.companyId)' } }],
  output: { upper: '{{ steps.up.output }}' },
};
const fail = (extra: Record<string, unknown> = {}) => ({ id: 'a', type: 'fail', with: { message: 'm' }, ...extra });

type Answer = { status: number; body: any; headers: Headers };

/** Asserts a 4xx answer in the error envelope, naming `path` in its details when given. */
function expectError(answer: Answer, status: number, path?: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.body).toBeTypeOf('object');
  expect(typeof answer.body.error).toBe('string');
  expect(answer.body.error.length).toBeGreaterThan(0);
  if (answer.body.details !== undefined) {
    for (const detail of answer.body.details) {
      expect(typeof detail.path).toBe('string');
      expect(typeof detail.message).toBe('string');
    }
  }
  if (path)
    expect(
      answer.body.details?.map((d: { path: string }) => d.path),
      JSON.stringify(answer.body),
    ).toContain(path);
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('bad input gets a clear 4xx naming the field, never a 5xx', () => {
  let server: TestServer;
  let workflowId: string;
  let completedRunId: string;
  const runs = (body: unknown, query = '', headers?: Record<string, string>) =>
    server.api('POST', `/v1/workflows/${workflowId}/runs${query}`, body, headers);

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, valid);
    const run = (await runs({ input: { companyId: 'done' } }, '?wait=10')).body.data;
    expect(run.status).toBe('completed');
    completedRunId = run.id;
  });
  afterAll(() => server.close());

  describe('request bodies', () => {
    it('refuses malformed JSON with 400', async () => {
      expectError(await server.api('POST', '/v1/workflows', '{"name": '), 400);
      expectError(await server.api('PUT', `/v1/workflows/${workflowId}`, '{"name": "x",,}'), 400);
      expectError(await runs('{input'), 400);
      expectError(await server.api('POST', '/v1/keys', "{'name': 'single quotes'}"), 400);
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, 'NaN'), 400);
      // Found by the property test on PostgreSQL: a version past 32 bits was a 500 (integer out of range).
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 320686692978165 }), 400, 'version');
    });

    it('refuses a JSON body that is not an object where one is expected', async () => {
      expectError(await server.api('POST', '/v1/workflows', '[1,2]'), 400);
      expectError(await server.api('POST', '/v1/workflows', 'null'), 400);
      expectError(await runs('"text"'), 400);
      expectError(await runs('42'), 400);
      expectError(await server.api('POST', '/v1/keys', 'true'), 400);
    });

    it('answers 415 to a body sent as text, a form or with no content type', async () => {
      const definition = JSON.stringify(valid);
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']) {
        expectError(await server.api('POST', '/v1/workflows', definition, { 'content-type': type }), 415);
        expectError(await runs('{"input":{"companyId":"a"}}', '', { 'content-type': type }), 415);
      }
      expectError(await server.api('POST', '/v1/keys', 'name=x&scope=read', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
    });

    it('names a run body field of the wrong type', async () => {
      expectError(await runs({ input: 'x' }), 400, 'input');
      expectError(await runs({ input: [1, 2] }), 400, 'input');
      expectError(await runs({ input: {}, idempotencyKey: 5 }), 400, 'idempotencyKey');
      expectError(await runs({ input: {}, callbackUrl: 'not a url' }), 400, 'callbackUrl');
      expectError(await runs({ input: {}, priority: 1.5 }), 400, 'priority');
    });

    it('names each unknown field by its own path', async () => {
      const answer = await runs({ input: { companyId: 'a' }, bogus: 1, other: true });
      expectError(answer, 400, 'bogus');
      expectError(answer, 400, 'other');
      expect(answer.body.error).toContain('bogus');
      expectError(await server.api('POST', '/v1/keys', { name: 'k', scope: 'read', admin: true }), 400, 'admin');
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 1, force: true }), 400, 'force');
    });

    it('names a missing required run input', async () => {
      expectError(await runs({ input: {} }), 400, 'input.companyId');
      expectError(await runs({ input: { companyId: null } }), 400, 'input.companyId');
      expectError(await runs({}), 400, 'input.companyId');
    });

    it('names a run input of the wrong type', async () => {
      expectError(await runs({ input: { companyId: 'a', count: 'many' } }), 400, 'input.count');
      expectError(await runs({ input: { companyId: 7 } }), 400, 'input.companyId');
      expectError(await runs({ input: { companyId: 'a', extra: [] } }), 400, 'input.extra');
    });

    it('names a run input the workflow does not declare', async () => {
      expectError(await runs({ input: { companyId: 'a', undeclared: true } }), 400, 'input.undeclared');
    });

    it('refuses JSON nested thousands of levels deep with 400 instead of overflowing the stack', async () => {
      const deep = nested(5000);
      expectError(
        await server.api(
          'POST',
          '/v1/workflows',
          `{"name":"x","steps":[{"id":"a","type":"fail","with":{"message":"m"}}],"output":{"x":${deep}}}`,
        ),
        400,
        '(body)',
      );
      expectError(
        await server.api(
          'PUT',
          `/v1/workflows/${workflowId}`,
          `{"name":"x","steps":[{"id":"a","type":"transform","with":{"expression":"1","x":${deep}}}]}`,
        ),
        400,
        '(body)',
      );
      expectError(await runs(`{"input":{"companyId":"a","extra":{"x":${deep}}}}`), 400, '(body)');
      expectError(await runs(`{"input":{"companyId":"a","extra":{"x":${nested(2500)}}}}`), 400, '(body)');

      const trigger = (await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'none' })).body.data;
      expectError(
        await request(
          server.url,
          'POST',
          `/webhooks/workflows/${trigger.slug}`,
          { 'content-type': 'application/json' },
          `{"companyId":"a","extra":{"x":${deep}}}`,
        ),
        400,
        '(body)',
      );
      await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { enabled: false, verification: 'none' });
    });

    it('still accepts ordinary nesting in a run input', async () => {
      const extra = JSON.parse(`{"x":${nested(40)}}`);
      const run = (await runs({ input: { companyId: 'nested', extra } }, '?wait=10')).body.data;
      expect(run).toMatchObject({ status: 'completed', output: { upper: 'NESTED' } });
      expect(run.input.extra).toEqual(extra);
    });
  });

  describe('oversize bodies', () => {
    let small: TestServer;
    beforeAll(async () => {
      small = await startTestServer({ ASSAY_BODY_LIMIT: '2048' });
    });
    afterAll(() => small.close());

    it('answers 413 to a body over the limit, and keeps serving', async () => {
      const big = { input: { companyId: 'x'.repeat(10_000) } };
      expectError(await small.api('POST', `/v1/workflows/${UNKNOWN_ID}/runs`, big), 413);
      expectError(await small.api('POST', '/v1/workflows', { ...valid, description: 'x'.repeat(10_000) }), 413);
      expectError(await small.api('PUT', `/v1/workflows/${UNKNOWN_ID}`, { ...valid, description: 'x'.repeat(10_000) }), 413);
      expect((await small.api('GET', '/v1/workflows')).status).toBe(200);
      expect((await small.api('POST', '/v1/workflows', valid)).status).toBe(201);
    });

    it('answers 413 to an oversize body streamed without a Content-Length', async () => {
      const text = new TextEncoder().encode(JSON.stringify({ ...valid, description: 'y'.repeat(10_000) }));
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < text.length; i += 1024) controller.enqueue(text.slice(i, i + 1024));
          controller.close();
        },
      });
      const response = await fetch(`${small.url}/v1/workflows`, {
        method: 'POST',
        headers: { ...small.headers, 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expectError({ status: response.status, body: await response.json(), headers: response.headers }, 413);
    });
  });

  describe('invalid workflow definitions', () => {
    const invalidDefinitions: Array<[string, unknown, string]> = [
      ['an unknown step type', { name: 'x', steps: [{ id: 'a', type: 'magic' }] }, 'steps[0].type'],
      ['a duplicate step id', { name: 'x', steps: [fail(), fail()] }, 'steps[1].id'],
      ['a need of a missing step', { name: 'x', steps: [fail(), fail({ id: 'b', needs: ['ghost'] })] }, 'steps[1].needs[0]'],
      ['a step that needs itself', { name: 'x', steps: [fail({ needs: ['a'] })] }, 'steps[0].needs[0]'],
      [
        'a cycle through needs',
        {
          name: 'x',
          steps: [
            { id: 'a', type: 'transform', needs: ['b'], with: { expression: '1' } },
            { id: 'b', type: 'transform', needs: ['a'], with: { expression: '1' } },
          ],
        },
        'steps[0].needs',
      ],
      [
        'a cycle through template references',
        {
          name: 'x',
          steps: [
            { id: 'a', type: 'fail', with: { message: '{{ steps.b.output }}' } },
            { id: 'b', type: 'fail', with: { message: '{{ steps.a.output }}' } },
          ],
        },
        'steps[0].needs',
      ],
      [
        'a template reference to a missing step',
        { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{{ steps.nope.output }}' } }] },
        'steps[0].with.message',
      ],
      ['an output reference to a missing step', { name: 'x', steps: [fail()], output: { x: '{{ steps.nope.output }}' } }, 'output.x'],
      [
        'a template reference to an undeclared input',
        { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{{ input.who }}' } }] },
        'steps[0].with.message',
      ],
      [
        'an expression reference to an undeclared input',
        { name: 'x', steps: [{ id: 'a', type: 'transform', with: { expression: 'input.who' } }] },
        'steps[0].with.expression',
      ],
      [
        'invalid JSONata in a transform',
        { name: 'x', steps: [{ id: 'a', type: 'transform', with: { expression: '1 +' } }] },
        'steps[0].with.expression',
      ],
      ['invalid JSONata in an if', { name: 'x', steps: [fail({ if: '($' })] }, 'steps[0].if'],
      ['invalid Liquid syntax', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{% if %}' } }] }, 'steps[0].with.message'],
      [
        'a wait with a non-numeric number of seconds',
        { name: 'x', steps: [{ id: 'a', type: 'wait', with: { seconds: 'abc' } }] },
        'steps[0].with.seconds',
      ],
      [
        'a wait until a time that is not a time',
        { name: 'x', steps: [{ id: 'a', type: 'wait', with: { until: 'soon' } }] },
        'steps[0].with.until',
      ],
      [
        'a condition whose expression is not text',
        { name: 'x', steps: [{ id: 'a', type: 'condition', with: { expression: 5 } }] },
        'steps[0].with.expression',
      ],
      ['a fail step without its message', { name: 'x', steps: [{ id: 'a', type: 'fail' }] }, 'steps[0].with.message'],
      ['an unknown config field', { name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: 'm', color: 'red' } }] }, 'steps[0].with'],
      ['an invalid retry policy', { name: 'x', steps: [fail({ retry: { maxAttempts: 0 } })] }, 'steps[0].retry.maxAttempts'],
      [
        'an unknown step type inside a map sub-graph',
        { name: 'x', steps: [{ id: 'm', type: 'map', with: { items: '[1,2]', steps: [{ id: 'i', type: 'magic' }] } }] },
        'steps[0].with.steps[0].type',
      ],
      ['no steps', { name: 'x' }, 'steps'],
      ['an empty list of steps', { name: 'x', steps: [] }, 'steps'],
      ['steps that are not a list', { name: 'x', steps: { a: fail() } }, 'steps'],
      ['a step without an id', { name: 'x', steps: [{ type: 'fail', with: { message: 'm' } }] }, 'steps[0].id'],
      ['a step id with a space', { name: 'x', steps: [fail({ id: 'a b' })] }, 'steps[0].id'],
      ['needs that are not a list', { name: 'x', steps: [fail({ needs: 'a' })] }, 'steps[0].needs'],
      ['an empty name', { name: '', steps: [fail()] }, 'name'],
      ['a name that is not text', { name: 5, steps: [fail()] }, 'name'],
      ['no name', { steps: [fail()] }, 'name'],
      ['an input of an unknown type', { name: 'x', inputs: { when: { type: 'date' } }, steps: [fail()] }, 'inputs.when.type'],
      ['an unknown top-level field', { name: 'x', steps: [fail()], colour: 'red' }, 'colour'],
      ['an unknown step field', { name: 'x', steps: [fail({ colour: 'red' })] }, 'steps[0].colour'],
    ];
    for (const [what, definition, path] of invalidDefinitions) {
      it(`refuses a definition with ${what}, naming ${path}, on create and on save`, async () => {
        expectError(await server.api('POST', '/v1/workflows', definition), 400, path);
        expectError(await server.api('PUT', `/v1/workflows/${workflowId}`, definition), 400, path);
      });
    }

    it('keeps the current version when a save is refused', async () => {
      const workflow = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
      expect(workflow.version).toBe(1);
      expect(workflow.definition.name).toBe('Screen');
      expect((await server.api('GET', `/v1/workflows/${workflowId}/versions`)).body.data).toHaveLength(1);
    });
  });

  describe('ids', () => {
    it('answers 404 for well-formed ids that do not exist', async () => {
      const attempts: Array<[string, string, unknown?]> = [
        ['GET', `/v1/workflows/${UNKNOWN_ID}`],
        ['PUT', `/v1/workflows/${UNKNOWN_ID}`, valid],
        ['DELETE', `/v1/workflows/${UNKNOWN_ID}`],
        ['GET', `/v1/workflows/${UNKNOWN_ID}/versions`],
        ['POST', `/v1/workflows/${UNKNOWN_ID}/versions/restore`, { version: 1 }],
        ['POST', `/v1/workflows/${UNKNOWN_ID}/runs`, { input: {} }],
        ['GET', `/v1/workflows/${UNKNOWN_ID}/runs`],
        ['GET', `/v1/workflow-runs/${UNKNOWN_ID}`],
        ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/retry`],
        ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/rerun`],
        ['POST', `/v1/workflow-runs/${UNKNOWN_ID}/cancel`],
        ['GET', `/v1/workflow-runs/${UNKNOWN_ID}/artifacts/memo.md`],
        ['DELETE', `/v1/keys/${UNKNOWN_ID}`],
      ];
      for (const [method, path, body] of attempts) expectError(await server.api(method, path, body), 404);
    });

    it('answers 404 naming the version when restoring one that does not exist', async () => {
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 99 }), 404, 'version');
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 0 }), 400, 'version');
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: '1' }), 400, 'version');
      expectError(await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, {}), 400, 'version');
    });

    it('answers 400 naming the id for malformed ids', async () => {
      for (const bad of MALFORMED_IDS) {
        const id = encodeURIComponent(bad);
        const attempts: Array<[string, string, unknown?]> = [
          ['GET', `/v1/workflows/${id}`],
          ['PUT', `/v1/workflows/${id}`, valid],
          ['DELETE', `/v1/workflows/${id}`],
          ['GET', `/v1/workflows/${id}/versions`],
          ['POST', `/v1/workflows/${id}/versions/restore`, { version: 1 }],
          ['POST', `/v1/workflows/${id}/runs`, { input: {} }],
          ['GET', `/v1/workflows/${id}/runs`],
          ['GET', `/v1/workflow-runs/${id}`],
          ['POST', `/v1/workflow-runs/${id}/retry`],
          ['POST', `/v1/workflow-runs/${id}/rerun`],
          ['POST', `/v1/workflow-runs/${id}/cancel`],
          ['DELETE', `/v1/keys/${id}`],
        ];
        for (const [method, path, body] of attempts) expectError(await server.api(method, path, body), 400, 'id');
      }
    });

    it('answers 404 in the envelope for a path that is no route', async () => {
      expectError(await server.api('GET', '/v1/nothing-here'), 404);
      expectError(await server.api('POST', `/v1/workflow-runs/${completedRunId}/explode`), 404);
    });
  });

  describe('credentials and scopes', () => {
    it('answers 401 without credentials, with a wrong secret or with an unknown client id', async () => {
      expectError(await request(server.url, 'GET', '/v1/workflows', {}), 401);
      expectError(await request(server.url, 'GET', '/v1/workflows', { 'x-metal-client-id': CLIENT_ID }), 401);
      expectError(
        await request(server.url, 'GET', '/v1/workflows', { 'x-metal-api-key': server.headers['x-metal-api-key'] as string }),
        401,
      );
      expectError(await request(server.url, 'GET', '/v1/workflows', { ...server.headers, 'x-metal-api-key': 'wrong-secret-value' }), 401);
      expectError(await request(server.url, 'GET', '/v1/workflows', { ...server.headers, 'x-metal-client-id': 'nobody' }), 401);
    });

    it('answers 401 before looking at the body of an unauthenticated write', async () => {
      expectError(await request(server.url, 'POST', '/v1/workflows', {}, '{not json'), 401);
      expectError(
        await request(
          server.url,
          'POST',
          `/v1/workflows/${workflowId}/runs`,
          { 'x-metal-client-id': 'nobody', 'x-metal-api-key': 'x' },
          { input: 'x' },
        ),
        401,
      );
      expectError(await request(server.url, 'DELETE', `/v1/keys/not-an-id`, {}), 401);
    });

    it('lets a read-scope key list and read but answers 403 to every write', async () => {
      const created = await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' });
      expect(created.status).toBe(201);
      expect(created.body.data.scope).toBe('read');
      const reader = { 'x-metal-client-id': created.body.data.clientId, 'x-metal-api-key': created.body.data.secret };
      const asReader = (method: string, path: string, body?: unknown) => request(server.url, method, path, reader, body);
      const runIds = async () => (await server.api('GET', `/v1/workflows/${workflowId}/runs`)).body.data.map((r: { id: string }) => r.id);
      const runsBefore = await runIds();

      expect((await asReader('GET', '/v1/workflows')).body.data.map((w: { id: string }) => w.id)).toContain(workflowId);
      expect((await asReader('GET', '/v1/workflow-runs')).body.data.map((r: { id: string }) => r.id)).toContain(completedRunId);
      expect((await asReader('GET', `/v1/workflow-runs/${completedRunId}`)).status).toBe(200);
      expect((await asReader('GET', `/v1/workflows/${workflowId}/versions`)).status).toBe(200);
      expect((await asReader('GET', '/v1/keys/current')).body.data.scope).toBe('read');

      expectError(await asReader('POST', '/v1/workflows', valid), 403);
      expectError(await asReader('PUT', `/v1/workflows/${workflowId}`, valid), 403);
      expectError(await asReader('DELETE', `/v1/workflows/${workflowId}`), 403);
      expectError(await asReader('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 1 }), 403);
      expectError(await asReader('POST', `/v1/workflows/${workflowId}/runs`, { input: { companyId: 'a' } }), 403);
      expectError(await asReader('POST', `/v1/workflow-runs/${completedRunId}/retry`), 403);
      expectError(await asReader('POST', `/v1/workflow-runs/${completedRunId}/rerun`), 403);
      expectError(await asReader('POST', `/v1/workflow-runs/${completedRunId}/cancel`), 403);
      expectError(await asReader('GET', '/v1/keys'), 403);
      expectError(await asReader('POST', '/v1/keys', { name: 'escalate', scope: 'admin' }), 403);
      expectError(await asReader('DELETE', `/v1/keys/${created.body.data.id}`), 403);

      const workflow = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
      expect(workflow).toMatchObject({ version: 1, archivedAt: null });
      expect(await runIds()).toEqual(runsBefore);
    });

    it('lets a run-scope key start runs but not change workflows or keys', async () => {
      const created = (await server.api('POST', '/v1/keys', { name: 'runner', scope: 'run' })).body.data;
      const runner = { 'x-metal-client-id': created.clientId, 'x-metal-api-key': created.secret };
      const started = await request(server.url, 'POST', `/v1/workflows/${workflowId}/runs?wait=10`, runner, {
        input: { companyId: 'by runner' },
      });
      expect(started.status).toBe(201);
      expect(started.body.data.status).toBe('completed');
      expectError(await request(server.url, 'POST', '/v1/workflows', runner, valid), 403);
      expectError(await request(server.url, 'PUT', `/v1/workflows/${workflowId}`, runner, valid), 403);
      expectError(await request(server.url, 'POST', '/v1/keys', runner, { name: 'escalate', scope: 'admin' }), 403);
    });

    it('stops a revoked key at once', async () => {
      const created = (await server.api('POST', '/v1/keys', { name: 'short-lived', scope: 'read' })).body.data;
      const headers = { 'x-metal-client-id': created.clientId, 'x-metal-api-key': created.secret };
      expect((await request(server.url, 'GET', '/v1/workflows', headers)).status).toBe(200);
      expect((await server.api('DELETE', `/v1/keys/${created.id}`)).status).toBe(200);
      expectError(await request(server.url, 'GET', '/v1/workflows', headers), 401);
      expectError(await server.api('DELETE', `/v1/keys/${created.id}`), 404);
    });

    it('never shows a key secret after creation', async () => {
      const list = await server.api('GET', '/v1/keys');
      expect(list.status).toBe(200);
      expect(JSON.stringify(list.body)).not.toMatch(/"secret"/);
      expect(JSON.stringify(list.body)).not.toContain(server.headers['x-metal-api-key']);
    });
  });

  describe('state conflicts', () => {
    it('refuses to cancel or retry a completed run with 409, and leaves it completed', async () => {
      expectError(await server.api('POST', `/v1/workflow-runs/${completedRunId}/cancel`), 409);
      expectError(await server.api('POST', `/v1/workflow-runs/${completedRunId}/retry`), 409);
      expect((await server.api('GET', `/v1/workflow-runs/${completedRunId}`)).body.data.status).toBe('completed');
    });

    it('refuses to cancel a cancelled run or rerun an unfinished one with 409', async () => {
      const slow = await createWorkflow(server, { name: 'Slow', steps: [{ id: 'w', type: 'wait', with: { seconds: 30 } }] });
      const run = (await server.api('POST', `/v1/workflows/${slow}/runs`, {})).body.data;
      expectError(await server.api('POST', `/v1/workflow-runs/${run.id}/rerun`), 409);
      expectError(await server.api('POST', `/v1/workflow-runs/${run.id}/retry`), 409);
      expect((await server.api('POST', `/v1/workflow-runs/${run.id}/cancel`)).status).toBe(200);
      expectError(await server.api('POST', `/v1/workflow-runs/${run.id}/cancel`), 409);
      expect((await waitForRun(server, run.id)).status).toBe('cancelled');
    });

    it('refuses a run of an archived workflow with 409', async () => {
      const archived = await createWorkflow(server, { name: 'Old', steps: [fail()] });
      expect((await server.api('DELETE', `/v1/workflows/${archived}`)).status).toBe(200);
      expectError(await server.api('POST', `/v1/workflows/${archived}/runs`, {}), 409);
    });

    it('refuses an Idempotency-Key reused for a different input with 409 naming it', async () => {
      const headers = { 'idempotency-key': 'bad-input-reuse' };
      expect((await runs({ input: { companyId: 'first' } }, '', headers)).status).toBe(201);
      expect((await runs({ input: { companyId: 'first' } }, '', headers)).status).toBe(200);
      expectError(await runs({ input: { companyId: 'second' } }, '', headers), 409, 'idempotencyKey');
      expectError(await runs({ input: { companyId: 'a' } }, '', { 'idempotency-key': 'k'.repeat(256) }), 400, 'idempotency-key');
    });
  });

  describe('list queries', () => {
    it('clamps an out-of-range limit instead of refusing it', async () => {
      for (const limit of ['5000', '1001', '0', '-3']) {
        const answer = await server.api('GET', `/v1/workflow-runs?limit=${limit}`);
        expect(answer.status).toBe(200);
        expect(answer.body.data.length).toBeLessThanOrEqual(1000);
      }
      expect((await server.api('GET', '/v1/workflow-runs?limit=0')).body.data).toHaveLength(1);
      expect((await server.api('GET', '/v1/workflows?limit=-3')).body.data).toHaveLength(1);
    });

    it('names a bad status filter and other bad query values', async () => {
      expectError(await server.api('GET', '/v1/workflow-runs?status=sleeping'), 400, 'status');
      expectError(await server.api('GET', '/v1/workflow-runs?status=completed,bogus'), 400, 'status');
      expectError(await server.api('GET', `/v1/workflows/${workflowId}/runs?status=nope`), 400, 'status');
      expectError(await server.api('GET', '/v1/workflow-runs?limit=abc'), 400, 'limit');
      expectError(await server.api('GET', '/v1/workflow-runs?page=0'), 400, 'page');
      expectError(await server.api('GET', '/v1/workflow-runs?page=101'), 400, 'page');
      expectError(await server.api('GET', '/v1/workflow-runs?direction=sideways'), 400, 'direction');
      expectError(await server.api('GET', '/v1/workflow-runs?sort=name'), 400, 'sort');
      expectError(await server.api('GET', '/v1/workflow-runs?createdAfter=yesterday'), 400, 'createdAfter');
      expectError(await server.api('GET', '/v1/workflow-runs?lt=zzz'), 400, 'lt');
      expectError(await server.api('GET', '/v1/workflow-runs?batchId=x'), 400, 'batchId');
      expectError(await server.api('GET', '/v1/workflows?archived=maybe'), 400, 'archived');
    });

    it('accepts a status filter in any case and as a list', async () => {
      const answer = await server.api('GET', '/v1/workflow-runs?status=COMPLETED,failed');
      expect(answer.status).toBe(200);
      expect(answer.body.data.length).toBeGreaterThan(0);
      expect(answer.body.data.every((r: { status: string }) => ['completed', 'failed'].includes(r.status))).toBe(true);
    });

    it('names a wait that is out of range or not a number', async () => {
      expectError(await runs({ input: { companyId: 'a' } }, '?wait=600'), 400, 'wait');
      expectError(await runs({ input: { companyId: 'a' } }, '?wait=-1'), 400, 'wait');
      expectError(await runs({ input: { companyId: 'a' } }, '?wait=soon'), 400, 'wait');
    });
  });
});

describe('list limits with more than a thousand items', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    const admin = await server.assay.store.access.findKeyByClientId(CLIENT_ID);
    const workspaceId = admin?.workspaceId as string;
    await Promise.all(
      Array.from({ length: 1001 }, (_, i) =>
        server.assay.store.access.createKey({ workspaceId, name: `bulk ${i}`, clientId: `bulk-${i}`, secretHash: 'unused', scope: 'read' }),
      ),
    );
  });
  afterAll(() => server.close());

  it('answers at most 1000 items to limit=5000 and pages on from the cursor', async () => {
    const first = await server.api('GET', '/v1/keys?limit=5000');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(1000);
    expect(first.body.hasMore).toBe(true);
    const rest = await server.api('GET', `/v1/keys?limit=5000&lt=${first.body.nextCursor}`);
    expect(rest.body.data).toHaveLength(2);
    const ids = new Set([...first.body.data, ...rest.body.data].map((k: { id: string }) => k.id));
    expect(ids.size).toBe(1002);
  });

  it('answers 100 items when no limit is given', async () => {
    expect((await server.api('GET', '/v1/keys')).body.data).toHaveLength(100);
  });
});

describe('regressions from fuzzing', () => {
  it('refuses inherited property names as run inputs, a blank name, and non-http callback URLs', async () => {
    const server = await startTestServer();
    try {
      const wf = (
        await server.api('POST', '/v1/workflows', {
          name: 'P',
          inputs: { companyId: { type: 'string' } },
          steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }],
        })
      ).body.data.id;
      const inherited = await server.api('POST', `/v1/workflows/${wf}/runs`, { input: { companyId: 'a', constructor: 1 } });
      expect(inherited.status).toBe(400);
      expect(inherited.body.details.map((d: { path: string }) => d.path)).toContain('input.constructor');
      expect(
        (await server.api('POST', '/v1/workflows', { name: '   ', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] }))
          .status,
      ).toBe(400);
      expect((await server.api('POST', `/v1/workflows/${wf}/runs`, { input: {}, callbackUrl: 'javascript:alert(1)' })).status).toBe(400);
      const proto = await server.api('POST', '/v1/workflows', {
        name: 'x',
        steps: [{ id: 'a', type: 'transform', with: { expression: 'input.toString' } }],
      });
      expect(proto.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
