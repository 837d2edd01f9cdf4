import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { type CREDENTIAL_TYPES, CreateCredential, Credential, ListQuery } from '@assay/schema';
import type { CredentialRecord } from '@assay/store';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, security } from '../http/openapi';
import type { CredentialService } from '../services/credential-service';

const tags = ['Credentials'];
const ReplaceCredential = CreateCredential.omit({ name: true });

function present(record: CredentialRecord) {
  return {
    id: record.id,
    name: record.name,
    type: record.type as (typeof CREDENTIAL_TYPES)[number],
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

/** `/v1/credentials`: create, list (names and types only), replace, delete. Values are write-only. */
export function registerCredentialRoutes(app: OpenAPIHono<AppEnv>, credentials: CredentialService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/credentials',
      operationId: 'listCredentials',
      tags,
      security,
      summary: 'List credentials (names and types, never values)',
      middleware: [requireScope('admin')] as const,
      request: { query: ListQuery },
      responses: { 200: json(list(Credential), 'Credentials'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page((await credentials.list(c.get('principal').workspaceId, q)).map(present), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/credentials',
      operationId: 'createCredential',
      tags,
      security,
      summary: 'Create a credential (encrypted at rest)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateCredential } } } },
      responses: { 201: json(data(Credential), 'Created'), ...errors, 409: json(z.object({ error: z.string() }), 'Name taken') },
    }),
    async (c) => {
      const principal = c.get('principal');
      const created = await credentials.create(principal.workspaceId, c.req.valid('json'), principal);
      return c.json({ data: present(created) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/credentials/{id}',
      operationId: 'replaceCredential',
      tags,
      security,
      summary: "Replace a credential's value",
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: ReplaceCredential } } } },
      responses: { 200: json(data(Credential), 'Replaced'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const replaced = await credentials.replace(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: present(replaced) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/credentials/{id}',
      operationId: 'deleteCredential',
      tags,
      security,
      summary: 'Delete a credential',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(Credential), 'Deleted'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const removed = await credentials.remove(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: present(removed) }, 200);
    },
  );
}
