import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';

type Requirement = Record<string, string[]>;
interface Operation {
  operationId?: string;
  security?: Requirement[];
  'x-required-scope'?: string;
}
interface Listed {
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

function operationsOf(doc: { paths: Record<string, Record<string, Operation>> }): Listed[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

const name = (o: Listed) => `${o.method} ${o.path}`;
const KEY_HEADERS = { clientId: [], apiKey: [] };

/**
 * /v1/openapi.json is what clients are generated from: every operation has a unique, stable
 * operationId and says how it is authenticated, and what it says holds against the live API.
 */
describe('the OpenAPI document', () => {
  let server: TestServer;
  let doc: any;
  let operations: Listed[];
  beforeAll(async () => {
    server = await startTestServer();
    const answer = await request(server.url, 'GET', '/v1/openapi.json', {});
    expect(answer.status).toBe(200);
    doc = answer.body;
    operations = operationsOf(doc);
  });
  afterAll(() => server?.close());

  it('gives every operation a unique camelCase operationId', () => {
    expect(operations.length).toBeGreaterThan(100);
    expect(operations.filter((o) => !/^[a-z][A-Za-z0-9]*$/.test(o.operation.operationId ?? '')).map(name)).toEqual([]);
    const ids = operations.map((o) => o.operation.operationId);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
    // Stable names clients already call (renaming one breaks generated clients).
    const idOf = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)?.operation.operationId;
    expect(idOf('POST', '/v1/workflows/{id}/runs')).toBe('createRun');
    expect(idOf('GET', '/v1/workflow-runs/{id}')).toBe('getWorkflowRun');
    expect(idOf('GET', '/v1/workflows')).toBe('listWorkflows');
    expect(idOf('POST', '/v1/keys')).toBe('createKey');
  });

  it('declares security on every operation, with every scheme it names defined', () => {
    expect(operations.filter((o) => !Array.isArray(o.operation.security)).map(name)).toEqual([]);
    const schemes = doc.components.securitySchemes;
    expect(schemes).toMatchObject({
      clientId: { type: 'apiKey', in: 'header', name: 'x-metal-client-id' },
      apiKey: { type: 'apiKey', in: 'header', name: 'x-metal-api-key' },
      bearer: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'assay_session' },
      csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
    });
    const named = new Set(operations.flatMap((o) => (o.operation.security ?? []).flatMap((r) => Object.keys(r))));
    expect([...named].filter((scheme) => !(scheme in schemes))).toEqual([]);
  });

  it('lets /v1 operations take the key headers, a Bearer token or the session (with the CSRF header on writes)', () => {
    const keyed = operations.filter((o) => o.operation.security?.some((r) => 'apiKey' in r));
    expect(keyed.length).toBeGreaterThan(90);
    for (const o of keyed) {
      const session = o.method === 'GET' ? { session: [] } : { session: [], csrfToken: [] };
      expect(o.operation.security, name(o)).toEqual([KEY_HEADERS, { bearer: [] }, session]);
    }
  });

  it('declares no security on what anyone may call, and says it needs no scope', () => {
    const open = operations.filter((o) => o.operation.security?.length === 0);
    expect(open.map(name).sort()).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        'GET /v1/approval-links/{token}',
        'GET /v1/auth/setup',
        'POST /v1/approval-links/{token}',
        'POST /v1/auth/setup',
        'POST /v1/auth/sign-in',
        'POST /webhooks/workflows/{slug}',
      ].sort(),
    );
    expect(open.filter((o) => o.operation['x-required-scope'] !== 'none').map(name)).toEqual([]);
  });

  it('holds against the live API: what declares credentials refuses a call without them, and what declares none answers it', async () => {
    // GET operations without path parameters can be called as they stand. /v1/auth/state answers
    // with or without a session, as its optional requirement ({}) says.
    const callable = operations.filter((o) => o.method === 'GET' && !o.path.includes('{'));
    expect(callable.length).toBeGreaterThan(15);
    for (const o of callable) {
      const answer = await fetch(server.url + o.path, { headers: { accept: 'application/json' } });
      await answer.body?.cancel();
      const security = o.operation.security ?? [];
      const optional = security.length === 0 || security.some((r) => Object.keys(r).length === 0);
      if (optional) expect(answer.status, name(o)).toBe(200);
      else expect(answer.status, name(o)).toBe(401);
    }
  });

  it('names its licence and the server it was asked on', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.license).toMatchObject({ name: 'Apache-2.0', identifier: 'Apache-2.0' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: server.url })]);
  });

  it('names ASSAY_PUBLIC_URL as the server when it is set', async () => {
    const behindProxy = await startTestServer({ ASSAY_PUBLIC_URL: 'https://assay.example.test/' });
    try {
      const answer = await request(behindProxy.url, 'GET', '/v1/openapi.json', {});
      expect(answer.body.servers).toEqual([expect.objectContaining({ url: 'https://assay.example.test' })]);
    } finally {
      await behindProxy.close();
    }
  });
});
