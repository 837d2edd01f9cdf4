import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, Session, SetupBody, SetupNeeded, SignInBody } from '@assay/schema';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import type { SessionAuthenticator } from '../http/authenticate';
import { conflict, data, errors, json, optionalSessionSecurity, publicAccess, sessionSecurity } from '../http/openapi';
import type { AuthService } from '../services/auth-service';

const tags = ['Sign-in'];
const AuthState = z
  .object({
    session: Session.nullable().meta({ description: 'The signed-in session, or null when not signed in (or it expired)' }),
    setupNeeded: z.boolean().meta({ description: 'No user exists yet: the first one is created by `POST /v1/auth/setup`' }),
  })
  .meta({ id: 'AuthState' });

/** What the sign-in routes use: the setup and password checks, and the session cookie. */
export interface AuthRouteDeps {
  auth: AuthService;
  sessions: SessionAuthenticator;
  /** The client's address (the socket's peer, or what trusted proxies say). */
  clientAddress: (c: Context) => string;
}

/**
 * `/v1/auth/…`: the first user (setup), sign-in, sign-out and the current session. These bypass the
 * API-key middleware: setup and sign-in need no credentials, sign-out and session read the cookie.
 */
export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: AuthRouteDeps) {
  const { auth, sessions, clientAddress } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/auth/setup',
      operationId: 'getSetupNeeded',
      tags,
      security: publicAccess,
      summary: 'Whether the first user still has to be created',
      responses: { 200: json(data(SetupNeeded), 'Whether setup is needed') },
    }),
    async (c) => c.json({ data: { needed: await auth.setupNeeded() } }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/setup',
      operationId: 'setUpFirstUser',
      tags,
      security: publicAccess,
      summary: 'Create the first user (admin of the default workspace) and sign them in; 409 once any user exists',
      request: { body: { required: true, content: { 'application/json': { schema: SetupBody } } } },
      responses: {
        201: json(data(Session), 'Created and signed in (sets the assay_session cookie)'),
        400: errors[400],
        429: errors[429],
        ...conflict,
      },
    }),
    async (c) => {
      const member = await auth.setup(c.req.valid('json'));
      const session = await sessions.start(c, member);
      return c.json({ data: session }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-in',
      operationId: 'signIn',
      tags,
      security: publicAccess,
      summary: 'Sign in with email and password: sets the assay_session cookie and answers the session (with its CSRF token)',
      request: { body: { required: true, content: { 'application/json': { schema: SignInBody } } } },
      responses: { 200: json(data(Session), 'Signed in'), 400: errors[400], 401: errors[401], 429: errors[429] },
    }),
    async (c) => {
      const member = await auth.signIn(c.req.valid('json'), clientAddress(c));
      const previous = await sessions.current(c);
      if (previous) await sessions.end(c, previous.tokenHash);
      const session = await sessions.start(c, member);
      return c.json({ data: session }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/auth/sign-out',
      operationId: 'signOut',
      tags,
      security: optionalSessionSecurity,
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

  // The web app's first question. Not being signed in is an answer here, not an error: a browser
  // logs every 4xx in its console, and a signed-out visitor is the normal case for a sign-in page.
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/auth/state',
      operationId: 'getAuthState',
      tags,
      security: optionalSessionSecurity,
      summary: 'The signed-in session (null when not signed in) and whether setup is needed; never 401',
      responses: { 200: json(data(AuthState), 'The session, or null') },
    }),
    async (c) => {
      const found = await sessions.current(c);
      if (!found) return c.json({ data: { session: null, setupNeeded: await auth.setupNeeded() } }, 200);
      const { session } = found;
      const presented = { user: session.user, workspaceId: session.workspaceId, role: session.role, csrfToken: session.csrfToken };
      return c.json({ data: { session: presented, setupNeeded: false } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/auth/session',
      operationId: 'getSession',
      tags,
      security: sessionSecurity,
      summary: 'The signed-in user, their workspace and role, and the CSRF token; 401 when not signed in',
      responses: { 200: json(data(Session), 'The session'), 401: errors[401] },
    }),
    async (c) => {
      const found = await sessions.current(c);
      if (!found) throw new AssayError('unauthorized', 'not signed in');
      const { session } = found;
      return c.json(
        { data: { user: session.user, workspaceId: session.workspaceId, role: session.role, csrfToken: session.csrfToken } },
        200,
      );
    },
  );
}
