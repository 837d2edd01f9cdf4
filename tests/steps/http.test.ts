import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeStep, createHttpSteps, parseAllowList } from '@assay/steps';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

const SECRET = 'tok_secret_123';
const BASIC = 'alice:pw-0f9e8d7c';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string, count: number) => void;

/** A real HTTP server on 127.0.0.1 with per-path handlers; records every request it receives. */
async function testServer(routes: Record<string, Handler>): Promise<{ server: Server; base: string; seen: Map<string, Seen[]> }> {
  const seen = new Map<string, Seen[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body = Buffer.concat(chunks).toString('utf8');
      const list = seen.get(path) ?? [];
      list.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, at: Date.now() });
      seen.set(path, list);
      const handler = routes[path];
      if (!handler) return void res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${path}`);
      handler(req, res, body, list.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(value));

describe('http.request', () => {
  let h: EngineHarness;
  let guarded: EngineHarness;
  let srv: Awaited<ReturnType<typeof testServer>>;

  beforeAll(async () => {
    srv = await testServer({
      '/items': (req, res) =>
        json(res, 200, {
          q: new URL(req.url ?? '', 'http://x').searchParams.getAll('q'),
          page: new URL(req.url ?? '', 'http://x').searchParams.get('page'),
        }),
      '/echo': (req, res, body) => json(res, 201, { method: req.method, contentType: req.headers['content-type'], body: JSON.parse(body) }),
      '/form': (req, res, body) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body),
      '/text': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-trace': 'abc' }).end('hello, world'),
      '/bad-json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{not json'),
      '/auth': (_req, res) => json(res, 200, { ok: true }),
      '/denied': (_req, res) => json(res, 401, { error: 'invalid token' }),
      '/flaky': (_req, res, _b, n) => (n === 1 ? json(res, 503, { error: 'busy' }) : json(res, 200, { ok: true, n })),
      '/limited': (_req, res, _b, n) =>
        n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { ok: true }),
      '/hang': () => undefined,
      '/big': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(50_000)),
      '/big-chunked': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i++) res.write('y'.repeat(5000));
        res.end();
      },
      '/moved': (_req, res) => res.writeHead(302, { location: '/items?q=redirected' }).end(),
      '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
      '/to-private': (_req, res) => res.writeHead(301, { location: 'http://10.0.0.1/secret' }).end(),
      '/to-metadata': (_req, res) => res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' }).end(),
    });
    const credentials = { credentials: { 'news-api': SECRET, basic: BASIC } };
    h = await engineHarness([...createHttpSteps({ allow: ['127.0.0.1'] }), codeStep], credentials);
    guarded = await engineHarness(createHttpSteps({ allow: [] }), credentials);
  });
  afterAll(async () => {
    await h?.close();
    await guarded?.close();
    srv.server.closeAllConnections();
    await new Promise((resolve) => srv.server.close(resolve));
  });

  const run = async (harness: EngineHarness, step: Record<string, unknown>, input: Record<string, unknown> = {}) => {
    const wf = await harness.workflow({
      name: 'http',
      inputs: { term: { type: 'string' }, base: { type: 'string' } },
      steps: [{ id: 'call', type: 'http.request', ...step }],
    });
    const runId = await harness.start(wf, { base: srv.base, ...input });
    const status = await harness.finished(runId, 20_000);
    const [record] = await harness.store.runs.steps(runId);
    const runRecord = await harness.store.runs.get(harness.workspaceId, runId);
    return { status, step: record!, all: JSON.stringify(await harness.store.runs.steps(runId)) + JSON.stringify(runRecord) };
  };

  it('GETs JSON with a templated URL and query', async () => {
    const { status, step } = await run(
      h,
      { with: { url: '{{ input.base }}/items', query: { q: ['{{ input.term }}', 'b'], page: 2, skip: null } } },
      { term: 'acme corp' },
    );
    expect(status).toBe('completed');
    expect(step.output).toMatchObject({ status: 200, body: { q: ['acme corp', 'b'], page: '2' } });
    expect((step.output as any).headers['content-type']).toBe('application/json');
  });

  it('POSTs a JSON body and a form body', async () => {
    const posted = await run(h, { with: { method: 'post', url: '{{ input.base }}/echo', body: { name: 'Acme', tags: ['a', 'b'] } } });
    expect(posted.step.output).toMatchObject({
      status: 201,
      body: { method: 'POST', contentType: 'application/json', body: { name: 'Acme', tags: ['a', 'b'] } },
    });
    const form = await run(h, { with: { method: 'POST', url: '{{ input.base }}/form', body: { a: 1, b: 'x y' }, bodyType: 'form' } });
    expect(form.step.output).toMatchObject({ body: 'a=1&b=x+y' });
    expect(srv.seen.get('/form')?.at(-1)?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('returns text responses as text, and JSON as text when asked', async () => {
    const text = await run(h, { with: { url: '{{ input.base }}/text' } });
    expect(text.step.output).toMatchObject({ status: 200, body: 'hello, world', headers: { 'x-trace': 'abc' } });
    const raw = await run(h, { with: { url: '{{ input.base }}/auth', responseType: 'text' } });
    expect((raw.step.output as any).body).toBe('{"ok":true}');
  });

  it('fails clearly on invalid JSON', async () => {
    const { status, step } = await run(h, { with: { url: '{{ input.base }}/bad-json' } });
    expect(status).toBe('failed');
    expect(step.error?.message).toMatch(/not valid JSON/);
  });

  it('injects bearer, header and basic credentials without ever recording them', async () => {
    const bearer = await run(h, { with: { url: '{{ input.base }}/auth', credential: 'news-api' } });
    expect(bearer.status).toBe('completed');
    expect(srv.seen.get('/auth')?.at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(bearer.all).not.toContain(SECRET);

    const header = await run(h, {
      with: { url: '{{ input.base }}/auth', credential: 'news-api', auth: 'header', authHeader: 'X-Api-Key' },
    });
    expect(header.status).toBe('completed');
    expect(srv.seen.get('/auth')?.at(-1)?.headers['x-api-key']).toBe(SECRET);
    expect(header.all).not.toContain(SECRET);

    const basic = await run(h, { with: { url: '{{ input.base }}/auth', credential: 'basic', auth: 'basic' } });
    expect(basic.status).toBe('completed');
    expect(srv.seen.get('/auth')?.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from(BASIC).toString('base64')}`);
    expect(basic.all).not.toContain(BASIC);
    expect(basic.all).not.toContain(Buffer.from(BASIC).toString('base64'));

    const denied = await run(h, { with: { url: '{{ input.base }}/denied', credential: 'news-api' } });
    expect(denied.status).toBe('failed');
    expect(denied.step.error?.message).toContain('HTTP 401');
    expect(denied.all).not.toContain(SECRET);
  });

  it('does not retry a 404, even with a retry policy', async () => {
    const { status, step } = await run(h, { with: { url: '{{ input.base }}/missing' }, retry: { maxAttempts: 3, initialDelayMs: 10 } });
    expect(status).toBe('failed');
    expect(step.attempts).toBe(1);
    expect(step.error?.message).toMatch(/HTTP 404 .*no route \/missing/);
  });

  it('retries a 503 and then succeeds', async () => {
    const { status, step } = await run(h, { with: { url: '{{ input.base }}/flaky' }, retry: { maxAttempts: 3, initialDelayMs: 10 } });
    expect(status).toBe('completed');
    expect(step.attempts).toBe(2);
    expect(step.output).toMatchObject({ body: { ok: true, n: 2 } });
  });

  it('honours Retry-After on a 429', async () => {
    const { status, step } = await run(h, { with: { url: '{{ input.base }}/limited' }, retry: { maxAttempts: 2, initialDelayMs: 10 } });
    expect(status).toBe('completed');
    expect(step.attempts).toBe(2);
    const [first, second] = srv.seen.get('/limited') ?? [];
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
  });

  it('times out (retryably) when the server never answers', async () => {
    const started = Date.now();
    const { status, step } = await run(h, {
      with: { url: '{{ input.base }}/hang', timeoutMs: 200 },
      retry: { maxAttempts: 2, initialDelayMs: 10 },
    });
    expect(status).toBe('failed');
    expect(step.attempts).toBe(2);
    expect(step.error?.message).toMatch(/timed out after 200 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('treats a refused connection as a retryable network error', async () => {
    const closed = await testServer({});
    const port = (closed.server.address() as AddressInfo).port;
    await new Promise((resolve) => closed.server.close(resolve));
    const { status, step } = await run(h, { with: { url: `http://127.0.0.1:${port}/` }, retry: { maxAttempts: 2, initialDelayMs: 10 } });
    expect(status).toBe('failed');
    expect(step.attempts).toBe(2);
    expect(step.error?.message).toMatch(/ECONNREFUSED/);
  });

  it('refuses responses over maxResponseBytes', async () => {
    const declared = await run(h, { with: { url: '{{ input.base }}/big', maxResponseBytes: 10_000 } });
    expect(declared.status).toBe('failed');
    expect(declared.step.error?.message).toMatch(/larger than maxResponseBytes \(10000 bytes\)/);
    const streamed = await run(h, { with: { url: '{{ input.base }}/big-chunked', maxResponseBytes: 10_000 } });
    expect(streamed.status).toBe('failed');
    expect(streamed.step.error?.message).toMatch(/larger than maxResponseBytes/);
  });

  it('follows redirects and fails a redirect loop', async () => {
    const moved = await run(h, { with: { url: '{{ input.base }}/moved' } });
    expect(moved.status).toBe('completed');
    expect(moved.step.output).toMatchObject({ status: 200, body: { q: ['redirected'] } });
    const loop = await run(h, { with: { url: '{{ input.base }}/loop', maxRedirects: 3 }, retry: { maxAttempts: 3, initialDelayMs: 10 } });
    expect(loop.status).toBe('failed');
    expect(loop.step.attempts).toBe(1);
    expect(loop.step.error?.message).toMatch(/more than 3 times/);
  });

  describe('outbound guard', () => {
    it.each([
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
      ['http://127.0.0.1:1/', '127.0.0.1'],
      ['http://[::1]/', '::1'],
      ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
      ['http://0.0.0.0/', '0.0.0.0'],
      ['http://192.168.1.1/', '192.168.1.1'],
      ['http://2130706433/', '127.0.0.1'],
    ])('refuses %s', async (url, address) => {
      const { status, step } = await run(guarded, { with: { url }, retry: { maxAttempts: 3, initialDelayMs: 10 } });
      expect(status).toBe('failed');
      expect(step.attempts).toBe(1);
      expect(step.error?.message).toMatch(
        new RegExp(`refused: ${address.replace(/[.]/g, '\\.')} is not a public address \\(.+\\); allow it with ASSAY_HTTP_ALLOW$`),
      );
    });

    it('refuses a hostname that resolves to loopback (checked after DNS)', async () => {
      const port = new URL(srv.base).port;
      const { status, step } = await run(guarded, { with: { url: `http://localhost:${port}/items` } });
      expect(status).toBe('failed');
      expect(step.error?.message).toMatch(/outbound request to localhost refused: (127\.0\.0\.1|::1) is not a public address \(loopback\)/);
      expect(srv.seen.get('/items')?.every((r) => r.headers.host !== `localhost:${port}`)).toBe(true);
    });

    it('re-checks every redirect hop', async () => {
      const toPrivate = await run(h, { with: { url: '{{ input.base }}/to-private', credential: 'news-api' } });
      expect(toPrivate.status).toBe('failed');
      expect(toPrivate.step.error?.message).toContain('outbound request to 10.0.0.1 refused: 10.0.0.1 is not a public address (private)');
      const toMetadata = await run(h, { with: { url: '{{ input.base }}/to-metadata' } });
      expect(toMetadata.status).toBe('failed');
      expect(toMetadata.step.error?.message).toContain('169.254.169.254 is not a public address (linkLocal)');
    });

    it('drops the credential when a redirect leaves the origin', async () => {
      const other = await testServer({ '/landing': (_req, res) => json(res, 200, { landed: true }) });
      try {
        const hop = await testServer({ '/out': (_req, res) => res.writeHead(302, { location: `${other.base}/landing` }).end() });
        const { status, step } = await run(h, { with: { url: `${hop.base}/out`, credential: 'news-api', headers: { 'X-Trace': 't1' } } });
        hop.server.closeAllConnections();
        hop.server.close();
        expect(status).toBe('completed');
        expect(step.output).toMatchObject({ body: { landed: true } });
        expect(hop.seen.get('/out')?.[0]?.headers.authorization).toBe(`Bearer ${SECRET}`);
        const landed = other.seen.get('/landing')?.[0];
        expect(landed?.headers.authorization).toBeUndefined();
        expect(landed?.headers['x-trace']).toBe('t1');
      } finally {
        other.server.closeAllConnections();
        other.server.close();
      }
    });

    it('only speaks http and https', async () => {
      const { status, step } = await run(h, { with: { url: 'file:///etc/passwd' } });
      expect(status).toBe('failed');
      expect(step.error?.message).toMatch(/only http: and https: URLs are allowed/);
    });

    // Which addresses count as private is unit tested next to the ranges (net/ip-ranges.test.ts in the steps package).
    it('parses ASSAY_HTTP_ALLOW', () => {
      expect(parseAllowList(' localhost, 10.0.0.5 ,,[::1]')).toEqual(['localhost', '10.0.0.5', '::1']);
      expect(parseAllowList(undefined)).toEqual([]);
    });
  });
});
