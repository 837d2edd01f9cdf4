import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, request } from '../support/assay-server';
import { startLoggedServer, type LoggedServer, type LogLine } from '../support/logged-server';

const CREDENTIAL_VALUE = 'crm-token-value-4f1e9a';
const BEARER = 'bearer-value-77c2d0';
const WRONG_KEY = 'wrong-key-value-93b1';
const QUERY_SECRET = 'query-secret-value-51aa';
const LINK_TOKEN = 'approval-link-token-value-d3e4';

/** The `request` line of the request sent with `x-request-id: id`, and how many there were. */
function requestLines(server: LoggedServer, requestId: string): LogLine[] {
  return server.lines().filter((line) => line.msg === 'request' && line.requestId === requestId);
}

/**
 * One structured log line per HTTP request through the process logger: method, route pattern,
 * status, duration, request id and workspace; never a key, a credential or what a path or query holds.
 */
describe('the request log', () => {
  let server: LoggedServer;
  let workspaceId: string;

  beforeAll(async () => {
    server = await startLoggedServer();
    const keys = await server.api('GET', '/v1/keys');
    expect(keys.status).toBe(200);
    workspaceId = keys.body.data[0].workspaceId;
  });
  afterAll(() => server?.close());

  it('writes one line per request with its method, route, status, duration, request id and workspace', async () => {
    const created = await server.api(
      'POST',
      '/v1/workflows',
      { name: 'Logged', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] },
      { 'x-request-id': 'req-create-1' },
    );
    expect(created.status).toBe(201);
    const read = await server.api('GET', `/v1/workflows/${created.body.data.id}`, undefined, { 'x-request-id': 'req-read-1' });
    expect(read.status).toBe(200);

    const [create, ...moreCreate] = requestLines(server, 'req-create-1');
    expect(moreCreate).toHaveLength(0);
    expect(create).toMatchObject({ method: 'POST', route: '/v1/workflows', status: 201, requestId: 'req-create-1', workspaceId });
    expect(typeof create!.durationMs).toBe('number');
    expect(create!.durationMs as number).toBeGreaterThanOrEqual(0);
    const [readLine, ...moreRead] = requestLines(server, 'req-read-1');
    expect(moreRead).toHaveLength(0);
    // The route pattern, never the id in the path.
    expect(readLine).toMatchObject({ method: 'GET', route: '/v1/workflows/{id}', status: 200, workspaceId });
    expect(JSON.stringify(readLine)).not.toContain(created.body.data.id);
  });

  it('logs refused and unknown requests too, without a workspace it does not know', async () => {
    const refused = await request(server.url, 'GET', '/v1/workflows', { 'x-request-id': 'req-refused-1' });
    expect(refused.status).toBe(401);
    const missing = await server.api('GET', '/v1/not-a-route', undefined, { 'x-request-id': 'req-missing-1' });
    expect(missing.status).toBe(404);
    const refusedLines = requestLines(server, 'req-refused-1');
    expect(refusedLines).toEqual([expect.objectContaining({ method: 'GET', route: '/v1/workflows', status: 401 })]);
    expect(refusedLines[0]).not.toHaveProperty('workspaceId');
    expect(requestLines(server, 'req-missing-1')).toEqual([expect.objectContaining({ route: 'unmatched', status: 404 })]);
  });

  it('never holds an API key, a bearer token, a credential value or what a path or query carries', async () => {
    expect((await server.api('POST', '/v1/credentials', { name: 'crm', type: 'token', value: CREDENTIAL_VALUE })).status).toBe(201);
    await request(server.url, 'GET', '/v1/workflows', { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': WRONG_KEY });
    await request(server.url, 'GET', '/v1/workflows', { authorization: `Bearer ${BEARER}` });
    await server.api('GET', `/v1/workflows?cursor=${QUERY_SECRET}`);
    await request(server.url, 'GET', `/v1/approval-links/${LINK_TOKEN}`, { 'x-request-id': 'req-link-1' });
    expect(requestLines(server, 'req-link-1')).toEqual([expect.objectContaining({ route: '/v1/approval-links/{token}' })]);

    const text = server.text();
    expect(text).toContain('"msg":"request"');
    for (const secret of [API_KEY, CREDENTIAL_VALUE, BEARER, WRONG_KEY, QUERY_SECRET, LINK_TOKEN]) expect(text).not.toContain(secret);
  });
});
