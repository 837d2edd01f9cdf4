import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, CreateUserBody, UpdateUserBody, User } from '@assay/schema';
import type { MemberRecord, MemberRefusal, Store } from '@assay/store';
import type { AppEnv } from '../http/app-env';
import { requireScope, type SessionAuthenticator } from '../http/authenticate';
import { conflict, data, errors, IdParam, json, list, security } from '../http/openapi';
import { audit } from '../services/audit';
import type { HashingSlots } from '../services/hashing-slots';
import { hashPassword } from '../services/passwords';

const tags = ['Users'];
const userSecurity = [...security, { session: [] }];

function present(member: MemberRecord): User {
  return { id: member.id, email: member.email, name: member.name, role: member.role, createdAt: new Date(member.createdAt).toISOString() };
}

const LAST_ADMIN = 'the workspace needs at least one admin: make another user admin first';

/** A member, or the error for why the store refused (or did not find) them. */
function accepted(result: MemberRecord | MemberRefusal | null, id: string): MemberRecord {
  if (result === null) throw new AssayError('not_found', `user ${id} not found`);
  if (result === 'last_admin') throw new AssayError('conflict', LAST_ADMIN);
  if (typeof result === 'string') throw new AssayError('conflict', 'a user with this email already exists', { details: [{ path: 'email', message: 'already exists' }] });
  return result;
}

/** `/v1/users`: the workspace's members (browser users) and their roles. Admins only. */
export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: { store: Store; sessions: SessionAuthenticator; hashing: HashingSlots }) {
  const { store, sessions, hashing } = deps;

  app.openapi(
    createRoute({ method: 'get', path: '/v1/users', tags, security: userSecurity, summary: "The workspace's users and their roles (never passwords)", middleware: [requireScope('admin')] as const, responses: { 200: json(list(User), 'Users, oldest first'), ...errors } }),
    async (c) => {
      const members = await store.users.listMembers(c.get('principal').workspaceId);
      return c.json({ data: members.map(present), hasMore: false, nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      tags,
      security: userSecurity,
      summary: 'Add a user to the workspace with an initial password and a role (409: the email is taken, in any workspace)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateUserBody } } } },
      responses: { 201: json(data(User), 'Created'), ...errors, ...conflict },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const principal = c.get('principal');
      const created = accepted(await store.users.createMember({ workspaceId: principal.workspaceId, email: body.email, name: body.name, passwordHash: await hashing.run(() => hashPassword(body.password)), role: body.role }), '');
      await audit(store, principal, 'user.created', { type: 'user', id: created.id }, { email: created.email, role: created.role });
      return c.json({ data: present(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/users/{id}',
      tags,
      security: userSecurity,
      summary: "Change a user's role, name or password (a new password signs out their other sessions; 409 for demoting the last admin)",
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateUserBody } } } },
      responses: { 200: json(data(User), 'Updated'), ...errors, ...conflict },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { id } = c.req.valid('param');
      const principal = c.get('principal');
      const { password } = body;
      const passwordHash = password === undefined ? undefined : await hashing.run(() => hashPassword(password));
      const updated = accepted(await store.users.updateMember(principal.workspaceId, id, { role: body.role, name: body.name, passwordHash }), id);
      if (passwordHash) await store.users.deleteSessionsOfUser(id, principal.userId === id ? (principal.sessionId ?? undefined) : undefined);
      sessions.forgetUser(id);
      const changed = { ...(body.role !== undefined ? { role: body.role } : {}), ...(body.name !== undefined ? { name: body.name } : {}), ...(passwordHash ? { passwordChanged: true } : {}) };
      await audit(store, principal, 'user.updated', { type: 'user', id }, { email: updated.email, ...changed });
      return c.json({ data: present(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/users/{id}',
      tags,
      security: userSecurity,
      summary: 'Remove a user from the workspace and end their sessions (409 for the last admin)',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(User), 'Removed'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const principal = c.get('principal');
      const removed = accepted(await store.users.removeMember(principal.workspaceId, id), id);
      sessions.forgetUser(id);
      await audit(store, principal, 'user.deleted', { type: 'user', id }, { email: removed.email, role: removed.role });
      return c.json({ data: present(removed) }, 200);
    },
  );
}
