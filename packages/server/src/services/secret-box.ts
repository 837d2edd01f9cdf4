import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AssayError } from '@assay/schema';

/** The keys a SecretBox holds: `current` seals and opens envelope v2; `legacy` only opens v1. */
export interface SecretKeys {
  current: Buffer;
  legacy: Buffer;
}

/** The envelope new values are sealed in. */
const CURRENT_ENVELOPE = 'v2';
/** The envelope of values sealed before issue 11 (key: raw, or unsalted SHA-256 of a passphrase). */
export const LEGACY_ENVELOPE = 'v1';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals secrets at rest (credentials, event endpoint and callback secrets) with AES-256-GCM. The
 * sealed form is `<version>.<iv>.<tag>.<ciphertext>` (base64url). New values are sealed as `v2`
 * under the salted, derived key; `v1` values (the old key) still open, so data sealed before the
 * upgrade keeps working until it is re-sealed. A value that does not open (another key, or altered)
 * fails with a clear error, never with garbage.
 */
export class SecretBox {
  constructor(private readonly keys: SecretKeys) {
    if (keys.current.length !== 32 || keys.legacy.length !== 32) throw new Error('the secret keys must be 32 bytes');
  }

  /** Seals a value in the current envelope. */
  seal(value: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.current, iv);
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return [CURRENT_ENVELOPE, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.');
  }

  /** Opens a sealed value; `what` names it in the error (e.g. `credential "db"`). */
  open(sealed: string, what = 'a stored secret'): string {
    const [version, iv, tag, ciphertext, ...rest] = sealed.split('.');
    const key = version === CURRENT_ENVELOPE ? this.keys.current : version === LEGACY_ENVELOPE ? this.keys.legacy : null;
    if (key === null || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
      throw new AssayError('internal', `${what} cannot be opened: it is not a sealed value Assay knows`, { retryable: false });
    }
    try {
      // A fixed tag length: GCM would otherwise accept a truncated (forgeable) tag.
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new AssayError(
        'internal',
        `${what} cannot be opened: it was sealed with another ASSAY_SECRET_KEY (or the stored value was altered); start Assay with the key it was sealed with`,
        { cause: error, retryable: false },
      );
    }
  }

  /**
   * An HMAC-SHA256 (base64url) of `message` under a key derived from the current key for `purpose`
   * alone (HKDF), so a signature made for one purpose never verifies for another and the sealing
   * key itself never signs.
   */
  sign(purpose: string, message: string): string {
    return createHmac('sha256', this.signingKey(purpose)).update(message, 'utf8').digest('base64url');
  }

  /** Whether `signature` is `sign(purpose, message)` (compared in constant time). */
  verifySignature(purpose: string, message: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, message), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private readonly signingKeys = new Map<string, Buffer>();

  private signingKey(purpose: string): Buffer {
    let key = this.signingKeys.get(purpose);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.keys.current, Buffer.alloc(0), `assay-signing:${purpose}`, 32));
      this.signingKeys.set(purpose, key);
    }
    return key;
  }

  /** True when `sealed` opens with these keys. */
  opens(sealed: string): boolean {
    try {
      this.open(sealed);
      return true;
    } catch {
      return false;
    }
  }
}
