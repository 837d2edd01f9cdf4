import { hashSecret } from '@assay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

/** No key sees another workspace's data: every id of workspace A answers 404 to workspace B. */
describe('workspace isolation', () => {
  let server: TestServer;
  let other: Record<string, string>;
  const a: Record<string, string> = {};
  const asB = (method: string, path: string, body?: unknown) => request(server.url, method, path, other, body);
  const definition = { name: 'Private', inputs: { n: { type: 'number' } }, steps: [{ id: 's', type: 'transform', with: { expression: 'input.n' } }] };

  beforeAll(async () => {
    server = await startTestServer();
    a.workflow = await createWorkflow(server, definition);
    a.run = (await server.api('POST', `/v1/workflows/${a.workflow}/runs?wait=5`, { input: { n: 7 } })).body.data.id;
    a.key = (await server.api('POST', '/v1/keys', { name: 'a reader', scope: 'read' })).body.data.id;
    await server.api('PUT', `/v1/workflows/${a.workflow}/trigger`, { verification: 'none' });

    const workspace = await server.assay.store.access.createWorkspace('other');
    const secret = 'other-workspace-secret-value';
    await server.assay.store.access.createKey({ workspaceId: workspace.id, name: 'b admin', clientId: 'b-client', secretHash: hashSecret(secret), scope: 'admin' });
    other = { 'x-metal-client-id': 'b-client', 'x-metal-api-key': secret };
  });
  afterAll(() => server.close());

  it("answers 404 to every endpoint given another workspace's ids", async () => {
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/workflows/${a.workflow}`],
      ['PUT', `/v1/workflows/${a.workflow}`, { ...definition, name: 'Hijacked' }],
      ['DELETE', `/v1/workflows/${a.workflow}`],
      ['GET', `/v1/workflows/${a.workflow}/versions`],
      ['POST', `/v1/workflows/${a.workflow}/versions/restore`, { version: 1 }],
      ['POST', `/v1/workflows/${a.workflow}/runs`, { input: { n: 1 } }],
      ['GET', `/v1/workflows/${a.workflow}/runs`],
      ['PUT', `/v1/workflows/${a.workflow}/trigger`, { verification: 'none' }],
      ['POST', `/v1/workflows/${a.workflow}/trigger/webhook-secret/rotate`],
      ['GET', `/v1/workflow-runs/${a.run}`],
      ['POST', `/v1/workflow-runs/${a.run}/retry`],
      ['POST', `/v1/workflow-runs/${a.run}/rerun`],
      ['POST', `/v1/workflow-runs/${a.run}/cancel`],
      ['DELETE', `/v1/keys/${a.key}`],
    ];
    for (const [method, path, body] of attempts) {
      const answer = await asB(method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
  });

  it("lists nothing of the other workspace's", async () => {
    expect((await asB('GET', '/v1/workflows?limit=1000')).body.data).toEqual([]);
    expect((await asB('GET', '/v1/workflow-runs?limit=1000')).body.data).toEqual([]);
    const keys = (await asB('GET', '/v1/keys')).body.data.map((k: { clientId: string }) => k.clientId);
    expect(keys).toEqual(['b-client']);
  });

  it("leaves workspace A's data unchanged", async () => {
    const workflow = (await server.api('GET', `/v1/workflows/${a.workflow}`)).body.data;
    expect(workflow).toMatchObject({ name: 'Private', version: 1, archivedAt: null });
    expect((await server.api('GET', `/v1/workflows/${a.workflow}/runs`)).body.data.map((r: { id: string }) => r.id)).toEqual([a.run]);
    expect((await server.api('GET', `/v1/workflow-runs/${a.run}`)).body.data.status).toBe('completed');
    expect((await server.api('GET', '/v1/keys')).body.data.map((k: { id: string }) => k.id)).toContain(a.key);
  });
});
