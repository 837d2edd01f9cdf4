import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';
import { privilegedCalls, SCOPE_RANK, seedTargets, TARGET_DEFINITION, type Scope, type Targets } from '../support/privileged-calls';
import { Browser, signedIn } from '../support/session-client';
import { workspaceSnapshot } from '../support/workspace-snapshot';

const OWNER = { email: 'owner@example.com', name: 'Owner', password: 'correct horse battery' };
const PASSWORD = 'a long enough password';
const EVIL_ORIGIN = 'https://evil.example';
const CSRF_REFUSED = 'missing or invalid x-csrf-token';

/**
 * Attacks on browser sessions: changes made with a session cookie but without (or with someone
 * else's) CSRF token, cookies that outlived their session, forged cookies, requests from another
 * site, and signed-in users reaching above their role. What the README promises: an HttpOnly,
 * SameSite=Strict `assay_session` cookie, and every change also carries the session's token in
 * `x-csrf-token`. Each refusal is checked to change nothing.
 */
describe('attacks on browser sessions and CSRF', () => {
  let server: TestServer;
  let targets: Targets;
  let owner: Browser;
  let editor: Browser;
  let viewer: Browser;
  const snapshot = () => workspaceSnapshot(server.url, server.headers);
  const changes = () => privilegedCalls(targets).filter((call) => call.method !== 'GET');

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_CONCURRENCY: '0' });
    owner = new Browser(server.url);
    expect((await owner.call('POST', '/v1/auth/setup', OWNER)).status).toBe(201);
    expect(
      (await server.api('POST', '/v1/users', { email: 'editor@example.com', name: 'Ed', password: PASSWORD, role: 'editor' })).status,
    ).toBe(201);
    targets = await seedTargets(server); // adds viewer@example.com
    editor = await signedIn(server.url, 'editor@example.com', PASSWORD);
    viewer = await signedIn(server.url, 'viewer@example.com', PASSWORD);
  }, 180_000);
  afterAll(() => server.close());

  it('refuses every change made with an admin session cookie but no x-csrf-token (403), and changes nothing', async () => {
    const before = await snapshot();
    for (const { method, path, body } of changes()) {
      const answer = await owner.call(method, path, body, { csrf: null });
      expect(answer.status, `${method} ${path} → ${JSON.stringify(answer.body)}`).toBe(403);
      expect(answer.body.error).toBe(CSRF_REFUSED);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a wrong, empty, altered, other session's or other user's CSRF token, or one sent anywhere but the header", async () => {
    const second = await signedIn(server.url, OWNER.email, OWNER.password);
    const token = owner.csrfToken!;
    const tokens: Array<[string, string]> = [
      ['empty', ''],
      ['a made-up token', 'A'.repeat(43)],
      ['one character less', token.slice(0, -1)],
      ['one character more', `${token}A`],
      ['upper-cased', token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase()],
      ["the same user's other session's token", second.csrfToken!],
      ["another user's token", editor.csrfToken!],
      ['the session cookie itself', owner.cookie!],
    ];
    const before = await snapshot();
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/v1/workflows', TARGET_DEFINITION],
      ['POST', '/v1/keys', { name: 'csrf', scope: 'admin' }],
      ['DELETE', `/v1/users/${targets.user}`],
    ];
    for (const [label, value] of tokens) {
      for (const [method, path, body] of attempts) {
        const answer = await owner.call(method, path, body, { csrf: null, headers: { 'x-csrf-token': value } });
        expect(answer.status, `${label}: ${method} ${path}`).toBe(403);
      }
    }
    // The right token, but in the query string, in a cookie (double-submit style) or a look-alike header.
    const cookie = `assay_session=${owner.cookie}`;
    for (const [label, headers, query] of [
      ['query string', { cookie }, `?x-csrf-token=${token}&csrfToken=${token}`],
      ['cookie', { cookie: `${cookie}; x-csrf-token=${token}; csrfToken=${token}; XSRF-TOKEN=${token}` }, ''],
      ['look-alike header', { cookie, 'x-xsrf-token': token, 'csrf-token': token, 'x-csrftoken': token }, ''],
    ] as const) {
      const answer = await request(server.url, 'POST', `/v1/workflows${query}`, headers, TARGET_DEFINITION);
      expect(answer.status, label).toBe(403);
      expect(answer.body.error, label).toBe(CSRF_REFUSED);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('does not treat a method-override header as a safe method', async () => {
    const before = await snapshot();
    for (const header of ['x-http-method-override', 'x-http-method', 'x-method-override']) {
      const answer = await owner.call(
        'POST',
        '/v1/keys',
        { name: 'override', scope: 'admin' },
        { csrf: null, headers: { [header]: 'GET' } },
      );
      expect(answer.status, header).toBe(403);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('signs out only with the CSRF token, and afterwards the old cookie and token do nothing (401)', async () => {
    const browser = await signedIn(server.url, OWNER.email, OWNER.password);
    const { cookie, csrfToken } = browser;
    // A cross-site sign-out (logout CSRF) is refused and the session lives on.
    expect((await browser.call('POST', '/v1/auth/sign-out', undefined, { csrf: null })).status).toBe(403);
    expect((await browser.call('GET', '/v1/auth/session')).status).toBe(200);
    expect((await browser.call('POST', '/v1/auth/sign-out')).status).toBe(204);
    const before = await snapshot();
    const stale = { cookie: `assay_session=${cookie}`, 'x-csrf-token': csrfToken! };
    expect((await request(server.url, 'GET', '/v1/auth/session', stale)).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/workflows', stale)).status).toBe(401);
    expect((await request(server.url, 'POST', '/v1/workflows', stale, TARGET_DEFINITION)).status).toBe(401);
    expect((await request(server.url, 'POST', '/v1/keys', stale, { name: 'after sign-out', scope: 'admin' })).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses forged, malformed and oversized session cookies with 401, never 5xx', async () => {
    const tokenHash = createHash('sha256').update(owner.cookie!).digest('hex');
    const cookies: Array<[string, string]> = [
      ['a made-up token', `assay_session=${'B'.repeat(43)}`],
      ['the stored hash of a real token', `assay_session=${tokenHash}`],
      ['a real token with a character changed', `assay_session=${owner.cookie!.slice(0, -1)}${owner.cookie!.endsWith('A') ? 'B' : 'A'}`],
      ['SQL', `assay_session=${encodeURIComponent("' OR '1'='1")}`],
      ['empty', 'assay_session='],
      ['4 KB', `assay_session=${'C'.repeat(4096)}`],
      ['another cookie name', `session=${owner.cookie}`],
    ];
    const before = await snapshot();
    for (const [label, cookie] of cookies) {
      const read = await request(server.url, 'GET', '/v1/workflows', { cookie });
      expect(read.status, label).toBe(401);
      const write = await request(server.url, 'POST', '/v1/workflows', { cookie, 'x-csrf-token': owner.csrfToken! }, TARGET_DEFINITION);
      expect(write.status, label).toBe(401);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a viewer's session everything an editor or admin may do (403), with a valid CSRF token", async () => {
    expect(await expectRoleRefused(viewer, 'read')).toBeGreaterThan(30);
  });

  it("refuses an editor's session everything only an admin may do, including promoting itself (403)", async () => {
    expect(await expectRoleRefused(editor, 'edit')).toBeGreaterThan(15);
    const self = (await editor.call('GET', '/v1/auth/session')).body.data.user.id;
    const before = await snapshot();
    expect((await editor.call('PATCH', `/v1/users/${self}`, { role: 'admin' })).status).toBe(403);
    expect((await editor.call('GET', '/v1/auth/session')).body.data.role).toBe('editor');
    expect(await snapshot()).toEqual(before);
  });

  it("takes a demoted admin's rights away from its open session at once", async () => {
    const created = await server.api('POST', '/v1/users', {
      email: 'temp-admin@example.com',
      name: 'Temp',
      password: PASSWORD,
      role: 'admin',
    });
    const temp = await signedIn(server.url, 'temp-admin@example.com', PASSWORD);
    expect((await temp.call('GET', '/v1/keys')).status).toBe(200);
    expect((await server.api('PATCH', `/v1/users/${created.body.data.id}`, { role: 'viewer' })).status).toBe(200);
    const before = await snapshot();
    expect((await temp.call('GET', '/v1/keys')).status).toBe(403);
    expect((await temp.call('POST', '/v1/keys', { name: 'too late', scope: 'admin' })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("does not let an admin's cookie lift a weaker API key sent with it", async () => {
    const key = (await server.api('POST', '/v1/keys', { name: 'weak', scope: 'read' })).body.data;
    const before = await snapshot();
    const headers = {
      'x-metal-client-id': key.clientId,
      'x-metal-api-key': key.secret,
      cookie: `assay_session=${owner.cookie}`,
      'x-csrf-token': owner.csrfToken!,
    };
    expect((await request(server.url, 'POST', '/v1/keys', headers, { name: 'lifted', scope: 'admin' })).status).toBe(403);
    expect((await request(server.url, 'POST', '/v1/workflows', headers, TARGET_DEFINITION)).status).toBe(403);
    // Half a key with the cookie is no key at all.
    const half = { 'x-metal-client-id': key.clientId, cookie: `assay_session=${owner.cookie}`, 'x-csrf-token': owner.csrfToken! };
    expect((await request(server.url, 'POST', '/v1/workflows', half, TARGET_DEFINITION)).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses what another site can make a browser send: form-like posts with the cookie create nothing', async () => {
    const before = await snapshot();
    const body = JSON.stringify(TARGET_DEFINITION);
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json']) {
      const headers = {
        origin: EVIL_ORIGIN,
        referer: `${EVIL_ORIGIN}/page`,
        'sec-fetch-site': 'cross-site',
        'content-type': contentType,
        cookie: `assay_session=${owner.cookie}`,
      };
      for (const path of ['/v1/workflows', '/v1/keys', `/v1/workflows/${targets.workflow}/runs`]) {
        const answer = await request(server.url, 'POST', path, headers, body);
        expect(answer.status, `${contentType} → ${path}`).toBe(403);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets no other site read an answer: no CORS headers, even for the session answer that holds the CSRF token', async () => {
    const cookie = `assay_session=${owner.cookie}`;
    const session = await request(server.url, 'GET', '/v1/auth/session', { cookie, origin: EVIL_ORIGIN });
    expect(session.status).toBe(200);
    const preflight = await request(server.url, 'OPTIONS', '/v1/workflows', {
      origin: EVIL_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'x-csrf-token, content-type',
    });
    expect(preflight.status).toBeLessThan(500);
    const keyed = await request(server.url, 'GET', '/v1/workflows', { ...server.headers, origin: EVIL_ORIGIN });
    for (const answer of [session, preflight, keyed]) {
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    }
    // The cookie itself is out of reach of scripts and of other sites' requests.
    const signIn = await request(
      server.url,
      'POST',
      '/v1/auth/sign-in',
      { origin: EVIL_ORIGIN },
      { email: OWNER.email, password: OWNER.password },
    );
    const setCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('assay_session='));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(signIn.headers.get('access-control-allow-origin')).toBeNull();
  });

  /** Makes every change above the role's scope with a valid CSRF token: each is 403 and changes nothing. */
  async function expectRoleRefused(browser: Browser, scope: Scope): Promise<number> {
    const before = await snapshot();
    const refused = privilegedCalls(targets).filter((call) => SCOPE_RANK[call.needs] > SCOPE_RANK[scope]);
    for (const { method, path, body, needs } of refused) {
      const answer = await browser.call(method, path, body);
      expect(answer.status, `${scope}: ${method} ${path} → ${JSON.stringify(answer.body)}`).toBe(403);
      expect(answer.body.error).toContain(`"${needs}"`);
    }
    expect(await snapshot()).toEqual(before);
    return refused.length;
  }
});
