import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

/** `GET /v1/workflows/{id}/trigger`: the trigger's settings for the web app, never its secret. */
describe('GET /v1/workflows/{id}/trigger', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers 404 until a trigger is configured, then its settings without the secret', async () => {
    const wf = await createWorkflow(server, { name: 'Triggered', steps: [{ id: 'one', type: 'transform', with: { expression: '1' } }] });
    const before = await server.api('GET', `/v1/workflows/${wf}/trigger`);
    expect(before.status).toBe(404);
    expect(before.body.error).toContain('trigger');

    const created = (
      await server.api('PUT', `/v1/workflows/${wf}/trigger`, { verification: 'secret-header', callbackUrl: 'https://example.com/done' })
    ).body.data;
    expect(created.secret).toMatch(/^whsec_/);
    const read = await server.api('GET', `/v1/workflows/${wf}/trigger`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({
      slug: created.slug,
      url: created.url,
      enabled: true,
      verification: 'secret-header',
      callbackUrl: 'https://example.com/done',
      inputMapping: null,
      strict: false,
    });
    expect(read.body.data.url).toBe(`${server.url}/webhooks/workflows/${created.slug}`);

    await server.api('PUT', `/v1/workflows/${wf}/trigger`, { enabled: false, verification: 'none', callbackUrl: null });
    expect((await server.api('GET', `/v1/workflows/${wf}/trigger`)).body.data).toEqual({
      slug: created.slug,
      url: created.url,
      enabled: false,
      verification: 'none',
      callbackUrl: null,
      inputMapping: null,
      strict: false,
    });
    // Rotating shows the new secret once; reading never does.
    const rotated = (await server.api('POST', `/v1/workflows/${wf}/trigger/webhook-secret/rotate`, {})).body.data;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect((await server.api('GET', `/v1/workflows/${wf}/trigger`)).body.data.secret).toBeUndefined();

    // A read-only key may read it.
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const asReader = await request(server.url, 'GET', `/v1/workflows/${wf}/trigger`, {
      'x-metal-client-id': key.clientId,
      'x-metal-api-key': key.secret,
    });
    expect(asReader.status).toBe(200);
    expect(asReader.body.data.slug).toBe(created.slug);
  });

  it('reveals the current secret to admins only, and records who did', async () => {
    const wf = await createWorkflow(server, { name: 'Revealed', steps: [{ id: 'one', type: 'transform', with: { expression: '1' } }] });
    expect((await server.api('POST', `/v1/workflows/${wf}/trigger/webhook-secret/reveal`)).status).toBe(404);
    const created = (await server.api('PUT', `/v1/workflows/${wf}/trigger`, { verification: 'signature' })).body.data;
    const revealed = await server.api('POST', `/v1/workflows/${wf}/trigger/webhook-secret/reveal`);
    expect(revealed.status).toBe(200);
    expect(revealed.body.data).toMatchObject({ slug: created.slug, secret: created.secret });
    const rotated = (await server.api('POST', `/v1/workflows/${wf}/trigger/webhook-secret/rotate`, {})).body.data;
    expect((await server.api('POST', `/v1/workflows/${wf}/trigger/webhook-secret/reveal`)).body.data.secret).toBe(rotated.secret);

    const key = (await server.api('POST', '/v1/keys', { name: 'editor', scope: 'edit' })).body.data;
    const asEditor = await request(server.url, 'POST', `/v1/workflows/${wf}/trigger/webhook-secret/reveal`, {
      'x-metal-client-id': key.clientId,
      'x-metal-api-key': key.secret,
    });
    expect(asEditor.status).toBe(403);
    expect(JSON.stringify(asEditor.body)).not.toContain(rotated.secret);

    const log = (await server.api('GET', '/v1/audit-log')).body.data;
    expect(log.filter((entry: any) => entry.action === 'trigger.secret_revealed' && entry.targetId === wf)).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain(rotated.secret);
  });

  it('answers 404 for an unknown workflow and 400 for a malformed id', async () => {
    expect((await server.api('GET', '/v1/workflows/0123456789abcdef01234567/trigger')).status).toBe(404);
    expect((await server.api('GET', '/v1/workflows/nope/trigger')).status).toBe(400);
  });
});
