import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';
import { Browser } from '../support/session-client';

const OWNER = { email: 'owner@example.com', name: 'Owner', password: 'correct horse battery' };
const WORKFLOW = { name: 'Started from anywhere', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] };

/** Where a run came from: the web app (a signed-in session) or a script (an API key); and the web app's first question. */
describe('runs started by a browser session', () => {
  let server: TestServer;
  let workflowId: string;
  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, WORKFLOW);
  });
  afterAll(() => server.close());

  it('answers the auth state with 200 signed out (setup needed, then not) and signed in', async () => {
    const anonymous = await request(server.url, 'GET', '/v1/auth/state', {});
    expect(anonymous).toMatchObject({ status: 200, body: { data: { session: null, setupNeeded: true } } });
    const owner = new Browser(server.url);
    expect((await owner.call('POST', '/v1/auth/setup', OWNER)).status).toBe(201);
    expect((await request(server.url, 'GET', '/v1/auth/state', {})).body.data).toEqual({ session: null, setupNeeded: false });
    const state = await owner.call('GET', '/v1/auth/state');
    expect(state.status).toBe(200);
    expect(state.body.data).toMatchObject({ setupNeeded: false, session: { role: 'admin', user: { email: OWNER.email } } });
    // The API's own answer to a missing session is unchanged elsewhere.
    expect((await request(server.url, 'GET', '/v1/auth/session', {})).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/workflows', {})).status).toBe(401);
  });

  it('labels a run created by a signed-in session `web`, and one created with an API key `api`', async () => {
    const browser = new Browser(server.url);
    expect((await browser.signIn(OWNER.email, OWNER.password)).status).toBe(200);
    const fromWeb = await browser.call('POST', `/v1/workflows/${workflowId}/runs`, { input: {} });
    expect(fromWeb.status).toBe(201);
    expect(fromWeb.body.data.trigger).toBe('web');
    const fromKey = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: {} });
    expect(fromKey.body.data.trigger).toBe('api');

    // Read back and listed with the label it was created with.
    expect((await server.api('GET', `/v1/workflow-runs/${fromWeb.body.data.id}`)).body.data.trigger).toBe('web');
    const listed = (await browser.call('GET', `/v1/workflows/${workflowId}/runs`)).body.data;
    expect(Object.fromEntries(listed.map((run: any) => [run.id, run.trigger]))).toEqual({
      [fromWeb.body.data.id]: 'web',
      [fromKey.body.data.id]: 'api',
    });
  });

  it('names the actor and target of audit entries, also after the target is gone', async () => {
    const key = (await server.api('POST', '/v1/keys', { name: 'CRM integration', scope: 'admin' })).body.data;
    const asKey = { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret };
    const renamed = await request(server.url, 'PUT', `/v1/workflows/${workflowId}`, asKey, { ...WORKFLOW, description: 'by the CRM' });
    expect(renamed.status).toBe(200);
    const doomed = (await server.api('POST', '/v1/keys', { name: 'short-lived', scope: 'read' })).body.data;
    expect((await server.api('DELETE', `/v1/keys/${doomed.id}`)).status).toBe(200);

    const log = (await server.api('GET', '/v1/audit-log')).body.data;
    const saved = log.find((entry: any) => entry.action === 'workflow.saved');
    expect(saved).toMatchObject({ actor: `key:${key.id}`, actorLabel: 'CRM integration', targetName: WORKFLOW.name });
    expect(log.find((entry: any) => entry.action === 'key.revoked')).toMatchObject({ targetId: doomed.id, targetName: 'short-lived' });
    expect(log.find((entry: any) => entry.action === 'key.created' && entry.targetId === key.id).targetName).toBe('CRM integration');
  });
});
