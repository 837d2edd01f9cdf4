import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AssayApiError, AssayClient } from './index';

let server: Server;
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A local server answering from a list of canned responses, recording what it was sent. */
async function serve(answers: Array<{ status: number; body: unknown; headers?: Record<string, string> }>) {
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown> }> = [];
  server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const answer = answers.shift() ?? { status: 500, body: { error: 'no more answers' } };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new AssayClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, clientId: 'ck', apiKey: 'sk', retries: 2 });
  return { client, seen };
}

describe('AssayClient', () => {
  it('sends the key headers and retries a 429 after its Retry-After', async () => {
    const { client, seen } = await serve([
      { status: 429, body: { error: 'slow down', code: 'rate_limited' }, headers: { 'retry-after': '0' } },
      { status: 200, body: { data: { id: 'w1', name: 'x' } } },
    ]);
    expect((await client.workflows.get('w1')).id).toBe('w1');
    expect(seen).toHaveLength(2);
    expect(seen[0]?.headers['x-metal-client-id']).toBe('ck');
    expect(seen[0]?.headers['x-metal-api-key']).toBe('sk');
  });

  it('throws an AssayApiError carrying the envelope, without retrying a 400', async () => {
    const { client, seen } = await serve([{ status: 400, body: { error: 'input.companyId: required', code: 'invalid_input', details: [{ path: 'input.companyId', message: 'required' }] } }]);
    const error = await client.runs.create('w1', { input: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssayApiError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_input', details: [{ path: 'input.companyId', message: 'required' }] });
    expect(seen).toHaveLength(1);
  });

  it('gives up after its retries on repeated 5xx', async () => {
    const { client, seen } = await serve([
      { status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } },
      { status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } },
      { status: 503, body: { error: 'down' }, headers: { 'retry-after': '0' } },
    ]);
    await expect(client.keys.current()).rejects.toMatchObject({ status: 503 });
    expect(seen).toHaveLength(3);
  });

  it('sends an idempotency key and the wait query on run creation', async () => {
    const { client, seen } = await serve([{ status: 201, body: { data: { id: 'r1', status: 'completed', steps: [] } } }]);
    await client.runs.create('w1', { input: { a: 1 }, idempotencyKey: 'k-1', wait: 5 });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v1/workflows/w1/runs?wait=5' });
    expect(seen[0]?.headers['idempotency-key']).toBe('k-1');
  });
});
