import { AssayError } from '@assay/schema';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * A token bucket per workspace: `perSecond` requests per second with bursts up to twice that.
 * Over the limit the answer is 429 with `Retry-After`. Per process; the cluster-wide limits of the
 * scale-out issue live in the database.
 */
export function rateLimit(perSecond: number): MiddlewareHandler<AppEnv> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const capacity = perSecond * 2;
  return async (c, next) => {
    if (perSecond > 0) {
      const workspaceId = c.get('principal').workspaceId;
      const now = Date.now();
      const bucket = buckets.get(workspaceId) ?? { tokens: capacity, at: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
      bucket.at = now;
      buckets.set(workspaceId, bucket);
      if (bucket.tokens < 1) {
        const retryAfterMs = ((1 - bucket.tokens) / perSecond) * 1000;
        throw new AssayError('rate_limited', `rate limit of ${perSecond} requests per second exceeded`, { retryAfterMs });
      }
      bucket.tokens -= 1;
    }
    await next();
  };
}
