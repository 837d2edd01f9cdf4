import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiKey, AssayError, CreateKeyBody, ListQuery } from '@assay/schema';
import type { Store } from '@assay/store';
import type { AppEnv } from '../http/app-env';
import { requireScope, type KeyAuthenticator } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, peek, security } from '../http/openapi';
import { hashSecret, newClientId, newSecret } from '../services/key-secrets';
import { presentKey } from '../services/presenters';
import { audit } from '../services/audit';

const tags = ['API keys'];

/** `/v1/keys`: list, create (the secret is shown once), revoke, and the calling key. */
export function registerKeyRoutes(app: OpenAPIHono<AppEnv>, deps: { store: Store; auth: KeyAuthenticator }) {
  const { store, auth } = deps;

  app.openapi(
    createRoute({ method: 'get', path: '/v1/keys/current', tags, security, summary: 'The key making this request (404 when a browser session makes it: see GET /v1/auth/session)', responses: { 200: json(data(ApiKey), 'The calling key'), ...errors } }),
    async (c) => {
      const principal = c.get('principal');
      if (principal.keyId === null) throw new AssayError('not_found', 'no API key: this request is signed in with a browser session (see GET /v1/auth/session)');
      const key = await store.access.getKey(principal.workspaceId, principal.keyId);
      if (!key) throw new AssayError('unauthorized', 'invalid API key');
      return c.json({ data: presentKey(key) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/keys', tags, security, summary: "List the workspace's keys", middleware: [requireScope('admin')] as const, request: { query: ListQuery }, responses: { 200: json(list(ApiKey), 'Keys (no secrets)'), ...errors } }),
    async (c) => {
      const q = c.req.valid('query');
      const keys = await store.access.listKeys(c.get('principal').workspaceId, peek(q));
      return c.json(page(keys.map((k) => presentKey(k)), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/keys',
      tags,
      security,
      summary: 'Create a key; its secret is in this answer only',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateKeyBody } } } },
      responses: { 201: json(data(ApiKey), 'Created (with `secret`)'), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const secret = newSecret();
      const key = await store.access.createKey({ workspaceId: c.get('principal').workspaceId, name: body.name, scope: body.scope, clientId: newClientId(), secretHash: hashSecret(secret) });
      await audit(store, c.get('principal'), 'key.created', { type: 'key', id: key.id }, { name: key.name, scope: key.scope, clientId: key.clientId });
      return c.json({ data: presentKey(key, secret) }, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/v1/keys/{id}', tags, security, summary: 'Revoke a key', middleware: [requireScope('admin')] as const, request: { params: IdParam }, responses: { 200: json(data(ApiKey), 'Revoked'), ...errors } }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const id = c.req.valid('param').id;
      const key = await store.access.getKey(workspaceId, id);
      if (!key || !(await store.access.revokeKey(workspaceId, id))) throw new AssayError('not_found', `key ${id} not found`);
      auth.forget(key.clientId);
      await audit(store, c.get('principal'), 'key.revoked', { type: 'key', id: key.id }, { name: key.name, clientId: key.clientId });
      return c.json({ data: presentKey({ ...key, revokedAt: Date.now() }) }, 200);
    },
  );
}
