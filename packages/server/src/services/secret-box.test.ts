import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssayError } from '@assay/schema';
import { afterAll, describe, expect, it } from 'vitest';
import { sealV1 } from '../../../../tests/support/legacy-seal';
import { SecretBox } from './secret-box';
import { deriveSecretKeys, loadKeyMaterial } from './secret-key';

const PASSPHRASE = 'correct horse battery staple';
const SALT = Buffer.from('0123456789abcdef');
const HEX_KEY = 'ab'.repeat(32);

/** A box from ASSAY_SECRET_KEY text and a salt, as the server builds it. */
const boxFor = async (secretKey: string, salt = SALT) =>
  new SecretBox(await deriveSecretKeys(loadKeyMaterial(secretKey, '/nonexistent'), salt));

/** Flips one bit of the decoded part `index` (1: iv, 2: tag, 3: ciphertext) of a sealed value. */
function tampered(sealed: string, index: number): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[index] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', async () => {
  const box = await boxFor(PASSPHRASE);

  it('seals new values as v2 and opens them; the same value never seals to the same text', () => {
    const sealed = box.seal('tok_live_123');
    expect(sealed).toMatch(/^v2\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('tok_live');
    expect(box.open(sealed)).toBe('tok_live_123');
    expect(box.seal('tok_live_123')).not.toBe(sealed);
    expect(box.open(box.seal(''))).toBe('');
  });

  it('opens v1 values sealed by the old code, from a passphrase and from a raw key', async () => {
    expect(box.open(sealV1(PASSPHRASE, 'from before the upgrade'))).toBe('from before the upgrade');
    const raw = await boxFor(HEX_KEY);
    expect(raw.open(sealV1(Buffer.from(HEX_KEY, 'hex'), 'raw key value'))).toBe('raw key value');
  });

  it('refuses a tampered value with a clear error, whichever part changed', () => {
    const sealed = box.seal('secret');
    for (const index of [1, 2, 3])
      expect(() => box.open(tampered(sealed, index))).toThrow(
        /cannot be opened: it was sealed with another ASSAY_SECRET_KEY \(or the stored value was altered\)/,
      );
    // A truncated tag (GCM would accept a short one unless told its length).
    const parts = sealed.split('.');
    expect(() =>
      box.open(
        [
          parts[0],
          parts[1],
          Buffer.from(parts[2] ?? '', 'base64url')
            .subarray(0, 4)
            .toString('base64url'),
          parts[3],
        ].join('.'),
      ),
    ).toThrow(AssayError);
    // The same ciphertext relabelled as v1 is opened with the legacy key, and fails.
    expect(() => box.open(sealed.replace(/^v2\./, 'v1.'))).toThrow(/cannot be opened/);
    expect(() => box.open(sealed.replace(/^v2\./, 'v9.'))).toThrow(/not a sealed value Assay knows/);
    expect(() => box.open('plaintext')).toThrow(/not a sealed value Assay knows/);
  });

  it('refuses, with an error naming the value, what another key sealed (v1 and v2)', async () => {
    const other = await boxFor('another passphrase entirely');
    const error = (() => {
      try {
        other.open(box.seal('secret'), 'credential "db"');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(AssayError);
    expect(error).toMatchObject({
      code: 'internal',
      retryable: false,
      message: expect.stringMatching(/^credential "db" cannot be opened: it was sealed with another ASSAY_SECRET_KEY/),
    });
    expect(() => other.open(sealV1(PASSPHRASE, 'secret'))).toThrow(/cannot be opened/);
  });
});

describe('SecretBox signatures', async () => {
  const box = await boxFor(HEX_KEY);

  it('verifies its own signature, and nothing else: another message, purpose, key or a cut signature', async () => {
    const signature = box.sign('approval-link', 'abc.123');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(box.verifySignature('approval-link', 'abc.123', signature)).toBe(true);
    expect(box.verifySignature('approval-link', 'abc.124', signature)).toBe(false);
    expect(box.verifySignature('other-purpose', 'abc.123', signature)).toBe(false);
    expect(box.verifySignature('approval-link', 'abc.123', signature.slice(0, -1))).toBe(false);
    expect((await boxFor(HEX_KEY, Buffer.from('another salt....'))).verifySignature('approval-link', 'abc.123', signature)).toBe(false);
  });
});

describe('deriveSecretKeys', () => {
  it('stretches a passphrase with scrypt and the salt: same salt, same key; another salt, another key', async () => {
    const material = loadKeyMaterial(PASSPHRASE, '/nonexistent');
    const first = await deriveSecretKeys(material, SALT);
    expect((await deriveSecretKeys(material, SALT)).current.equals(first.current)).toBe(true);
    expect((await deriveSecretKeys(material, Buffer.from('fedcba9876543210'))).current.equals(first.current)).toBe(false);
    // Not the unsalted SHA-256 of v1, which stays as the legacy key.
    expect(first.current.equals(first.legacy)).toBe(false);
  });

  it('passes a full-entropy key through HKDF (never the raw bytes), keeping the raw key for v1', async () => {
    const keys = await deriveSecretKeys(loadKeyMaterial(HEX_KEY, '/nonexistent'), SALT);
    expect(keys.legacy.toString('hex')).toBe(HEX_KEY);
    expect(keys.current).toHaveLength(32);
    expect(keys.current.equals(keys.legacy)).toBe(false);
  });
});

describe('loadKeyMaterial', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-secret-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads 64 hex characters and base64 of 32 bytes as keys, anything else as a passphrase', () => {
    expect(loadKeyMaterial(HEX_KEY, dir)).toEqual({ kind: 'key', key: Buffer.from(HEX_KEY, 'hex') });
    const base64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadKeyMaterial(base64, dir)).toEqual({ kind: 'key', key: Buffer.alloc(32, 7) });
    expect(loadKeyMaterial(PASSPHRASE, dir)).toEqual({ kind: 'passphrase', passphrase: PASSPHRASE });
  });

  it('generates <dataDir>/secret.key once (32 random bytes, mode 0600) and reads it back', () => {
    const generated = loadKeyMaterial(null, dir);
    const file = path.join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadKeyMaterial(null, dir)).toEqual(generated);
    expect(generated).toEqual({ kind: 'key', key: Buffer.from(readFileSync(file, 'utf8').trim(), 'hex') });
  });

  it('refuses a key file that is not a 32-byte hex key', () => {
    const bad = mkdtempSync(path.join(dir, 'bad-'));
    writeFileSync(path.join(bad, 'secret.key'), 'not a key\n');
    expect(() => loadKeyMaterial(null, bad)).toThrow(/must hold 64 hex characters/);
  });
});
