import { createHash, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SecretKeys } from './secret-box';

/**
 * What the secret key is made from: a key with full entropy (ASSAY_SECRET_KEY as 64 hex characters
 * or base64 of 32 bytes, or the generated key file), or a passphrase (any other ASSAY_SECRET_KEY),
 * which needs stretching before it can be a key.
 */
export type KeyMaterial = { kind: 'key'; key: Buffer } | { kind: 'passphrase'; passphrase: string };

/**
 * scrypt's cost for a passphrase: OWASP's recommended minimum (N=2^17, r=8, p=1), about 128 MiB
 * and a fraction of a second, spent once per process start.
 */
export const PASSPHRASE_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is below that. */
const SCRYPT_MAXMEM = 256 * 1024 * 1024;
/** HKDF's `info`: keys derived for sealing secrets in envelope v2 and nothing else. */
const HKDF_INFO = 'assay secret-box v2';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

/**
 * Reads the key material: ASSAY_SECRET_KEY when set, else `<dataDir>/secret.key` (32 random bytes
 * as hex, mode 0600), generated on first use.
 */
export function loadKeyMaterial(configured: string | null, dataDir: string): KeyMaterial {
  if (configured) {
    if (/^[0-9a-fA-F]{64}$/.test(configured)) return { kind: 'key', key: Buffer.from(configured, 'hex') };
    const decoded = Buffer.from(configured, 'base64');
    if (decoded.length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(configured)) return { kind: 'key', key: decoded };
    return { kind: 'passphrase', passphrase: configured };
  }
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(text)) throw new Error(`${file} must hold 64 hex characters (a 32-byte key)`);
    return { kind: 'key', key: Buffer.from(text, 'hex') };
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { kind: 'key', key };
}

/**
 * The keys a SecretBox uses, derived with the installation's stored salt. Envelope v2: a passphrase
 * is stretched with scrypt; a full-entropy key goes through HKDF-SHA256 (no stretching needed, but
 * the raw bytes are never used as the AES key, and the `info` keeps this key to this one purpose).
 * Envelope v1 (read only): the raw key, or an unsalted SHA-256 of the passphrase, as before.
 */
export async function deriveSecretKeys(material: KeyMaterial, salt: Buffer): Promise<SecretKeys> {
  if (material.kind === 'key') {
    return { current: Buffer.from(hkdfSync('sha256', material.key, salt, HKDF_INFO, 32)), legacy: material.key };
  }
  return {
    current: await scryptAsync(material.passphrase, salt, 32, { ...PASSPHRASE_SCRYPT, maxmem: SCRYPT_MAXMEM }),
    legacy: createHash('sha256').update(material.passphrase).digest(),
  };
}
