import { AssayApiError, AssayClient } from '@assay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

const DEFINITION = {
  name: 'Doubler',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
};

/**
 * `Authorization: Bearer <client id>:<secret>`: an API key as one token, beside the two headers.
 * POST /v1/keys answers it once, as `token`; it needs no session, and its scope is the key's.
 */
describe('API keys as Bearer tokens', () => {
  let server: TestServer;
  /** One request with only an Authorization header (no key headers, no cookie). */
  const withAuthorization = (authorization: string, method: string, path: string, body?: unknown) =>
    request(server.url, method, path, { authorization }, body);
  /** Creates a key with the admin key's headers and returns its creation answer. */
  async function createKey(name: string, scope: string): Promise<{ id: string; clientId: string; secret: string; token: string }> {
    const created = await server.api('POST', '/v1/keys', { name, scope });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.data;
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('answers a new key as one token, once, and the token authenticates as the key', async () => {
    const key = await createKey('ci', 'read');
    expect(key.token).toBe(`${key.clientId}:${key.secret}`);
    const current = await withAuthorization(`Bearer ${key.token}`, 'GET', '/v1/keys/current');
    expect(current.status, JSON.stringify(current.body)).toBe(200);
    expect(current.body.data).toMatchObject({ id: key.id, clientId: key.clientId, scope: 'read' });
    // Shown once: neither the list nor the key itself gives the secret or the token again.
    const listed = await server.api('GET', '/v1/keys');
    expect(JSON.stringify(listed.body)).not.toContain(key.secret);
    expect(current.body.data).not.toHaveProperty('token');
    expect(current.body.data).not.toHaveProperty('secret');
  });

  it('accepts the scheme in any case and the key named by ASSAY_CLIENT_ID', async () => {
    const answer = await withAuthorization(`bearer ${CLIENT_ID}:${API_KEY}`, 'GET', '/v1/workflows');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('refuses a wrong secret, an unknown client id and a revoked key with 401', async () => {
    const key = await createKey('soon revoked', 'read');
    const wrongSecret = await withAuthorization(`Bearer ${key.clientId}:${key.secret}x`, 'GET', '/v1/workflows');
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toMatchObject({ error: 'invalid API key', code: 'unauthorized' });
    const unknown = await withAuthorization(`Bearer ck_${'0'.repeat(24)}:${key.secret}`, 'GET', '/v1/workflows');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid API key');
    expect((await server.api('DELETE', `/v1/keys/${key.id}`)).status).toBe(200);
    const revoked = await withAuthorization(`Bearer ${key.token}`, 'GET', '/v1/workflows');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error).toBe('invalid API key');
  });

  it('refuses a malformed token with 401 saying the form', async () => {
    const key = await createKey('malformed', 'read');
    for (const authorization of [
      'Bearer',
      'Bearer ',
      `Bearer ${key.secret}`,
      `Bearer :${key.secret}`,
      `Bearer ${key.clientId}:`,
      `Bearer ${key.clientId} ${key.secret}`,
    ]) {
      const answer = await withAuthorization(authorization, 'GET', '/v1/workflows');
      expect(answer.status, authorization).toBe(401);
      expect(answer.body, authorization).toEqual({ error: 'Authorization must be "Bearer <client id>:<secret>"', code: 'unauthorized' });
    }
    // Another scheme is not a key: the answer says which credentials were missing.
    const basic = await withAuthorization('Basic dXNlcjpwYXNz', 'GET', '/v1/workflows');
    expect(basic.status).toBe(401);
    expect(basic.body.error).toContain('missing x-metal-client-id or x-metal-api-key header');
  });

  it("keeps the key's scope: a read token reads but cannot change or run anything", async () => {
    const workflowId = await createWorkflow(server, DEFINITION);
    const reader = await createKey('reader', 'read');
    const runner = await createKey('runner', 'run');
    const read = await withAuthorization(`Bearer ${reader.token}`, 'GET', `/v1/workflows/${workflowId}`);
    expect(read.status).toBe(200);
    const refused = await withAuthorization(`Bearer ${reader.token}`, 'POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 2 } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toContain('this API key\'s scope "read" does not allow this');
    const started = await withAuthorization(`Bearer ${runner.token}`, 'POST', `/v1/workflows/${workflowId}/runs?wait=30`, {
      input: { n: 2 },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const notAdmin = await withAuthorization(`Bearer ${runner.token}`, 'GET', '/v1/keys');
    expect(notAdmin.status).toBe(403);
  });

  it('lets the key headers win over a Bearer token sent beside them', async () => {
    const reader = await createKey('beside', 'read');
    const answer = await server.api('GET', '/v1/keys/current', undefined, { authorization: `Bearer ${reader.token}` });
    expect(answer.status).toBe(200);
    expect(answer.body.data.clientId).toBe(CLIENT_ID);
  });

  it('is what the SDK sends when given { token }', async () => {
    const key = await createKey('sdk', 'run');
    const client = new AssayClient({ baseUrl: server.url, token: key.token });
    expect((await client.keys.current()).clientId).toBe(key.clientId);
    const workflowId = await createWorkflow(server, DEFINITION);
    const run = await client.runs.createAndWait(workflowId, { input: { n: 21 } });
    expect(run.status).toBe('completed');
    expect(run.steps[0]?.output).toBe(42);
    const refused = await client.workflows.archive(workflowId).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AssayApiError);
    expect((refused as AssayApiError).status).toBe(403);

    const wrong = new AssayClient({ baseUrl: server.url, token: `${key.clientId}:not-the-secret`, retries: 0 });
    const denied = await wrong.workflows.list().catch((error: unknown) => error);
    expect(denied).toBeInstanceOf(AssayApiError);
    expect(denied).toMatchObject({ status: 401, message: 'invalid API key' });

    expect(() => new AssayClient({ baseUrl: server.url, token: key.token, clientId: key.clientId, apiKey: key.secret })).toThrow(TypeError);
  });
});
