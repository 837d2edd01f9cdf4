import { AssayError, type KeyScope } from '@assay/schema';
import type { AccessStore, KeyRecord } from '@assay/store';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { secretMatches } from '../services/key-secrets';

const CACHE_TTL_MS = 5000;
const TOUCH_EVERY_MS = 60_000;
const RANK: Record<KeyScope, number> = { read: 0, run: 1, admin: 2 };

/**
 * Resolves `x-metal-client-id` + `x-metal-api-key` to a principal. Key records are cached for a few
 * seconds (revocations in this process apply at once through `forget`); the secret is checked
 * against the stored hash in constant time on every request.
 */
export class KeyAuthenticator {
  private readonly cache = new Map<string, { key: KeyRecord | null; at: number }>();
  private readonly touched = new Map<string, number>();

  constructor(private readonly access: AccessStore) {}

  middleware(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      const clientId = c.req.header('x-metal-client-id');
      const secret = c.req.header('x-metal-api-key');
      if (!clientId || !secret) throw new AssayError('unauthorized', 'missing x-metal-client-id or x-metal-api-key header');
      const key = await this.lookup(clientId);
      if (!key || key.revokedAt !== null || !secretMatches(secret, key.secretHash)) {
        throw new AssayError('unauthorized', 'invalid API key');
      }
      c.set('principal', { keyId: key.id, clientId: key.clientId, workspaceId: key.workspaceId, scope: key.scope });
      this.touch(key.id);
      await next();
    };
  }

  /** Drops a cached key (after it was revoked or replaced). */
  forget(clientId: string): void {
    this.cache.delete(clientId);
  }

  private async lookup(clientId: string): Promise<KeyRecord | null> {
    const now = Date.now();
    const cached = this.cache.get(clientId);
    if (cached && now - cached.at < CACHE_TTL_MS) return cached.key;
    const key = await this.access.findKeyByClientId(clientId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(clientId, { key, at: now });
    return key;
  }

  /** Records last use at most once a minute per key, off the request's path. */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    void this.access.touchKey(keyId, now).catch(() => undefined);
  }
}

/** Refuses the request (403) unless the key's scope includes `scope`. */
export function requireScope(scope: KeyScope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (RANK[principal.scope] < RANK[scope]) throw new AssayError('forbidden', `this API key's scope "${principal.scope}" does not allow this; it needs "${scope}"`);
    await next();
  };
}
