import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * Signatures older or newer than this are refused (replay protection). It is the `standardwebhooks`
 * library's own tolerance (not configurable there); we check it first only to say why.
 */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** An unguessable URL slug for a trigger. */
export function newSlug(): string {
  return randomBytes(16).toString('hex');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, signed by the `standardwebhooks` library. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
}

/**
 * Verifies Standard Webhooks headers with the `standardwebhooks` library. Returns null when valid,
 * else why not (for the 401 message). The header may carry several space-separated signatures
 * (during secret rotation): any may match.
 *
 * A thin wrapper because the library only says "invalid": the header and timestamp checks run here
 * first so a sender learns which rule it broke; the library then decides (it checks the timestamp
 * again against the same tolerance, and compares the signatures in constant time).
 */
export function verifyWebhook(options: {
  secret: string;
  id?: string;
  timestamp?: string;
  signature?: string;
  body: string;
}): string | null {
  const { id, timestamp, signature } = options;
  if (!id || !timestamp || !signature) return 'missing webhook-id, webhook-timestamp or webhook-signature header';
  // Digits only: the library reads the header with parseInt, which would accept "12abc".
  if (!/^\d{1,15}$/.test(timestamp)) return 'webhook-timestamp is not a Unix time in seconds';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_SECONDS)
    return 'webhook-timestamp is outside the 5-minute tolerance';
  try {
    new Webhook(options.secret).verify(
      options.body,
      { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature },
      { jsonParse: false },
    );
    return null;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return 'webhook-signature does not match';
    throw error;
  }
}

/** Constant-time comparison of two strings. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
