import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals a value exactly as Assay did before issue 11 (envelope `v1`: AES-256-GCM under the raw key,
 * or under an unsalted SHA-256 of a passphrase), to test that such values still open.
 */
export function sealV1(secretKey: string | Buffer, value: string): string {
  const key = typeof secretKey === 'string' ? createHash('sha256').update(secretKey).digest() : secretKey;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}
