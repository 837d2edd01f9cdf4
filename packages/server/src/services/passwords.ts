import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { isScryptHash, verifyScrypt } from './legacy-scrypt';

/**
 * Argon2id at OWASP's recommended minimum: 19 MiB of memory, 2 passes, 1 lane (about 30 ms here).
 * The parameters travel in the PHC string, so raising them later upgrades hashes on sign-in.
 */
const COST = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;
/** A stored hash asking for more memory than this (KiB) is refused rather than computed. */
const MAX_MEMORY_COST = 256 * 1024;
const ARGON2ID = '$argon2id$';

/** The same password typed on different keyboards (composed or decomposed accents) is the same password. */
const normalise = (password: string) => password.normalize('NFKC');

/** Hashes a password with Argon2id, as a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), COST);
}

/**
 * Whether `password` matches a stored hash: Argon2id, or the legacy scrypt format of users created
 * before it (constant-time comparison; false for a malformed or unknown hash).
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isScryptHash(stored)) return verifyScrypt(normalise(password), stored);
  if (!stored.startsWith(ARGON2ID)) return false;
  try {
    if (parseOptions(stored).memoryCost > MAX_MEMORY_COST) return false;
    return await verify(stored, normalise(password));
  } catch {
    return false;
  }
}

/** Whether a stored hash is weaker than what `hashPassword` writes today (legacy scrypt, or lower Argon2id costs). */
export function needsRehash(stored: string): boolean {
  if (!stored.startsWith(ARGON2ID)) return true;
  try {
    const options = parseOptions(stored);
    return options.memoryCost < COST.memoryCost || options.timeCost < COST.timeCost || options.parallelism < COST.parallelism;
  } catch {
    return true;
  }
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
