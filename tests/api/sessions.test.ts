import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';
import { Browser, sessionCookieOf, signedIn } from '../support/session-client';

const OWNER = { email: 'Owner@Example.com', name: 'Owner', password: 'correct horse battery' };
const WORKFLOW = { name: 'By a browser', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] };
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Browser sessions: first-user setup, sign-in, the cookie, CSRF, sign-out, expiry. */
describe('browser sessions', () => {
  let server: TestServer;
  let owner: Browser;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('sets up the first user once: admin of the default workspace, signed in', async () => {
    expect(await request(server.url, 'GET', '/v1/auth/setup', {})).toMatchObject({ status: 200, body: { data: { needed: true } } });
    const anonymous = new Browser(server.url);
    const short = await anonymous.call('POST', '/v1/auth/setup', { ...OWNER, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.details).toEqual([expect.objectContaining({ path: 'password' })]);
    expect((await anonymous.call('POST', '/v1/auth/setup', { ...OWNER, email: 'not an email' })).body.details[0].path).toBe('email');

    owner = new Browser(server.url);
    const setup = await owner.call('POST', '/v1/auth/setup', OWNER);
    expect(setup.status).toBe(201);
    const workspaceId = (await server.api('GET', '/v1/keys/current')).body.data.workspaceId;
    expect(setup.body.data).toEqual({
      user: { id: expect.stringMatching(/^[0-9a-f]{24}$/), email: 'owner@example.com', name: 'Owner' },
      workspaceId,
      role: 'admin',
      csrfToken: expect.any(String),
    });
    const cookie = sessionCookieOf(setup.headers);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.attributes).toContain('HttpOnly');
    expect(cookie?.attributes).toContain('SameSite=Strict');
    expect(cookie?.attributes).toContain('Path=/');
    expect(cookie?.attributes).toContain(`Max-Age=${14 * 24 * 3600}`);
    expect(cookie?.attributes).not.toContain('Secure');
    // Only the token's hash is stored.
    const rows = await server.assay.store.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toEqual([tokenHash(cookie!.value)]);

    expect((await request(server.url, 'GET', '/v1/auth/setup', {})).body.data.needed).toBe(false);
    const again = await new Browser(server.url).call('POST', '/v1/auth/setup', { ...OWNER, email: 'second@example.com' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/sign in/);

    const session = await owner.call('GET', '/v1/auth/session');
    expect(session).toMatchObject({
      status: 200,
      body: { data: { user: setup.body.data.user, workspaceId, role: 'admin', csrfToken: setup.body.data.csrfToken } },
    });
  });

  it('refuses a wrong password and an unknown email alike, and signs in whatever the email case', async () => {
    const wrong = await new Browser(server.url).signIn(OWNER.email, 'not the password');
    const unknown = await new Browser(server.url).signIn('nobody@example.com', OWNER.password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe('invalid email or password');
    expect(unknown.body.error).toBe(wrong.body.error);
    expect(sessionCookieOf(wrong.headers)).toBeUndefined();

    const browser = new Browser(server.url);
    const ok = await browser.signIn('OWNER@example.COM', OWNER.password);
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ user: { email: 'owner@example.com' }, role: 'admin' });
    expect(browser.cookie).toBeDefined();
    expect(ok.body.data.csrfToken).not.toBe(owner.csrfToken);
    // Behind an https proxy the cookie is Secure.
    const secure = await request(
      server.url,
      'POST',
      '/v1/auth/sign-in',
      { 'x-forwarded-proto': 'https' },
      { email: OWNER.email, password: OWNER.password },
    );
    expect(sessionCookieOf(secure.headers)?.attributes).toContain('Secure');
  });

  it('needs the x-csrf-token header on every change made with the cookie', async () => {
    expect((await owner.call('GET', '/v1/workflows')).status).toBe(200);
    const without = await owner.call('POST', '/v1/workflows', WORKFLOW, { csrf: null });
    expect(without.status).toBe(403);
    expect(without.body.error).toBe('missing or invalid x-csrf-token');
    expect((await owner.call('POST', '/v1/workflows', WORKFLOW, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const other = await signedIn(server.url, OWNER.email, OWNER.password);
    expect((await owner.call('POST', '/v1/workflows', WORKFLOW, { csrf: other.csrfToken })).status).toBe(403);
    const created = await owner.call('POST', '/v1/workflows', WORKFLOW);
    expect(created.status).toBe(201);
    expect((await owner.call('GET', `/v1/workflows/${created.body.data.id}/versions`)).body.data[0].createdBy).toBe(
      `user:${(await owner.call('GET', '/v1/auth/session')).body.data.user.id}`,
    );

    // The audit log names the user.
    const log = await server.api('GET', `/v1/audit-log?targetId=${created.body.data.id}`);
    const userId = (await owner.call('GET', '/v1/auth/session')).body.data.user.id;
    expect(log.body.data).toEqual([
      expect.objectContaining({ action: 'workflow.created', actor: `user:${userId}`, actorName: 'owner@example.com' }),
    ]);
  });

  it('keeps API keys working exactly as before, and prefers them over a cookie', async () => {
    expect((await server.api('GET', '/v1/workflows')).status).toBe(200);
    expect((await server.api('POST', '/v1/workflows', WORKFLOW)).status).toBe(201);
    // Key headers win: a cookie alongside them changes nothing (and needs no CSRF token).
    expect((await server.api('POST', '/v1/workflows', WORKFLOW, { cookie: `assay_session=${owner.cookie}` })).status).toBe(201);
    expect((await request(server.url, 'GET', '/v1/workflows', {})).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/workflows', { cookie: 'assay_session=forged' })).status).toBe(401);
    // With a session there is no calling key.
    expect((await owner.call('GET', '/v1/keys/current')).status).toBe(404);
  });

  it('signs out: the cookie is cleared and stops working at once', async () => {
    const browser = await signedIn(server.url, OWNER.email, OWNER.password);
    const cookie = browser.cookie!;
    expect((await browser.call('GET', '/v1/workflows')).status).toBe(200);
    expect((await browser.call('POST', '/v1/auth/sign-out', undefined, { csrf: null })).status).toBe(403);
    const out = await browser.call('POST', '/v1/auth/sign-out');
    expect(out.status).toBe(204);
    expect(sessionCookieOf(out.headers)).toMatchObject({ value: '', attributes: expect.stringContaining('Max-Age=0') });
    const stale = { cookie: `assay_session=${cookie}` };
    expect((await request(server.url, 'GET', '/v1/workflows', stale)).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/auth/session', stale)).status).toBe(401);
    expect(await server.assay.store.db.selectFrom('sessions').select('id').where('token_hash', '=', tokenHash(cookie)).execute()).toEqual(
      [],
    );
    // Signing out without a session is harmless.
    expect((await request(server.url, 'POST', '/v1/auth/sign-out', {})).status).toBe(204);
  });

  it('slides the expiry of a session in use and refuses an expired one', async () => {
    const { db } = server.assay.store;
    const browser = await signedIn(server.url, OWNER.email, OWNER.password);
    const hash = tokenHash(browser.cookie!);
    const now = Date.now();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now - 2 * 3600_000, expires_at: now + 60_000 })
      .where('token_hash', '=', hash)
      .execute();
    const answer = await browser.call('GET', '/v1/auth/session');
    expect(answer.status).toBe(200);
    expect(sessionCookieOf(answer.headers)?.attributes).toContain(`Max-Age=${14 * 24 * 3600}`);
    const row = await db
      .selectFrom('sessions')
      .select(['expires_at', 'last_seen_at'])
      .where('token_hash', '=', hash)
      .executeTakeFirstOrThrow();
    expect(Number(row.expires_at)).toBeGreaterThan(now + 13 * 24 * 3600_000);
    expect(Number(row.last_seen_at)).toBeGreaterThanOrEqual(now);

    const expiring = await signedIn(server.url, OWNER.email, OWNER.password);
    await db
      .updateTable('sessions')
      .set({ expires_at: Date.now() - 1 })
      .where('token_hash', '=', tokenHash(expiring.cookie!))
      .execute();
    expect((await expiring.call('GET', '/v1/workflows')).status).toBe(401);
  });

  it('rate limits failed sign-ins per email and address', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i++) attempts.push(await new Browser(server.url).signIn('owner@example.com', `wrong password ${i}`));
    expect(attempts.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
    expect(attempts[10]?.status).toBe(429);
    expect(Number(attempts[10]?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password waits for the window to pass; another email is not affected.
    expect((await new Browser(server.url).signIn(OWNER.email, OWNER.password)).status).toBe(429);
    expect((await new Browser(server.url).signIn('someone-else@example.com', 'whatever-it-is')).status).toBe(401);
  });
});
