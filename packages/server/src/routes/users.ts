import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateUserBody, UpdateUserBody, User } from '@assay/schema';
import type { MemberRecord } from '@assay/store';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { conflict, data, errors, IdParam, json, list, security } from '../http/openapi';
import type { UserService } from '../services/user-service';

const tags = ['Users'];

function present(member: MemberRecord): User {
  return { id: member.id, email: member.email, name: member.name, role: member.role, createdAt: new Date(member.createdAt).toISOString() };
}

/** `/v1/users`: the workspace's members (browser users) and their roles. Admins only. */
export function registerUserRoutes(app: OpenAPIHono<AppEnv>, users: UserService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/users',
      operationId: 'listUsers',
      tags,
      security,
      summary: "The workspace's users and their roles (never passwords)",
      middleware: [requireScope('admin')] as const,
      responses: { 200: json(list(User), 'Users, oldest first'), ...errors },
    }),
    async (c) => {
      const members = await users.list(c.get('principal').workspaceId);
      return c.json({ data: members.map(present), hasMore: false, nextCursor: null }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/users',
      operationId: 'createUser',
      tags,
      security,
      summary: 'Add a user to the workspace with an initial password and a role (409: the email is taken, in any workspace)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateUserBody } } } },
      responses: { 201: json(data(User), 'Created'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const created = await users.create(principal.workspaceId, c.req.valid('json'), principal);
      return c.json({ data: present(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/users/{id}',
      operationId: 'updateUser',
      tags,
      security,
      summary: "Change a user's role, name or password (a new password signs out their other sessions; 409 for demoting the last admin)",
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateUserBody } } } },
      responses: { 200: json(data(User), 'Updated'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const updated = await users.update(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: present(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/users/{id}',
      operationId: 'removeUser',
      tags,
      security,
      summary: 'Remove a user from the workspace and end their sessions (409 for the last admin)',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(User), 'Removed'), ...errors, ...conflict },
    }),
    async (c) => {
      const principal = c.get('principal');
      const removed = await users.remove(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: present(removed) }, 200);
    },
  );
}
