import { AssayError, keyToken, type KeyScope } from '@assay/schema';
import type { KeyRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import { hashSecret, newClientId, newSecret } from './key-secrets';

/** API keys: created with a secret shown once (only its hash is kept), listed and revoked. */
export class KeyService {
  /** `forget(clientId)`: a revoked key must stop working at once, not when a cache of valid keys expires. */
  constructor(
    private readonly store: Store,
    private readonly forget: (clientId: string) => void = () => undefined,
  ) {}

  /** The key a request is made with; 404 when a browser session makes it, 401 when the key is gone. */
  async current(principal: Principal): Promise<KeyRecord> {
    if (principal.keyId === null)
      throw new AssayError('not_found', 'no API key: this request is signed in with a browser session (see GET /v1/auth/session)');
    const key = await this.store.access.getKey(principal.workspaceId, principal.keyId);
    if (!key) throw new AssayError('unauthorized', 'invalid API key');
    return key;
  }

  /** A page plus one (to know whether more follow). */
  list(workspaceId: string, query: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<KeyRecord[]> {
    return this.store.access.listKeys(workspaceId, { ...query, limit: query.limit + 1 });
  }

  /**
   * The new key, its secret (never stored: this is the only time it is known) and the two as one
   * Bearer token (`keyToken`).
   */
  async create(
    workspaceId: string,
    request: { name: string; scope: KeyScope },
    by: Principal,
  ): Promise<{ key: KeyRecord; secret: string; token: string }> {
    const secret = newSecret();
    const key = await this.store.access.createKey({
      workspaceId,
      name: request.name,
      scope: request.scope,
      clientId: newClientId(),
      secretHash: hashSecret(secret),
    });
    await audit(this.store, by, 'key.created', { type: 'key', id: key.id }, { name: key.name, scope: key.scope, clientId: key.clientId });
    return { key, secret, token: keyToken(key.clientId, secret) };
  }

  /** The revoked key (revoked now). */
  async revoke(workspaceId: string, id: string, by: Principal): Promise<KeyRecord> {
    const key = await this.store.access.getKey(workspaceId, id);
    if (!key || !(await this.store.access.revokeKey(workspaceId, id))) throw new AssayError('not_found', `key ${id} not found`);
    this.forget(key.clientId);
    await audit(this.store, by, 'key.revoked', { type: 'key', id: key.id }, { name: key.name, clientId: key.clientId });
    return { ...key, revokedAt: Date.now() };
  }
}
