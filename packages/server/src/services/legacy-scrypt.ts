import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Room for the largest parameters accepted from a stored hash (128·N·r bytes, plus slack). */
const MAX_MEM = 64 * 1024 * 1024;

/** Whether `stored` is a hash in the format Assay wrote before Argon2id (`scrypt$N$r$p$salt$hash`). */
export function isScryptHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

/** scrypt off the event loop (libuv's thread pool). */
function derive(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { ...options, maxmem: MAX_MEM }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Checks a password (already NFKC-normalised) against a legacy `scrypt$N$r$p$salt$hash` (salt and
 * hash in base64url). Kept only so users created before Argon2id can sign in once, when their hash
 * is upgraded; nothing writes this format any more. False for a malformed hash.
 */
export async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || expected.length === 0 || 128 * n * r > MAX_MEM / 2) return false;
  const actual = await derive(password, salt, expected.length, { N: n, r, p });
  return timingSafeEqual(actual, expected);
}
