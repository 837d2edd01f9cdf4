import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';

/** `GET /v1/step-types`: what the visual editor builds its palette and forms from. */
describe('GET /v1/step-types', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('describes every built-in step type with an object JSON Schema of its config', async () => {
    const { status, body } = await server.api('GET', '/v1/step-types');
    expect(status).toBe(200);
    const types = body.data as {
      type: string;
      family: string;
      description: string;
      configSchema: Record<string, any>;
      expressionKeys?: string[];
    }[];
    const names = types.map((t) => t.type);
    for (const core of [
      'transform',
      'condition',
      'wait',
      'fail',
      'http.request',
      'dataset.lookup',
      'sql.query',
      'web.extract',
      'web.search',
      'ai.generate',
      'ai.classify',
      'ai.extract',
      'ai.agent',
      'code',
      'map',
      'workflow.run',
      'document.render',
      'notify.email',
      'notify.chat',
    ]) {
      expect(names).toContain(core);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const type of types) {
      expect(['logic', 'data', 'ai', 'document', 'outbound'], type.type).toContain(type.family);
      expect(type.description.length, type.type).toBeGreaterThan(0);
      expect(type.configSchema.type, type.type).toBe('object');
      expect(typeof type.configSchema.properties, type.type).toBe('object');
    }
    // The fields the SPEC names are the forms' fields.
    const byName = new Map(types.map((t) => [t.type, t]));
    expect(Object.keys(byName.get('document.render')?.configSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['name', 'template', 'formats', 'title']),
    );
    expect(byName.get('http.request')?.family).toBe('data');
    expect(byName.get('ai.generate')?.family).toBe('ai');
    expect(byName.get('notify.email')?.family).toBe('outbound');
    expect(byName.get('notify.chat')?.family).toBe('outbound');
    expect(Object.keys(byName.get('notify.email')?.configSchema.properties ?? {})).toEqual(
      expect.arrayContaining(['to', 'cc', 'bcc', 'subject', 'markdown', 'attachments', 'credential']),
    );
    expect(byName.get('notify.chat')?.configSchema.properties.format.enum).toEqual(['slack', 'teams', 'teams-messagecard']);
  });

  it('sorts by family then type', async () => {
    const types = (await server.api('GET', '/v1/step-types')).body.data as { type: string; family: string }[];
    const keys = types.map((t) => [t.family, t.type] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
  });

  it('names the fields that hold JSONata, and only on the types that have them', async () => {
    const types = (await server.api('GET', '/v1/step-types')).body.data as { type: string; expressionKeys?: string[] }[];
    const byName = new Map(types.map((t) => [t.type, t]));
    expect(byName.get('transform')?.expressionKeys).toEqual(['expression']);
    expect(byName.get('condition')?.expressionKeys).toEqual(['expression']);
    expect(byName.get('map')?.expressionKeys).toContain('items');
    expect(byName.get('document.render')?.expressionKeys).toBeUndefined();
    expect(byName.get('http.request')?.expressionKeys).toBeUndefined();
  });

  it('names verbatim fields and the sub-graph field, which the editor reads references by', async () => {
    const types = (await server.api('GET', '/v1/step-types')).body.data as {
      type: string;
      verbatimKeys?: string[];
      subgraphKey?: string;
    }[];
    const byName = new Map(types.map((t) => [t.type, t]));
    expect(byName.get('code')).toMatchObject({ verbatimKeys: ['code'] });
    expect(byName.get('map')).toMatchObject({ subgraphKey: 'steps' });
    expect(byName.get('transform')?.verbatimKeys).toBeUndefined();
    expect(byName.get('transform')?.subgraphKey).toBeUndefined();
  });

  it('answers a read-only key, and 401 without one', async () => {
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const read = await request(server.url, 'GET', '/v1/step-types', { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret });
    expect(read.status).toBe(200);
    expect((await request(server.url, 'GET', '/v1/step-types', {})).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const { body } = await server.api('GET', '/v1/openapi.json');
    expect(body.paths['/v1/step-types']?.get).toBeDefined();
    expect(body.paths['/v1/workflows/validate']?.post).toBeDefined();
    expect(body.paths['/v1/workflows/{id}/trigger']?.get).toBeDefined();
  });
});
