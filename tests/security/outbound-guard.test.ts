import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';

/**
 * Issue 11, item 7: the outbound guard lets only globally routable unicast addresses through
 * (ipaddr.js's range table), unwraps IPv4 inside IPv6, and checks again after DNS and on every
 * redirect. The first six addresses got through the hand-kept list it replaced.
 */
const REFUSED: Array<[url: string, reason: string]> = [
  ['http://198.18.0.1/', '198.18.0.1 is not a public address (reserved)'],
  ['http://224.0.0.1/', '224.0.0.1 is not a public address (multicast)'],
  ['http://255.255.255.255/', '255.255.255.255 is not a public address (broadcast)'],
  ['http://192.0.0.1/', '192.0.0.1 is not a public address (reserved)'],
  ['http://240.0.0.1/', '240.0.0.1 is not a public address (reserved)'],
  ['http://[2002:7f00:1::]/', '2002:7f00:1:: is not a public address (6to4 wrapping 127.0.0.1, loopback)'],
  // Those that already held.
  ['http://127.0.0.1:1/', '127.0.0.1 is not a public address (loopback)'],
  ['http://2130706433/', '127.0.0.1 is not a public address (loopback)'],
  ['http://0.0.0.0/', '0.0.0.0 is not a public address (unspecified)'],
  ['http://10.0.0.1/', '10.0.0.1 is not a public address (private)'],
  ['http://192.168.1.1/', '192.168.1.1 is not a public address (private)'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is not a public address (linkLocal)'],
  ['http://100.64.0.1/', '100.64.0.1 is not a public address (carrierGradeNat)'],
  ['http://[::1]/', '::1 is not a public address (loopback)'],
  ['http://[fd00::1]/', 'fd00::1 is not a public address (uniqueLocal)'],
  ['http://[fe80::1]/', 'fe80::1 is not a public address (linkLocal)'],
  ['http://[ff02::1]/', 'ff02::1 is not a public address (multicast)'],
  ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is not a public address (ipv4Mapped wrapping 127.0.0.1, loopback)'],
  ['http://[::127.0.0.1]/', '::7f00:1 is not a public address (ipv4Compatible wrapping 127.0.0.1, loopback)'],
  ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe is not a public address (rfc6052 wrapping 169.254.169.254, linkLocal)'],
  ['http://[64:ff9b:1::7f00:1]/', '64:ff9b:1::7f00:1 is not a public address (rfc6052 wrapping 127.0.0.1, loopback)'],
  [
    'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/',
    '2001:0:4136:e378:8000:63bf:80ff:fffe is not a public address (teredo wrapping 127.0.0.1, loopback)',
  ],
];

const fetchStep = (type = 'http.request') => ({
  name: `Fetch (${type})`,
  inputs: { url: { type: 'string', required: true } },
  steps: [{ id: 'fetch', type, with: { url: '{{ input.url }}' }, retry: { maxAttempts: 3, initialDelayMs: 10 } }],
});

/** A server on 127.0.0.1 that answers /ok and redirects /to?where=URL, counting what it is asked. */
async function startTarget(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push(`${req.headers.host}${url.pathname}`);
    if (url.pathname === '/to') return void res.writeHead(302, { location: url.searchParams.get('where') ?? '/' }).end();
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>ok</title></head><body><p>reached</p></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('outbound guard', () => {
  let server: TestServer;
  let allowing: TestServer;
  let target: Awaited<ReturnType<typeof startTarget>>;
  const run = async (on: TestServer, workflowId: string, url: string) => {
    const { status, body } = await on.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, { input: { url } });
    expect(status, JSON.stringify(body)).toBe(201);
    return body.data as { status: string; steps: Array<{ attempts: number; error: { message: string } | null }> };
  };

  beforeAll(async () => {
    [server, allowing, target] = await Promise.all([startTestServer(), startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' }), startTarget()]);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), allowing?.close()]);
    target?.server.close();
  });

  it.each(REFUSED)('an http.request step to %s fails at once with the guard’s error', async (url, reason) => {
    const workflowId = await createWorkflow(server, fetchStep());
    const finished = await run(server, workflowId, url);
    expect(finished.status).toBe('failed');
    const [step] = finished.steps;
    expect(step?.attempts).toBe(1);
    expect(step?.error?.message).toContain(`refused: ${reason}; allow it with ASSAY_HTTP_ALLOW`);
  });

  it('refuses web.extract the same way', async () => {
    const workflowId = await createWorkflow(server, fetchStep('web.extract'));
    const finished = await run(server, workflowId, 'http://[2002:7f00:1::]/');
    expect(finished.status).toBe('failed');
    expect(finished.steps[0]?.error?.message).toContain('2002:7f00:1:: is not a public address (6to4 wrapping 127.0.0.1, loopback)');
  });

  it('checks after DNS: a name that resolves to loopback is refused before any request', async () => {
    const workflowId = await createWorkflow(server, fetchStep());
    const port = new URL(target.url).port;
    const finished = await run(server, workflowId, `http://localhost:${port}/ok`);
    expect(finished.status).toBe('failed');
    expect(finished.steps[0]?.error?.message).toMatch(
      /outbound request to localhost refused: (127\.0\.0\.1|::1) is not a public address \(loopback\)/,
    );
    expect(target.hits.filter((hit) => hit.startsWith('localhost'))).toEqual([]);
  });

  it('lets hosts in ASSAY_HTTP_ALLOW through, and still checks every redirect hop', async () => {
    const workflowId = await createWorkflow(allowing, fetchStep());
    expect((await run(allowing, workflowId, `${target.url}/ok`)).status).toBe('completed');
    for (const [where, reason] of [
      ['http://198.18.0.1/', '198.18.0.1 is not a public address (reserved)'],
      ['http://[2002:7f00:1::]/', '2002:7f00:1:: is not a public address (6to4 wrapping 127.0.0.1, loopback)'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is not a public address (linkLocal)'],
    ] as const) {
      const finished = await run(allowing, workflowId, `${target.url}/to?where=${encodeURIComponent(where)}`);
      expect(finished.status, where).toBe('failed');
      expect(finished.steps[0]?.error?.message, where).toContain(reason);
    }
  });
});
