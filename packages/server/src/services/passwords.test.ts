import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords';

/** A hash as Assay wrote them before Argon2id: scrypt N=2^14, r=8, p=1. */
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashes', () => {
  it('are Argon2id at OWASP’s minimum cost (19 MiB, 2 passes, 1 lane), salted', async () => {
    const first = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hashPassword('correct horse battery')).not.toBe(first);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(needsRehash(first)).toBe(false);
  });

  it('treat composed and decomposed accents as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword('cafe\u0301 au lait', stored)).toBe(true);
  });

  it('still verify the legacy scrypt format, which always needs a rehash', async () => {
    const legacy = legacyScrypt('old password');
    expect(await verifyPassword('old password', legacy)).toBe(true);
    expect(await verifyPassword('old passwore', legacy)).toBe(false);
    expect(needsRehash(legacy)).toBe(true);
  });

  it('flag weaker Argon2id costs for a rehash and refuse malformed or absurd hashes', async () => {
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3',
      '$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '$argon2id$garbage',
    ]) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('burn the same kind of work for unknown emails and never match', async () => {
    expect(await burnPasswordCheck('anything')).toBe(false);
  });
});
