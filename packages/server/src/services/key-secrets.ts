import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new public client id. */
export function newClientId(): string {
  return `ck_${randomBytes(12).toString('hex')}`;
}

/** A new key secret (256 bits): shown once, stored only as its hash. */
export function newSecret(): string {
  return `sk_${randomBytes(32).toString('base64url')}`;
}

/** Secrets are long random strings, so one SHA-256 is a safe (and fast) one-way hash for them. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
