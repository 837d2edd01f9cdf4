import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';
import { TokenBuckets } from './token-buckets';

/** The per-workspace request limit of `/v1`: 429 with `Retry-After` over it. */
export function rateLimit(perSecond: number): MiddlewareHandler<AppEnv> {
  const buckets = new TokenBuckets(perSecond);
  return async (c, next) => {
    buckets.take(c.get('principal').workspaceId);
    await next();
  };
}
