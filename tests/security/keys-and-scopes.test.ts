import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';
import { createOtherWorkspace } from '../support/other-workspace';
import { privilegedCalls, SCOPE_RANK, seedTargets, TARGET_DEFINITION, type Scope, type Targets } from '../support/privileged-calls';
import { workspaceSnapshot } from '../support/workspace-snapshot';

const UNKNOWN_ID = '0123456789abcdef01234567';
const keyHeaders = (clientId: string, secret: string) => ({ 'x-metal-client-id': clientId, 'x-metal-api-key': secret });

/**
 * Attacks on API keys and scopes, made from outside with whatever key an attacker could hold: none,
 * a forged or revoked one, or a real key of too low a scope. Every refusal is checked to have changed
 * nothing in the workspace (its lists, audit log and callback secret read before and after).
 * Not covered: timing-safe comparison of the secret (not observable in a test), and a key of a
 * deleted workspace (Assay has no way to delete a workspace).
 */
describe('attacks on API keys and scopes', () => {
  let server: TestServer;
  const keys = {} as Record<Scope, { id: string; clientId: string; secret: string; headers: Record<string, string> }>;
  let ids: Targets;
  const as = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
    request(server.url, method, path, headers, body);
  const snapshot = () => workspaceSnapshot(server.url, server.headers);

  /** Makes every attempt above the key's scope and checks each is refused with 403 and changes nothing. */
  async function expectRefusedAbove(scope: Scope): Promise<number> {
    const before = await snapshot();
    const refused = privilegedCalls(ids).filter((call) => SCOPE_RANK[call.needs] > SCOPE_RANK[scope]);
    for (const { method, path, body, needs } of refused) {
      const answer = await as(keys[scope].headers, method, path, body);
      expect(answer.status, `${scope} key: ${method} ${path} → ${JSON.stringify(answer.body)}`).toBe(403);
      expect(answer.body).toMatchObject({ code: 'forbidden', error: expect.stringContaining(`"${needs}"`) });
    }
    expect(await snapshot()).toEqual(before);
    return refused.length;
  }

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_CONCURRENCY: '0' });
    for (const scope of ['read', 'run', 'edit', 'admin'] as const) {
      const created = await server.api('POST', '/v1/keys', { name: `${scope} key`, scope });
      expect(created.status).toBe(201);
      const { id, clientId, secret } = created.body.data;
      keys[scope] = { id, clientId, secret, headers: keyHeaders(clientId, secret) };
    }
    ids = await seedTargets(server);
  }, 180_000);
  afterAll(() => server.close());

  it('refuses a request with no key, half a key, a wrong secret or a swapped client id with 401, and does nothing', async () => {
    const before = await snapshot();
    const { read, admin } = keys;
    const forged: Array<[string, Record<string, string>]> = [
      ['no headers', {}],
      ['client id only', { 'x-metal-client-id': admin.clientId }],
      ['secret only', { 'x-metal-api-key': admin.secret }],
      ['empty values', keyHeaders('', '')],
      ['wrong secret', keyHeaders(admin.clientId, 'sk_not-the-secret')],
      ["another key's client id with this secret", keyHeaders(read.clientId, admin.secret)],
      ["this client id with another key's secret", keyHeaders(admin.clientId, read.secret)],
      ['the secret with a character more', keyHeaders(admin.clientId, `${admin.secret}x`)],
      ['the secret with a character less', keyHeaders(admin.clientId, admin.secret.slice(0, -1))],
      ['the secret in upper case', keyHeaders(admin.clientId, admin.secret.toUpperCase())],
      ['the client id as the secret', keyHeaders(admin.clientId, admin.clientId)],
      ['an unknown client id', keyHeaders('ck_nobody', admin.secret)],
      ['SQL in the client id', keyHeaders("' OR '1'='1", "' OR '1'='1")],
      ['LIKE wildcards in the client id', keyHeaders('%', admin.secret)],
      ['a bearer token instead', { authorization: `Bearer ${admin.secret}` }],
      ['a forged session cookie', { cookie: `assay_session=${'A'.repeat(43)}` }],
    ];
    const targets: Array<[string, string, unknown?]> = [
      ['GET', '/v1/workflows'],
      ['POST', '/v1/workflows', TARGET_DEFINITION],
      ['POST', `/v1/workflows/${ids.workflow}/runs`, { input: { n: 2 } }],
      ['POST', '/v1/keys', { name: 'backdoor', scope: 'admin' }],
      ['GET', '/v1/credentials'],
      ['GET', '/v1/events'],
    ];
    for (const [label, headers] of forged) {
      for (const [method, path, body] of targets) {
        const answer = await as(headers, method, path, body);
        expect(answer.status, `${label}: ${method} ${path}`).toBe(401);
        expect(answer.body.code, label).toBe('unauthorized');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers an unknown client id and a wrong secret alike, so keys cannot be enumerated', async () => {
    const unknown = await as(keyHeaders('ck_nobody', 'sk_whatever'), 'GET', '/v1/workflows');
    const wrong = await as(keyHeaders(keys.admin.clientId, 'sk_whatever'), 'GET', '/v1/workflows');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses a revoked key at once, even one just used (and so cached)', async () => {
    const created = (await server.api('POST', '/v1/keys', { name: 'soon revoked', scope: 'admin' })).body.data;
    const headers = keyHeaders(created.clientId, created.secret);
    expect((await as(headers, 'GET', '/v1/workflows')).status).toBe(200);
    expect((await server.api('DELETE', `/v1/keys/${created.id}`)).status).toBe(200);
    const before = await snapshot();
    expect((await as(headers, 'GET', '/v1/workflows')).status).toBe(401);
    expect((await as(headers, 'POST', '/v1/keys', { name: 'revenge', scope: 'admin' })).status).toBe(401);
    expect((await as(headers, 'POST', `/v1/workflows/${ids.workflow}/runs`, { input: { n: 3 } })).status).toBe(401);
    // Revoking it again, with its own (dead) secret or with the admin key, brings nothing back.
    expect((await as(headers, 'DELETE', `/v1/keys/${created.id}`)).status).toBe(401);
    expect((await server.api('DELETE', `/v1/keys/${created.id}`)).status).toBe(404);
    expect((await as(headers, 'GET', '/v1/workflows')).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a key of another workspace everywhere in this one (404), and its secret with this workspace's client ids (401)", async () => {
    const other = await createOtherWorkspace(server);
    const before = await snapshot();
    expect((await other.api('GET', `/v1/workflows/${ids.workflow}`)).status).toBe(404);
    expect((await other.api('POST', `/v1/workflows/${ids.workflow}/runs`, { input: { n: 4 } })).status).toBe(404);
    expect((await other.api('DELETE', `/v1/keys/${keys.admin.id}`)).status).toBe(404);
    expect((await as(keyHeaders(keys.admin.clientId, other.headers['x-metal-api-key']!), 'GET', '/v1/workflows')).status).toBe(401);
    expect((await as(keyHeaders(other.headers['x-metal-client-id']!, keys.admin.secret), 'GET', '/v1/workflows')).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('answers huge and odd key headers with 401 (or 431 when too large for HTTP), never 5xx', async () => {
    const before = await snapshot();
    const odd: Array<[string, Record<string, string>]> = [
      ['a 4 KB client id', keyHeaders('c'.repeat(4096), keys.admin.secret)],
      ['a 4 KB secret', keyHeaders(keys.admin.clientId, 's'.repeat(4096))],
      ['Latin-1 bytes', keyHeaders('ck_\u00e9\u00ff', 'sk_\u00e9\u00ff')],
      ['quotes and backslashes', keyHeaders('"\\\'', '"\\\'')],
      ['a JSON object', keyHeaders('{"$ne":null}', '{"$gt":""}')],
      ['path traversal', keyHeaders('../../etc/passwd', '../../etc/passwd')],
      [
        'two values of the header',
        keyHeaders(`${keys.read.clientId}, ${keys.admin.clientId}`, `${keys.read.secret}, ${keys.admin.secret}`),
      ],
    ];
    for (const [label, headers] of odd) {
      const answer = await as(headers, 'POST', '/v1/keys', { name: 'odd', scope: 'admin' });
      expect(answer.status, label).toBe(401);
    }
    const huge = await as(keyHeaders('c'.repeat(64 * 1024), keys.admin.secret), 'GET', '/v1/workflows');
    expect([400, 401, 431], 'a 64 KB client id').toContain(huge.status);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('lets a read key read, and refuses it everything that runs, edits, administers or reveals a secret (403)', async () => {
    expect((await as(keys.read.headers, 'GET', '/v1/workflows')).status).toBe(200);
    expect((await as(keys.read.headers, 'GET', `/v1/workflow-runs/${ids.run}`)).status).toBe(200);
    expect(await expectRefusedAbove('read')).toBeGreaterThan(30);
  });

  it('refuses a run key everything that edits, administers or reveals a secret (403)', async () => {
    expect(await expectRefusedAbove('run')).toBeGreaterThan(25);
  });

  it('refuses an edit key keys, users, credentials, event endpoints, the audit log and secrets (403)', async () => {
    expect(await expectRefusedAbove('edit')).toBeGreaterThan(15);
  });

  it('never lets a key create a key above its own scope, nor revoke a stronger one', async () => {
    const before = await snapshot();
    for (const scope of ['read', 'run', 'edit'] as const) {
      for (const wanted of ['admin', 'edit', 'run', 'read'] as const) {
        expect(
          (await as(keys[scope].headers, 'POST', '/v1/keys', { name: `from ${scope}`, scope: wanted })).status,
          `${scope} → ${wanted}`,
        ).toBe(403);
      }
      expect((await as(keys[scope].headers, 'DELETE', `/v1/keys/${ids.key}`)).status).toBe(403);
    }
    // Unknown scopes and extra fields are refused before anything is made, even for an admin key.
    expect((await server.api('POST', '/v1/keys', { name: 'root', scope: 'root' })).status).toBe(400);
    expect((await server.api('POST', '/v1/keys', { name: 'other ws', scope: 'read', workspaceId: UNKNOWN_ID })).status).toBe(400);
    expect(await snapshot()).toEqual(before);
    expect((await as(keys.admin.headers, 'GET', '/v1/keys')).status).toBe(200);
  });

  it('never shows a key secret, or its hash, after the answer that created it', async () => {
    const listed = await server.api('GET', '/v1/keys?limit=1000');
    const current = await as(keys.read.headers, 'GET', '/v1/keys/current');
    expect(current.body.data.clientId).toBe(keys.read.clientId);
    for (const answer of [listed, current]) {
      const text = JSON.stringify(answer.body);
      for (const scope of ['read', 'run', 'edit', 'admin'] as const) expect(text).not.toContain(keys[scope].secret);
      expect(text).not.toMatch(/secret_?hash|"secret"/i);
    }
  });
});
