import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes, scryptSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as Argon2 from '@node-rs/argon2';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { request, startTestServer, startTestServerIn, type TestServer } from '../support/assay-server';
import { createTestDatabase, databaseEnv, TEST_DB, type TestDatabase } from '../support/test-database';

/**
 * Every Argon2id verification the servers (in this process) compute goes through here: the tests
 * count them, see how many run at once, and can hold them to fill every hashing slot.
 */
const argon2 = vi.hoisted(() => ({ verifications: 0, inFlight: 0, mostInFlight: 0, hold: null as Promise<void> | null }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof Argon2>();
  return {
    ...real,
    verify: async (...args: Parameters<typeof real.verify>) => {
      argon2.verifications++;
      argon2.inFlight++;
      argon2.mostInFlight = Math.max(argon2.mostInFlight, argon2.inFlight);
      try {
        await argon2.hold;
        return await real.verify(...args);
      } finally {
        argon2.inFlight--;
      }
    },
  };
});

const OWNER = { email: 'owner@example.com', name: 'Owner', password: 'correct horse battery' };
const WINDOW_S = 15 * 60;

function signIn(server: TestServer, email: string, password: string, headers: Record<string, string> = {}) {
  return request(server.url, 'POST', '/v1/auth/sign-in', headers, { email, password });
}

let releaseHeld: (() => void) | null = null;

/** Holds every Argon2id verification until the returned function is called (or the test ends). */
function holdHashing(): () => void {
  let release!: () => void;
  argon2.hold = new Promise<void>((resolve) => (release = resolve));
  releaseHeld = () => {
    argon2.hold = null;
    releaseHeld = null;
    release();
  };
  return releaseHeld;
}

/** Waits for a condition (no time budget but a generous safety net). */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The server's hashing slots as its metrics show them. */
async function hashes(server: TestServer): Promise<{ running: number; waiting: number }> {
  const text = (await request(server.url, 'GET', '/metrics', {})).body as string;
  const gauge = (state: string) => Number(new RegExp(`^assay_password_hashes\\{state="${state}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { running: gauge('running'), waiting: gauge('waiting') };
}

/** Waits until every hashing slot of the server (2 running, 3 waiting) is taken. */
async function untilSaturated(server: TestServer): Promise<void> {
  await until(async () => {
    const { running, waiting } = await hashes(server);
    return running === 2 && waiting === 3;
  }, 'every hashing slot to be taken');
}

function expectThrottled(answer: { status: number; body: { error: string; code: string }; headers: Headers }) {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ error: 'too many failed sign-ins: try again later', code: 'rate_limited' });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
}

beforeEach(() => {
  argon2.verifications = 0;
  argon2.mostInFlight = 0;
});
// A failed test must not leave the next one's hashes held.
afterEach(() => releaseHeld?.());

describe(`sign-in throttling per client address (${TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    expect((await request(server.url, 'POST', '/v1/auth/setup', {}, OWNER)).status).toBe(201);
  });
  afterAll(() => server.close());

  it('stops password spraying: 200 emails from one address get 429 with Retry-After after 30 failures, and refused attempts compute no hash', async () => {
    const statuses: number[] = [];
    let firstRefusal: Awaited<ReturnType<typeof signIn>> | null = null;
    for (let i = 0; i < 200; i++) {
      // Without ASSAY_TRUSTED_PROXIES a client cannot pose as many addresses through X-Forwarded-For.
      const answer = await signIn(server, `user${i}@example.com`, 'Summer2024!', { 'x-forwarded-for': `198.51.100.${i % 250}` });
      statuses.push(answer.status);
      firstRefusal ??= answer.status === 429 ? answer : null;
    }
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(statuses.slice(30)).toEqual(Array(170).fill(429));
    expectThrottled(firstRefusal!);
    // Only the 30 attempts that were let through cost a password hash.
    expect(argon2.verifications).toBe(30);

    // Refused before the email is looked up: a real account answers exactly like an unknown email.
    const real = await signIn(server, OWNER.email, OWNER.password);
    const unknown = await signIn(server, 'nobody@example.com', OWNER.password);
    expectThrottled(real);
    expect(unknown.body).toEqual(real.body);
    expect(argon2.verifications).toBe(30);
  });
});

describe(`sign-in throttling behind trusted proxies, across two API servers on one database (${TEST_DB})`, () => {
  let database: TestDatabase | null = null;
  const dirs: string[] = [];
  const servers: TestServer[] = [];
  beforeAll(async () => {
    if (TEST_DB === 'postgres') database = await createTestDatabase();
    const first = mkdtempSync(path.join(tmpdir(), 'assay-sign-in-'));
    dirs.push(first, mkdtempSync(path.join(tmpdir(), 'assay-sign-in-')));
    // Both servers use one database: PostgreSQL's, or the first server's SQLite file.
    const shared = database ? databaseEnv(database) : { DATABASE_URL: `sqlite:${path.join(first, 'assay.db')}` };
    // Like every process of a cluster, both use the same secret key (each data directory would make its own).
    const env = {
      ...shared,
      ASSAY_SECRET_KEY: '5ec7e7'.repeat(10) + 'abcd',
      ASSAY_TRUSTED_PROXIES: 'loopback',
      ASSAY_SIGN_IN_ADDRESS_LIMIT: '5',
    };
    for (const dir of dirs) servers.push(await startTestServerIn(dir, env));
    expect((await request(servers[0]!.url, 'POST', '/v1/auth/setup', {}, OWNER)).status).toBe(201);
    expect(
      (await servers[0]!.api('POST', '/v1/users', { email: 'ed@example.com', name: 'Ed', password: 'editor password', role: 'editor' }))
        .status,
    ).toBe(201);
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('locks an account after 10 failures from 10 addresses through either server, and only that account', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    for (let i = 0; i < 10; i++) {
      const answer = await signIn(i % 2 === 0 ? a : b, OWNER.email, `guess ${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(answer.status).toBe(401);
    }
    // Even the right password, from a new address, on either server, waits for the window to end.
    for (const server of [a, b]) expectThrottled(await signIn(server, OWNER.email, OWNER.password, { 'x-forwarded-for': '203.0.113.100' }));
    expect((await signIn(b, 'ed@example.com', 'editor password', { 'x-forwarded-for': '203.0.113.100' })).status).toBe(200);
    // An unknown email is locked the same way: the answer tells nothing about which emails exist.
    for (let i = 0; i < 10; i++)
      await signIn(i % 2 === 0 ? a : b, 'ghost@example.com', `guess ${i}`, { 'x-forwarded-for': `203.0.113.${i + 1}` });
    const ghost = await signIn(a, 'ghost@example.com', 'guess', { 'x-forwarded-for': '203.0.113.101' });
    expectThrottled(ghost);
    expect(argon2.verifications).toBe(21);
  });

  it('takes the client address from X-Forwarded-For only as far as trusted proxies added it', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    for (let i = 0; i < 5; i++)
      expect(
        (await signIn(i % 2 === 0 ? a : b, `spray${i}@example.com`, 'Summer2024!', { 'x-forwarded-for': '198.51.100.7' })).status,
      ).toBe(401);
    expectThrottled(await signIn(b, 'spray9@example.com', 'Summer2024!', { 'x-forwarded-for': '198.51.100.7' }));
    // What the client itself put in front of the proxy's entry changes nothing.
    expectThrottled(await signIn(a, 'spray9@example.com', 'Summer2024!', { 'x-forwarded-for': '192.0.2.1, 198.51.100.7' }));
    // Another client behind the same proxy is not affected.
    expect((await signIn(a, 'spray9@example.com', 'Summer2024!', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(401);
    // IPv6 clients are counted by their /64: a host cannot hop through its own prefix.
    for (let i = 1; i <= 5; i++)
      expect((await signIn(a, `v6-${i}@example.com`, 'guess', { 'x-forwarded-for': `2001:db8:7:7::${i}` })).status).toBe(401);
    expectThrottled(await signIn(b, 'v6-9@example.com', 'guess', { 'x-forwarded-for': '2001:db8:7:7:ffff::1' }));
  });

  it('signs in a user whose hash is in the legacy scrypt format and upgrades it to Argon2id', async () => {
    const [a, b] = servers as [TestServer, TestServer];
    const { db } = a.assay.store;
    const salt = randomBytes(16);
    const key = scryptSync('editor password', salt, 32, { N: 16384, r: 8, p: 1 });
    const legacy = ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    await db.updateTable('users').set({ password_hash: legacy }).where('email', '=', 'ed@example.com').execute();
    const storedHash = async () =>
      (await db.selectFrom('users').select('password_hash').where('email', '=', 'ed@example.com').executeTakeFirstOrThrow()).password_hash;

    expect((await signIn(a, 'ed@example.com', 'wrong password', { 'x-forwarded-for': '192.0.2.50' })).status).toBe(401);
    expect(await storedHash()).toBe(legacy);
    expect((await signIn(a, 'ed@example.com', 'editor password', { 'x-forwarded-for': '192.0.2.50' })).status).toBe(200);
    const upgraded = await storedHash();
    expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await signIn(b, 'ed@example.com', 'editor password', { 'x-forwarded-for': '192.0.2.50' })).status).toBe(200);
    expect(await storedHash()).toBe(upgraded);
    expect((await signIn(b, 'ed@example.com', 'wrong password', { 'x-forwarded-for': '192.0.2.50' })).status).toBe(401);
  });
});

describe(`bounded password hashing (${TEST_DB})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      ASSAY_PASSWORD_HASH_CONCURRENCY: '2',
      ASSAY_PASSWORD_HASH_QUEUE: '3',
      ASSAY_SIGN_IN_ACCOUNT_LIMIT: '3',
      ASSAY_SIGN_IN_ADDRESS_LIMIT: '0',
    });
  });
  afterAll(() => server.close());

  it('prunes counters whose window has ended (each process at its first attempt, then at most once a minute)', async () => {
    const { db } = server.assay.store;
    await db
      .insertInto('sign_in_throttle')
      .values({ key: 'address:192.0.2.99', count: 7, window_ends_at: Date.now() - 1 })
      .execute();
    const stale = () => db.selectFrom('sign_in_throttle').select('key').where('key', '=', 'address:192.0.2.99').execute();
    expect(await stale()).toHaveLength(1);
    expect((await signIn(server, 'someone@example.com', 'guess')).status).toBe(401);
    await until(async () => (await stale()).length === 0, 'the ended window to be pruned');
  });

  it('bounds first-user setup by the same hashing slots', async () => {
    const release = holdHashing();
    // Sign-in attempts (no user yet: a dummy check of equal cost) take both slots and the queue.
    const pending = Array.from({ length: 5 }, (_, i) => signIn(server, `early${i}@example.com`, 'guess'));
    await untilSaturated(server);
    const setup = await request(server.url, 'POST', '/v1/auth/setup', {}, OWNER);
    expect(setup.status).toBe(429);
    expect(setup.body).toMatchObject({ code: 'rate_limited', error: 'too many sign-ins at once: try again shortly' });
    expect(setup.headers.get('retry-after')).toBe('1');
    release();
    expect((await Promise.all(pending)).map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
    expect(await hashes(server)).toEqual({ running: 0, waiting: 0 });
    expect((await request(server.url, 'POST', '/v1/auth/setup', {}, OWNER)).status).toBe(201);
  });

  it('runs at most ASSAY_PASSWORD_HASH_CONCURRENCY hashes at once and refuses what the queue cannot hold, at once', async () => {
    const release = holdHashing();
    const answers = Array.from({ length: 10 }, (_, i) => signIn(server, `burst${i}@example.com`, 'guess'));
    const answered: Array<Awaited<(typeof answers)[number]>> = [];
    for (const answer of answers) void answer.then((a) => answered.push(a));
    // Five (two running, three waiting) wait for the held hashes; the other five are refused without waiting.
    await until(() => answered.length === 5, 'five answers');
    for (const refused of answered) {
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
    }
    await untilSaturated(server);
    expect(argon2.inFlight).toBe(2);
    release();
    expect((await Promise.all(answers)).filter((answer) => answer.status === 401)).toHaveLength(5);
    expect(argon2.mostInFlight).toBe(2);
    expect(argon2.verifications).toBe(5);
  });

  it('answers a throttled account with 429 even while every hashing slot is taken', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn(server, OWNER.email, `guess ${i}`)).status).toBe(401);
    const release = holdHashing();
    const pending = Array.from({ length: 5 }, (_, i) => signIn(server, `busy${i}@example.com`, 'guess'));
    await untilSaturated(server);
    const before = argon2.verifications;
    expectThrottled(await signIn(server, OWNER.email, OWNER.password));
    expect(argon2.verifications).toBe(before);
    // Not throttled, the same request would have found no free slot.
    expect((await signIn(server, 'free@example.com', 'guess')).status).toBe(429);
    release();
    expect((await Promise.all(pending)).map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401]);
  });
});
