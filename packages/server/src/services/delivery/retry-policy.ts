import type { RetryPolicy } from '@assay/store';

/** ±20% around each delay: retries of many deliveries that failed together do not arrive together. */
export function retryPolicy(backoffMs: readonly number[], random: () => number = Math.random): RetryPolicy {
  return { backoffMs, jitter: (delayMs) => delayMs * (0.8 + 0.4 * random()) };
}
