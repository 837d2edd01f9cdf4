import { AssayError } from '@assay/schema';

/**
 * Token buckets by key (a workspace, a trigger): `perSecond` requests per second with bursts up to
 * twice that. Over the limit, `take` throws a 429 error whose Retry-After says when to come back.
 * Per process; the cluster-wide limits of the scale-out issue live in the database.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perSecond: number) {}

  take(key: string): void {
    if (this.perSecond <= 0) return;
    const capacity = this.perSecond * 2;
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const retryAfterMs = ((1 - bucket.tokens) / this.perSecond) * 1000;
      throw new AssayError('rate_limited', `rate limit of ${this.perSecond} requests per second exceeded`, { retryAfterMs });
    }
    bucket.tokens -= 1;
  }
}
