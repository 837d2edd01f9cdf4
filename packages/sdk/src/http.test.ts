import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AssayApiError, AssayClient, AssayConnectionError } from './index';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A local server answering from a list of canned responses, recording what it was sent. */
async function serve(answers: Answer[], retries = 2) {
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const answer = answers.shift() ?? { status: 500, body: { error: 'no more answers' } };
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const client = new AssayClient({ baseUrl, clientId: 'ck', apiKey: 'sk', retries });
  return { client, seen };
}

describe('AssayClient over HTTP', () => {
  it('sends the key headers and retries a 429 after its Retry-After', async () => {
    const { client, seen } = await serve([
      { status: 429, body: { error: 'slow down', code: 'rate_limited' }, headers: { 'retry-after': '0' } },
      { status: 200, body: { data: { id: 'w1', name: 'x' } } },
    ]);
    expect((await client.workflows.get('w1')).id).toBe('w1');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/v1/workflows/w1' });
    expect(seen[0]?.headers['x-metal-client-id']).toBe('ck');
    expect(seen[0]?.headers['x-metal-api-key']).toBe('sk');
    expect(seen[0]?.headers['content-type']).toBeUndefined();
  });

  it('throws an AssayApiError carrying the envelope, without retrying a 400', async () => {
    const { client, seen } = await serve([
      {
        status: 400,
        body: { error: 'input.companyId: required', code: 'invalid_input', details: [{ path: 'input.companyId', message: 'required' }] },
      },
    ]);
    const error = await client.runs.create('w1', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssayApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_input',
      message: 'input.companyId: required',
      details: [{ path: 'input.companyId', message: 'required' }],
    });
    expect(seen).toHaveLength(1);
  });

  it('never retries other 4xx answers, and copes with an answer that is not the envelope', async () => {
    const { client, seen } = await serve([{ status: 404, body: 'not json at all' }]);
    await expect(client.runs.get('r1')).rejects.toMatchObject({ name: 'AssayApiError', status: 404, code: undefined, details: [] });
    expect(seen).toHaveLength(1);
  });

  it('gives up after its retries on repeated 5xx', async () => {
    const down = { status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } };
    const { client, seen } = await serve([down, down, down]);
    await expect(client.keys.current()).rejects.toMatchObject({ status: 503, message: 'down' });
    expect(seen).toHaveLength(3);
  });

  it('retries a 500 with backoff and then succeeds', async () => {
    const { client, seen } = await serve([
      { status: 500, body: { error: 'internal server error', code: 'internal' } },
      { status: 200, body: { data: { id: 'k1' } } },
    ]);
    expect((await client.keys.current()).id).toBe('k1');
    expect(seen).toHaveLength(2);
  });

  it('retries network errors, then throws an AssayConnectionError naming the URL', async () => {
    const { client } = await serve([]);
    const port = (server!.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const error = await client.runs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssayConnectionError);
    expect((error as Error).message).toContain(`cannot reach http://127.0.0.1:${port}/v1/workflow-runs`);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('sends an idempotency key, the wait query and a JSON body on run creation', async () => {
    const { client, seen } = await serve([{ status: 201, body: { data: { id: 'r1', status: 'completed', steps: [] } } }]);
    await client.runs.create('w1', { input: { a: 1 }, idempotencyKey: 'k-1', wait: 5, callbackUrl: 'https://example.com/cb' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/workflows/w1/runs?wait=5' });
    expect(seen[0]?.headers['idempotency-key']).toBe('k-1');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ input: { a: 1 }, callbackUrl: 'https://example.com/cb' });
  });

  it('returns list pages whole, with filters in the query and ids encoded into paths', async () => {
    const page = { data: [{ id: 'r2' }, { id: 'r1' }], hasMore: true, nextCursor: 'r1' };
    const { client, seen } = await serve([
      { status: 200, body: page },
      { status: 200, body: page },
    ]);
    expect(await client.runs.list({ workflowId: 'w/1', status: ['failed', 'cancelled'], limit: 2, lt: 'r9', direction: 'desc' })).toEqual(
      page,
    );
    expect(seen[0]?.url).toBe('/v1/workflows/w%2F1/runs?limit=2&lt=r9&direction=desc&status=failed%2Ccancelled');
    await client.runs.list({ status: 'completed' });
    expect(seen[1]?.url).toBe('/v1/workflow-runs?status=completed');
  });

  it('creates keys and restores versions with the documented bodies', async () => {
    const { client, seen } = await serve([
      { status: 201, body: { data: { id: 'k1', secret: 'sk_1' } } },
      { status: 200, body: { data: { id: 'w1', version: 3 } } },
      { status: 200, body: { data: [], hasMore: false, nextCursor: null } },
    ]);
    expect((await client.keys.create({ name: 'ci', scope: 'read' })).secret).toBe('sk_1');
    expect((await client.workflows.restore('w1', 1)).version).toBe(3);
    await client.workflows.versions('w1', { limit: 10 });
    expect(seen.map((s) => `${s.method} ${s.url} ${s.body}`)).toEqual([
      'POST /v1/keys {"name":"ci","scope":"read"}',
      'POST /v1/workflows/w1/versions/restore {"version":1}',
      'GET /v1/workflows/w1/versions?limit=10 ',
    ]);
  });
});
