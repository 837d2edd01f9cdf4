import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';

describe('credentials', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('creates, lists, replaces and deletes credentials without ever returning a value', async () => {
    const created = await server.api('POST', '/v1/credentials', { name: 'news-api', type: 'api_key', value: 'tok_plaintext_value_1' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'news-api', type: 'api_key' });
    expect(JSON.stringify(created.body)).not.toContain('tok_plaintext_value_1');
    const listed = await server.api('GET', '/v1/credentials');
    expect(listed.body.data.map((c: { name: string }) => c.name)).toEqual(['news-api']);
    expect(JSON.stringify(listed.body)).not.toContain('tok_plaintext');
    const duplicate = await server.api('POST', '/v1/credentials', { name: 'news-api', value: 'x' });
    expect(duplicate.status).toBe(409);
    const replaced = await server.api('PUT', `/v1/credentials/${created.body.data.id}`, { type: 'token', value: 'tok_plaintext_value_2' });
    expect(replaced.body.data.type).toBe('token');
    expect((await server.api('DELETE', `/v1/credentials/${created.body.data.id}`)).status).toBe(200);
    expect((await server.api('GET', '/v1/credentials')).body.data).toEqual([]);
    expect((await server.api('DELETE', `/v1/credentials/${created.body.data.id}`)).status).toBe(404);
  });

  it('stores values encrypted at rest', async () => {
    await server.api('POST', '/v1/credentials', { name: 'db', type: 'connection', value: 'postgres://user:hunter2-secret@db/prod' });
    const rows = await server.assay.store.db.selectFrom('credentials').select(['name', 'sealed']).execute();
    const sealed = rows.find((r) => r.name === 'db')?.sealed ?? '';
    expect(sealed).toMatch(/^v2\./);
    expect(sealed).not.toContain('hunter2');
  });

  it('names the bad field of a credential body', async () => {
    const bad = await server.api('POST', '/v1/credentials', { name: 'has spaces', value: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['name', 'value']));
  });
});
