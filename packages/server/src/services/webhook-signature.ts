import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signatures older or newer than this are refused (replay protection). */
export const TIMESTAMP_TOLERANCE_SECONDS = 300;

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** An unguessable URL slug for a trigger. */
export function newSlug(): string {
  return randomBytes(16).toString('hex');
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per the Standard Webhooks scheme. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', key(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/**
 * Verifies Standard Webhooks headers. Returns null when valid, else why not (for the 401 message).
 * The header may carry several space-separated signatures (during secret rotation): any may match.
 */
export function verifyWebhook(options: { secret: string; id?: string; timestamp?: string; signature?: string; body: string; now: number }): string | null {
  const { id, timestamp, signature } = options;
  if (!id || !timestamp || !signature) return 'missing webhook-id, webhook-timestamp or webhook-signature header';
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return 'webhook-timestamp is not a Unix time in seconds';
  if (Math.abs(options.now / 1000 - seconds) > TIMESTAMP_TOLERANCE_SECONDS) return 'webhook-timestamp is outside the 5-minute tolerance';
  const expected = Buffer.from(signWebhook(options.secret, id, seconds, options.body));
  for (const candidate of signature.split(' ')) {
    const given = Buffer.from(candidate);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'webhook-signature does not match';
}

/** Constant-time comparison of two strings. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
