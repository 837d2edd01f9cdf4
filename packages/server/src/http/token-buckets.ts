import { AssayError } from '@assay/schema';

/**
 * Token buckets by key (a workspace, a trigger, a client address): `perSecond` requests per second with bursts up to
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
    if (this.buckets.size >= MAX_BUCKETS && !this.buckets.has(key)) this.forgetIdle(now);
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

  /**
   * Keys are unbounded where they are client addresses: past MAX_BUCKETS, buckets that have refilled
   * (no request for two seconds, so forgetting them changes nothing) are dropped; if every one is
   * busy, all are (a flood from that many addresses is not what a per-address limit stops).
   */
  private forgetIdle(now: number): void {
    for (const [key, bucket] of this.buckets) if (now - bucket.at >= 2000) this.buckets.delete(key);
    if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
  }
}

const MAX_BUCKETS = 10_000;
