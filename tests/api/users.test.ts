import { hashPassword } from '@assay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';
import { Browser, signedIn } from '../support/session-client';

const PASSWORD = 'a long enough password';
const DEFINITION = {
  name: 'Team workflow',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 's', type: 'transform', with: { expression: 'input.n' } }],
};

/** Users and roles: admins manage users; viewers read, editors build and run, admins do everything. */
describe('users and roles', () => {
  let server: TestServer;
  let admin: Browser;
  let adminId: string;
  const ids = {} as Record<'editor' | 'viewer', string>;
  /** Every answer the tests saw, to check no password hash ever appears. */
  const seen: unknown[] = [];
  const keep = <T extends { body: unknown }>(answer: T): T => {
    seen.push(answer.body);
    return answer;
  };

  beforeAll(async () => {
    server = await startTestServer();
    admin = new Browser(server.url);
    const setup = await admin.call('POST', '/v1/auth/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    expect(setup.status).toBe(201);
    adminId = setup.body.data.user.id;
  });
  afterAll(() => server.close());

  it('lets an admin add editors and viewers, validating each field', async () => {
    const editor = keep(
      await admin.call('POST', '/v1/users', { email: 'Editor@Example.com', name: 'Ed', password: PASSWORD, role: 'editor' }),
    );
    expect(editor.status).toBe(201);
    expect(editor.body.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      email: 'editor@example.com',
      name: 'Ed',
      role: 'editor',
      createdAt: expect.any(String),
    });
    ids.editor = editor.body.data.id;
    const viewer = keep(
      await admin.call('POST', '/v1/users', { email: 'viewer@example.com', name: 'Vi', password: PASSWORD, role: 'viewer' }),
    );
    expect(viewer.status).toBe(201);
    ids.viewer = viewer.body.data.id;

    const duplicate = await admin.call('POST', '/v1/users', {
      email: 'EDITOR@example.com',
      name: 'Again',
      password: PASSWORD,
      role: 'viewer',
    });
    expect(duplicate.status).toBe(409);
    const short = await admin.call('POST', '/v1/users', { email: 'x@example.com', name: 'X', password: 'short', role: 'viewer' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([{ path: 'password', message: expect.stringContaining('8') }]);
    const long = await admin.call('POST', '/v1/users', { email: 'x@example.com', name: 'X', password: 'p'.repeat(201), role: 'viewer' });
    expect(long.body.details?.[0]?.path).toBe('password');
    expect(
      (await admin.call('POST', '/v1/users', { email: 'x@example.com', name: 'X', password: PASSWORD, role: 'owner' })).body.details?.[0]
        ?.path,
    ).toBe('role');
    expect(
      (await admin.call('POST', '/v1/users', { email: 'x@example.com', name: 'X', password: PASSWORD, role: 'viewer', passwordHash: 'x' }))
        .status,
    ).toBe(400);

    const list = keep(await admin.call('GET', '/v1/users'));
    expect(list.status).toBe(200);
    expect(list.body.data.map((u: { email: string; role: string }) => [u.email, u.role])).toEqual([
      ['admin@example.com', 'admin'],
      ['editor@example.com', 'editor'],
      ['viewer@example.com', 'viewer'],
    ]);
    // Admin API keys manage users too.
    expect(keep(await server.api('GET', '/v1/users')).body.data).toHaveLength(3);
  });

  it('lets a viewer read but not change or run anything', async () => {
    const workflowId = (await admin.call('POST', '/v1/workflows', DEFINITION)).body.data.id;
    const viewer = await signedIn(server.url, 'viewer@example.com', PASSWORD);
    expect((await viewer.call('GET', '/v1/auth/session')).body.data.role).toBe('viewer');
    expect((await viewer.call('GET', '/v1/workflows')).status).toBe(200);
    expect((await viewer.call('GET', `/v1/workflows/${workflowId}`)).status).toBe(200);
    const refused = await viewer.call('POST', '/v1/workflows', DEFINITION);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/role/);
    expect((await viewer.call('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 1 } })).status).toBe(403);
    expect((await viewer.call('PUT', `/v1/workflows/${workflowId}`, DEFINITION)).status).toBe(403);
    expect((await viewer.call('GET', '/v1/users')).status).toBe(403);
    expect((await viewer.call('POST', '/v1/datasets', { name: 'v', rows: [{ id: 1 }] })).status).toBe(403);
  });

  it('lets an editor build, trigger and run workflows, but not manage keys or users, nor reveal secrets', async () => {
    const editor = await signedIn(server.url, 'editor@example.com', PASSWORD);
    const created = await editor.call('POST', '/v1/workflows', DEFINITION);
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    expect((await editor.call('PUT', `/v1/workflows/${id}`, { ...DEFINITION, description: 'v2' })).body.data.version).toBe(2);
    expect((await editor.call('POST', `/v1/workflows/${id}/versions/restore`, { version: 1 })).status).toBe(200);
    const run = await editor.call('POST', `/v1/workflows/${id}/runs?wait=10`, { input: { n: 5 } });
    expect(run.status).toBe(201);
    expect(run.body.data).toMatchObject({ status: 'completed', output: 5 });
    expect((await editor.call('POST', '/v1/datasets', { name: 'team-data', rows: [{ id: 'a' }] })).status).toBe(201);

    expect((await editor.call('POST', '/v1/keys', { name: 'mine', scope: 'read' })).status).toBe(403);
    expect((await editor.call('GET', '/v1/keys')).status).toBe(403);
    expect(
      (await editor.call('POST', '/v1/users', { email: 'friend@example.com', name: 'F', password: PASSWORD, role: 'admin' })).status,
    ).toBe(403);
    expect((await editor.call('PATCH', `/v1/users/${ids.editor}`, { role: 'admin' })).status).toBe(403);
    // Editors own their workflows' triggers (and may rotate the secret), but only admins may reveal the current secret.
    expect((await editor.call('PUT', `/v1/workflows/${id}/trigger`, { verification: 'none' })).status).toBe(200);
    expect((await editor.call('POST', `/v1/workflows/${id}/trigger/webhook-secret/reveal`)).status).toBe(403);
    expect((await editor.call('GET', '/v1/audit-log')).status).toBe(403);
    expect((await editor.call('DELETE', `/v1/workflows/${id}`)).status).toBe(200);

    // An API key with the new `edit` scope behaves like an editor.
    const key = (await server.api('POST', '/v1/keys', { name: 'editor key', scope: 'edit' })).body.data;
    const asKey = { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret };
    expect((await request(server.url, 'POST', '/v1/workflows', asKey, DEFINITION)).status).toBe(201);
    expect((await request(server.url, 'POST', '/v1/keys', asKey, { name: 'x' })).status).toBe(403);
  });

  it('applies a role change to open sessions at once', async () => {
    const viewer = await signedIn(server.url, 'viewer@example.com', PASSWORD);
    expect((await viewer.call('POST', '/v1/workflows', DEFINITION)).status).toBe(403);
    const promoted = keep(await admin.call('PATCH', `/v1/users/${ids.viewer}`, { role: 'editor', name: 'Vi Two' }));
    expect(promoted.body.data).toMatchObject({ id: ids.viewer, role: 'editor', name: 'Vi Two' });
    expect((await viewer.call('POST', '/v1/workflows', DEFINITION)).status).toBe(201);
    expect((await viewer.call('GET', '/v1/auth/session')).body.data.role).toBe('editor');
    expect((await admin.call('PATCH', `/v1/users/${ids.viewer}`, { role: 'viewer' })).status).toBe(200);
    expect((await viewer.call('POST', '/v1/workflows', DEFINITION)).status).toBe(403);
  });

  it('changes a password: other sessions end, the old password stops working', async () => {
    const editor = await signedIn(server.url, 'editor@example.com', PASSWORD);
    expect((await admin.call('PATCH', `/v1/users/${ids.editor}`, { password: 'short' })).body.details?.[0]?.path).toBe('password');
    expect((await admin.call('PATCH', `/v1/users/${ids.editor}`, { password: 'a brand new password' })).status).toBe(200);
    expect((await editor.call('GET', '/v1/workflows')).status).toBe(401);
    expect((await new Browser(server.url).signIn('editor@example.com', PASSWORD)).status).toBe(401);
    expect((await new Browser(server.url).signIn('editor@example.com', 'a brand new password')).status).toBe(200);
  });

  it('never demotes or removes the last admin', async () => {
    const demote = await admin.call('PATCH', `/v1/users/${adminId}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toMatch(/at least one admin/);
    expect((await admin.call('DELETE', `/v1/users/${adminId}`)).status).toBe(409);
    expect((await admin.call('GET', '/v1/auth/session')).body.data.role).toBe('admin');

    // With a second admin, the first may step down (and the second may not then).
    await admin.call('PATCH', `/v1/users/${ids.editor}`, { role: 'admin' });
    expect((await admin.call('PATCH', `/v1/users/${adminId}`, { role: 'editor' })).status).toBe(200);
    const second = await signedIn(server.url, 'editor@example.com', 'a brand new password');
    expect((await second.call('PATCH', `/v1/users/${ids.editor}`, { role: 'viewer' })).status).toBe(409);
    expect((await second.call('PATCH', `/v1/users/${adminId}`, { role: 'admin' })).status).toBe(200);
    expect((await admin.call('PATCH', `/v1/users/${ids.editor}`, { role: 'editor' })).status).toBe(200);
  });

  it('removes a user: their sessions end at once and they cannot sign in', async () => {
    const viewer = await signedIn(server.url, 'viewer@example.com', PASSWORD);
    expect((await viewer.call('GET', '/v1/workflows')).status).toBe(200);
    const removed = keep(await admin.call('DELETE', `/v1/users/${ids.viewer}`));
    expect(removed).toMatchObject({ status: 200, body: { data: { id: ids.viewer, email: 'viewer@example.com' } } });
    expect((await viewer.call('GET', '/v1/workflows')).status).toBe(401);
    expect((await new Browser(server.url).signIn('viewer@example.com', PASSWORD)).status).toBe(401);
    expect((await admin.call('DELETE', `/v1/users/${ids.viewer}`)).status).toBe(404);
    expect((await admin.call('GET', '/v1/users')).body.data.map((u: { id: string }) => u.id)).not.toContain(ids.viewer);
  });

  it("keeps another workspace's users out of this one", async () => {
    const { store } = server.assay;
    const workflowId = (await admin.call('POST', '/v1/workflows', DEFINITION)).body.data.id;
    const other = await store.access.createWorkspace('elsewhere');
    const outsider = await store.users.createMember({
      workspaceId: other.id,
      email: 'outsider@example.com',
      name: 'Out',
      passwordHash: await hashPassword(PASSWORD),
      role: 'admin',
    });
    expect(outsider).toMatchObject({ workspaceId: other.id });
    const browser = await signedIn(server.url, 'outsider@example.com', PASSWORD);
    expect((await browser.call('GET', '/v1/auth/session')).body.data.workspaceId).toBe(other.id);
    expect((await browser.call('GET', `/v1/workflows/${workflowId}`)).status).toBe(404);
    expect((await browser.call('GET', '/v1/workflows')).body.data).toEqual([]);
    expect((await browser.call('GET', '/v1/users')).body.data.map((u: { email: string }) => u.email)).toEqual(['outsider@example.com']);
    expect((await browser.call('PATCH', `/v1/users/${ids.editor}`, { role: 'viewer' })).status).toBe(404);
    expect((await browser.call('DELETE', `/v1/users/${adminId}`)).status).toBe(404);
    // One workspace per user for now: the email is taken.
    expect(
      (await admin.call('POST', '/v1/users', { email: 'Outsider@example.com', name: 'Again', password: PASSWORD, role: 'viewer' })).status,
    ).toBe(409);
  });

  it('records user changes in the audit log under the acting user, and never shows a password or its hash', async () => {
    const log = keep(await admin.call('GET', '/v1/audit-log?targetType=user&direction=asc'));
    expect(log.status).toBe(200);
    const entries = log.body.data.map((e: { action: string; actor: string; targetId: string }) => [e.action, e.actor, e.targetId]);
    expect(entries).toContainEqual(['user.created', `user:${adminId}`, adminId]);
    expect(entries).toContainEqual(['user.created', `user:${adminId}`, ids.editor]);
    expect(entries).toContainEqual(['user.updated', `user:${adminId}`, ids.viewer]);
    expect(entries).toContainEqual(['user.updated', `user:${ids.editor}`, adminId]);
    expect(entries).toContainEqual(['user.deleted', `user:${adminId}`, ids.viewer]);
    const passwordChange = log.body.data.find(
      (e: { action: string; targetId: string; details: { passwordChanged?: boolean } }) =>
        e.action === 'user.updated' && e.details?.passwordChanged,
    );
    expect(passwordChange).toMatchObject({ targetId: ids.editor, actorName: 'admin@example.com' });

    const everything = JSON.stringify(seen);
    expect(everything).not.toMatch(/argon2|scrypt|password_?hash/i);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('a brand new password');
  });
});
