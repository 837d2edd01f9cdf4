import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, type CREDENTIAL_TYPES, CreateCredential, Credential, ListQuery } from '@assay/schema';
import type { CredentialRecord, Store } from '@assay/store';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, peek, security } from '../http/openapi';
import type { SecretBox } from '../services/secret-box';
import { audit } from '../services/audit';

const tags = ['Credentials'];
const ReplaceCredential = CreateCredential.omit({ name: true });

function present(record: CredentialRecord) {
  return { id: record.id, name: record.name, type: record.type as (typeof CREDENTIAL_TYPES)[number], createdAt: new Date(record.createdAt).toISOString(), updatedAt: new Date(record.updatedAt).toISOString() };
}

/** `/v1/credentials`: create, list (names and types only), replace, delete. Values are write-only. */
export function registerCredentialRoutes(app: OpenAPIHono<AppEnv>, deps: { store: Store; box: SecretBox }) {
  const { store, box } = deps;


  app.openapi(
    createRoute({ method: 'get', path: '/v1/credentials', tags, security, summary: 'List credentials (names and types, never values)', middleware: [requireScope('admin')] as const, request: { query: ListQuery }, responses: { 200: json(list(Credential), 'Credentials'), ...errors } }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page((await store.credentials.list(c.get('principal').workspaceId, peek(q))).map(present), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/credentials',
      tags,
      security,
      summary: 'Create a credential (encrypted at rest)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateCredential } } } },
      responses: { 201: json(data(Credential), 'Created'), ...errors, 409: json(z.object({ error: z.string() }), 'Name taken') },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const created = await store.credentials.create({ workspaceId: c.get('principal').workspaceId, name: body.name, type: body.type, sealed: box.seal(body.value) });
      if (!created) throw new AssayError('conflict', `a credential named "${body.name}" already exists`, { details: [{ path: 'name', message: 'already exists' }] });
      await audit(store, c.get('principal'), 'credential.created', { type: 'credential', id: created.id }, { name: created.name, type: created.type });
      return c.json({ data: present(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/credentials/{id}',
      tags,
      security,
      summary: "Replace a credential's value",
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ReplaceCredential } } } },
      responses: { 200: json(data(Credential), 'Replaced'), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const id = c.req.valid('param').id;
      const replaced = await store.credentials.replace(c.get('principal').workspaceId, id, { type: body.type, sealed: box.seal(body.value) });
      if (!replaced) throw new AssayError('not_found', `credential ${id} not found`);
      await audit(store, c.get('principal'), 'credential.replaced', { type: 'credential', id: replaced.id }, { name: replaced.name, type: replaced.type });
      return c.json({ data: present(replaced) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/v1/credentials/{id}', tags, security, summary: 'Delete a credential', middleware: [requireScope('admin')] as const, request: { params: IdParam }, responses: { 200: json(data(Credential), 'Deleted'), ...errors } }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const id = c.req.valid('param').id;
      const existing = await store.credentials.get(workspaceId, id);
      if (!existing || !(await store.credentials.remove(workspaceId, id))) throw new AssayError('not_found', `credential ${id} not found`);
      await audit(store, c.get('principal'), 'credential.deleted', { type: 'credential', id: existing.id }, { name: existing.name });
      return c.json({ data: present(existing) }, 200);
    },
  );
}
