import { randomBytes } from 'node:crypto';
import type * as Argon2 from '@node-rs/argon2';
import { isScryptHash, verifyScrypt } from './legacy-scrypt';

/**
 * Argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane (about 30 ms here).
 * The parameters travel in the PHC string, so raising them later upgrades hashes on sign-in.
 */
const COST = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
/** A stored hash asking for more memory than this (KiB) is refused rather than computed. */
const MAX_MEMORY_COST = 256 * 1024;
const ARGON2ID = '$argon2id$';

/** The native hasher, loaded on first use: a process that never hashes a password does not carry it. */
let argon2: Promise<typeof Argon2> | null = null;
const hasher = () => (argon2 ??= import('@node-rs/argon2'));

/** The costs a PHC string `$argon2id$v=19$m=…,t=…,p=…$salt$hash` carries, or null when it carries none. */
function parseCosts(stored: string): { memoryCost: number; timeCost: number; parallelism: number } | null {
  const match = /^\$argon2id\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  return match ? { memoryCost: Number(match[1]), timeCost: Number(match[2]), parallelism: Number(match[3]) } : null;
}

/** The same password typed on different keyboards (composed or decomposed accents) is the same password. */
const normalise = (password: string) => password.normalize('NFKC');

/** Hashes a password with Argon2id, as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  return (await hasher()).hash(normalise(password), COST);
}

/**
 * Whether `password` matches a stored hash: Argon2id, or the legacy scrypt format of users created
 * before it (constant-time comparison; false for a malformed or unknown hash).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isScryptHash(stored)) return verifyScrypt(normalise(password), stored);
  if (!stored.startsWith(ARGON2ID)) return false;
  const costs = parseCosts(stored);
  if (!costs || costs.memoryCost > MAX_MEMORY_COST) return false;
  try {
    return await (await hasher()).verify(stored, normalise(password));
  } catch {
    return false;
  }
}

/** Whether a stored hash is weaker than what `hashPassword` writes today (legacy scrypt, or lower Argon2id costs). */
export function needsRehash(stored: string): boolean {
  const costs = stored.startsWith(ARGON2ID) ? parseCosts(stored) : null;
  return !costs || costs.memoryCost < COST.memoryCost || costs.timeCost < COST.timeCost || costs.parallelism < COST.parallelism;
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a hash that matches nothing: sign-in does the same Argon2id work whether
 * or not the email exists, so its timing does not tell which emails have accounts.
 */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(password, await dummy);
  return false;
}
