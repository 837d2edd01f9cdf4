import { AssayApiError, AssayClient } from '@assay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, startTestServer, type TestServer } from '../support/assay-server';

const definition = (name: string) => ({ name, steps: [{ id: 'one', type: 'transform', with: { expression: '1' } }] });

/** The SDK methods the visual editor and the web app use, against a real server. */
describe('the SDK for the editor and web app', () => {
  let server: TestServer;
  let client: AssayClient;
  beforeAll(async () => {
    server = await startTestServer();
    client = new AssayClient({ baseUrl: server.url, clientId: CLIENT_ID, apiKey: API_KEY });
  });
  afterAll(() => server.close());

  it('lists step types', async () => {
    const types = await client.stepTypes.list();
    expect(types.find((t) => t.type === 'transform')).toMatchObject({
      family: 'logic',
      expressionKeys: ['expression'],
      configSchema: { type: 'object' },
    });
  });

  it('validates definitions without saving them', async () => {
    expect(await client.workflows.validate(definition('Fine'))).toMatchObject({ valid: true, errors: [], warnings: [] });
    const bad = await client.workflows.validate({ name: 'Bad', steps: [{ id: 'x', type: 'nope', with: {} }] });
    expect(bad).toEqual({
      valid: false,
      errors: [{ path: 'steps[0].type', message: expect.any(String), stepId: 'x' }],
      warnings: [],
      outputSchemas: {},
    });
  });

  it('lists workflows with search, archived filter and stats', async () => {
    const kept = await client.workflows.create(definition('SDK list kept'));
    const archived = await client.workflows.create(definition('SDK list archived'));
    await client.workflows.archive(archived.id);
    await client.runs.create(kept.id, { wait: 10 });
    const active = await client.workflows.list({ q: 'sdk list' });
    expect(active.data.map((w) => w.id)).toEqual([kept.id]);
    expect(active.data[0]?.stats).toMatchObject({ runCount: 1, lastRun: { status: 'completed' } });
    expect((await client.workflows.list({ q: 'SDK LIST', archived: 'only' })).data.map((w) => w.id)).toEqual([archived.id]);
    expect((await client.workflows.list({ q: 'sdk list', archived: 'all' })).data).toHaveLength(2);
    expect((await client.workflows.list({ search: 'sdk list', archived: true })).data).toHaveLength(2);
  });

  it('reads, configures and rotates triggers', async () => {
    const workflow = await client.workflows.create(definition('SDK trigger'));
    const missing = await client.triggers.get(workflow.id).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(AssayApiError);
    expect((missing as AssayApiError).status).toBe(404);
    const created = await client.triggers.put(workflow.id, { verification: 'none', inputMapping: '{ "name": body.contact.name }' });
    expect(created.secret).toMatch(/^whsec_/);
    expect(await client.triggers.get(workflow.id)).toEqual({
      slug: created.slug,
      url: created.url,
      enabled: true,
      verification: 'none',
      callbackUrl: null,
      inputMapping: '{ "name": body.contact.name }',
      strict: false,
    });
    const updated = await client.triggers.put(workflow.id, { enabled: false, verification: 'signature' });
    expect(updated.secret).toBeUndefined();
    const rotated = await client.triggers.rotate(workflow.id, { graceSeconds: 60 });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
  });

  it('reads the audit log with filters', async () => {
    const workflow = await client.workflows.create(definition('SDK audited'));
    const page = await client.audit.list({ action: 'workflow.created', targetId: workflow.id });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({ action: 'workflow.created', targetType: 'workflow', targetId: workflow.id });
    expect((await client.audit.list({ limit: 1 })).hasMore).toBe(true);
  });
});
