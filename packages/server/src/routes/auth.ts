import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, Session, SetupBody, SetupNeeded, SignInBody } from '@assay/schema';
import type { Store } from '@assay/store';
import type { Context } from 'hono';
import type { AppEnv, Principal } from '../http/app-env';
import type { SessionAuthenticator } from '../http/authenticate';
import { conflict, data, errors, json } from '../http/openapi';
import { audit } from '../services/audit';
import type { HashingSlots } from '../services/hashing-slots';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from '../services/passwords';
import type { SignInThrottle } from '../services/sign-in-throttle';

const tags = ['Sign-in'];
/** These endpoints take no key: the session cookie (or nothing, for setup and sign-in). */
const noKey: [] = [];
const sessionSecurity = [{ session: [] }];

/** What the sign-in routes use besides the store and sessions. */
export interface AuthRouteDeps {
  store: Store;
  sessions: SessionAuthenticator;
  /** Bounds every password hash of this process. */
  hashing: HashingSlots;
  /** Attempt limits per account and client address, shared by every process. */
  throttle: SignInThrottle;
  /** The client's address (the socket's peer, or what trusted proxies say). */
  clientAddress: (c: Context) => string;
}

/**
 * `/v1/auth/…`: the first user (setup), sign-in, sign-out and the current session. These bypass the
 * API-key middleware: setup and sign-in need no credentials, sign-out and session read the cookie.
 */
export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps) {
  const { store, sessions, hashing, throttle, clientAddress } = deps;

  /** Rehashes a password stored in a weaker format (legacy scrypt) now that sign-in has it; skipped when hashing is busy. */
  async function upgradeHash(userId: string, current: string, password: string): Promise<void> {
    const upgraded = await hashing.run(() => hashPassword(password)).catch(() => null);
    if (upgraded) await store.users.upgradePasswordHash(userId, current, upgraded);
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'assay_session', description: 'Browser session; requests other than GET/HEAD/OPTIONS also need the x-csrf-token header' });

  app.openapi(
    createRoute({ method: 'get', path: '/v1/auth/setup', tags, security: noKey, summary: 'Whether the first user still has to be created', responses: { 200: json(data(SetupNeeded), 'Whether setup is needed') } }),
    async (c) => c.json({ data: { needed: !(await store.users.anyUser()) } }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/setup',
      tags,
      security: noKey,
      summary: 'Create the first user (admin of the default workspace) and sign them in; 409 once any user exists',
      request: { body: { required: true, content: { 'application/json': { schema: SetupBody } } } },
      responses: { 201: json(data(Session), 'Created and signed in (sets the assay_session cookie)'), 400: errors[400], 429: errors[429], ...conflict },
    }),
    async (c) => {
      const body = c.req.valid('json');
      if (await store.users.anyUser()) throw new AssayError('conflict', 'setup is done: a user exists already; sign in instead');
      const workspace = (await store.access.defaultWorkspace()) ?? (await store.access.createWorkspace('default'));
      const created = await store.users.createMember({ workspaceId: workspace.id, email: body.email, name: body.name, passwordHash: await hashing.run(() => hashPassword(body.password)), role: 'admin' }, { onlyIfFirst: true });
      if (typeof created === 'string') throw new AssayError('conflict', 'setup is done: a user exists already; sign in instead');
      const user = { id: created.id, email: created.email, name: created.name };
      const session = await sessions.start(c, { user, workspaceId: created.workspaceId, role: created.role });
      const principal: Principal = { keyId: null, clientId: null, userId: user.id, sessionId: null, actor: `user:${user.id}`, actorName: user.email, workspaceId: created.workspaceId, scope: 'admin' };
      await audit(store, principal, 'user.created', { type: 'user', id: user.id }, { email: user.email, role: created.role, setup: true });
      return c.json({ data: session }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-in',
      tags,
      security: noKey,
      summary: 'Sign in with email and password: sets the assay_session cookie and answers the session (with its CSRF token)',
      request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
      responses: { 200: json(data(Session), 'Signed in'), 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const email = body.email.trim().toLowerCase();
      // Counted (and refused when over a limit) before the user is looked up or any hash is computed.
      const attempt = await throttle.attempt({ email, address: clientAddress(c) });
      const found = await store.users.findByEmail(email);
      let ok: boolean;
      try {
        // The same hashing work whether or not the email exists: the answer's timing tells nothing.
        ok = await hashing.run(() => (found ? verifyPassword(body.password, found.user.passwordHash) : burnPasswordCheck(body.password)));
      } catch (error) {
        await attempt.unchecked();
        throw error;
      }
      if (!ok || !found?.membership) throw new AssayError('unauthorized', 'invalid email or password');
      await attempt.succeeded();
      if (needsRehash(found.user.passwordHash)) await upgradeHash(found.user.id, found.user.passwordHash, body.password);
      const previous = await sessions.current(c);
      if (previous) await sessions.end(c, previous.tokenHash);
      const { user } = found;
      const session = await sessions.start(c, { user: { id: user.id, email: user.email, name: user.name }, ...found.membership });
      return c.json({ data: session }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-out',
      tags,
      security: sessionSecurity,
      summary: 'End the browser session (needs x-csrf-token) and clear its cookie; 204 also when not signed in',
      responses: { 204: { description: 'Signed out' }, 403: errors[403] },
    }),
    async (c) => {
      const found = await sessions.current(c);
      if (found) sessions.requireCsrf(c, found.session);
      await sessions.end(c, found?.tokenHash ?? null);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/auth/session', tags, security: sessionSecurity, summary: 'The signed-in user, their workspace and role, and the CSRF token; 401 when not signed in', responses: { 200: json(data(Session), 'The session'), 401: errors[401] } }),
    async (c) => {
      const found = await sessions.current(c);
      if (!found) throw new AssayError('unauthorized', 'not signed in');
      const { session } = found;
      return c.json({ data: { user: session.user, workspaceId: session.workspaceId, role: session.role, csrfToken: session.csrfToken } }, 200);
    },
  );
}
