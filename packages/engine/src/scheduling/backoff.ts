import type { RetryPolicy } from '@assay/schema';

/** The longest a Retry-After hint may postpone a retry. */
export const MAX_RETRY_AFTER_MS = 86_400_000;

/**
 * Delay before attempt `attempt + 1` after attempt `attempt` failed. Exponential with "equal jitter"
 * (half fixed, half random) so a crowd of failing runs does not retry in lockstep; a Retry-After hint
 * from the failed call is honoured when it asks for longer.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const base = policy.backoff === 'fixed' ? policy.initialDelayMs : policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(base, policy.maxDelayMs);
  const jittered = capped / 2 + random() * (capped / 2);
  const hinted = retryAfterMs === undefined ? 0 : Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  return Math.round(Math.max(jittered, hinted));
}
