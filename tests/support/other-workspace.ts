import { randomBytes } from 'node:crypto';
import { hashSecret } from '@assay/server';
import { request, type TestServer } from './assay-server';

type Answer = Awaited<ReturnType<typeof request>>;

/** A second workspace on a test server, with an admin key of its own: where an attacker holds a key. */
export interface OtherWorkspace {
  id: string;
  /** The workspace's admin key, as request headers. */
  headers: Record<string, string>;
  /** One request with the workspace's admin key. */
  api(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<Answer>;
}

/**
 * Creates another workspace through the store (the API has no way to make one) and an admin key for
 * it with a random secret.
 */
export async function createOtherWorkspace(server: TestServer, name = 'other'): Promise<OtherWorkspace> {
  const { access } = server.assay.store;
  const workspace = await access.createWorkspace(name);
  const clientId = `ck_${name}_${randomBytes(6).toString('hex')}`;
  const secret = `sk_${randomBytes(24).toString('hex')}`;
  await access.createKey({ workspaceId: workspace.id, name: `${name} admin`, clientId, secretHash: hashSecret(secret), scope: 'admin' });
  const headers = { 'x-metal-client-id': clientId, 'x-metal-api-key': secret };
  return {
    id: workspace.id,
    headers,
    api: (method, path, body, extra) => request(server.url, method, path, { ...headers, ...extra }, body),
  };
}
