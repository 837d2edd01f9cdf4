import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiKey, CreateKeyBody, ListQuery } from '@assay/schema';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, security } from '../http/openapi';
import type { KeyService } from '../services/key-service';
import { presentKey } from '../services/presenters';

const tags = ['API keys'];

/** `/v1/keys`: list, create (the secret is shown once), revoke, and the calling key. */
export function registerKeyRoutes(app: OpenAPIHono<AppEnv>, keys: KeyService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/keys/current',
      operationId: 'getCurrentKey',
      tags,
      security,
      summary: 'The key making this request (404 when a browser session makes it: see GET /v1/auth/session)',
      responses: { 200: json(data(ApiKey), 'The calling key'), ...errors },
    }),
    async (c) => c.json({ data: presentKey(await keys.current(c.get('principal'))) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/keys',
      operationId: 'listKeys',
      tags,
      security,
      summary: "List the workspace's keys",
      middleware: [requireScope('admin')] as const,
      request: { query: ListQuery },
      responses: { 200: json(list(ApiKey), 'Keys (no secrets)'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const listed = await keys.list(c.get('principal').workspaceId, q);
      return c.json(
        page(
          listed.map((k) => presentKey(k)),
          q.limit,
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys',
      operationId: 'createKey',
      tags,
      security,
      summary: 'Create a key; its secret, and the key as one Bearer token, are in this answer only',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateKeyBody } } } },
      responses: { 201: json(data(ApiKey), 'Created (with `secret` and `token`)'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { key, secret, token } = await keys.create(principal.workspaceId, c.req.valid('json'), principal);
      return c.json({ data: { ...presentKey(key, secret), token } }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/keys/{id}',
      operationId: 'revokeKey',
      tags,
      security,
      summary: 'Revoke a key',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(ApiKey), 'Revoked'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      return c.json({ data: presentKey(await keys.revoke(principal.workspaceId, c.req.valid('param').id, principal)) }, 200);
    },
  );
}
