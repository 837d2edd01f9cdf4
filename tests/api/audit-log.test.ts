import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '@assay/server';
import { CLIENT_ID, createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

/** The audit log names who saved, restored and archived workflows, changed triggers, keys and credentials. */
describe('the audit log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('records each change with its actor, newest first, filterable, for admin keys of the workspace only', async () => {
    const definition = { name: 'Audited', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] };
    const workflowId = await createWorkflow(server, definition);
    await server.api('PUT', `/v1/workflows/${workflowId}`, { ...definition, description: 'second' });
    await server.api('POST', `/v1/workflows/${workflowId}/versions/restore`, { version: 1 });
    await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'none' });
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    await server.api('DELETE', `/v1/keys/${key.id}`);
    const credential = (await server.api('POST', '/v1/credentials', { name: 'token', value: 'never-in-the-log-42' })).body.data;
    await server.api('DELETE', `/v1/credentials/${credential.id}`);
    await server.api('DELETE', `/v1/workflows/${workflowId}`);

    const { status, body } = await server.api('GET', '/v1/audit-log');
    expect(status).toBe(200);
    expect(body.data.map((e: { action: string }) => e.action)).toEqual([
      'workflow.archived',
      'credential.deleted',
      'credential.created',
      'key.revoked',
      'key.created',
      'trigger.configured',
      'workflow.restored',
      'workflow.saved',
      'workflow.created',
    ]);
    const ours = (await server.api('GET', '/v1/keys/current')).body.data;
    expect(body.data.every((e: { actor: string; actorName: string }) => e.actor === `key:${ours.id}` && e.actorName === CLIENT_ID)).toBe(
      true,
    );
    expect(body.data.find((e: { action: string }) => e.action === 'workflow.restored').details).toEqual({ from: 1, version: 3 });
    expect(JSON.stringify(body)).not.toContain('never-in-the-log');

    const filtered = await server.api('GET', `/v1/audit-log?targetId=${workflowId}&action=workflow.saved`);
    expect(filtered.body.data).toHaveLength(1);
    const paged = await server.api('GET', '/v1/audit-log?limit=4');
    expect(paged.body).toMatchObject({ hasMore: true });
    const next = await server.api('GET', `/v1/audit-log?limit=4&lt=${paged.body.nextCursor}`);
    expect(next.body.data[0].action).toBe('key.created');

    expect((await server.api('GET', '/v1/audit-log?action=workflow.exploded')).status).toBe(400);
    const reader = (await server.api('POST', '/v1/keys', { name: 'r', scope: 'read' })).body.data;
    expect(
      (await request(server.url, 'GET', '/v1/audit-log', { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret }))
        .status,
    ).toBe(403);
    const other = await server.assay.store.access.createWorkspace('elsewhere');
    await server.assay.store.access.createKey({
      workspaceId: other.id,
      name: 'b',
      clientId: 'audit-b',
      secretHash: hashSecret('audit-b-secret-value-01'),
      scope: 'admin',
    });
    const asOther = await request(server.url, 'GET', '/v1/audit-log', {
      'x-metal-client-id': 'audit-b',
      'x-metal-api-key': 'audit-b-secret-value-01',
    });
    expect(asOther.body.data).toEqual([]);
  });
});
