import { randomBytes } from 'node:crypto';
import { REQUIRED_SCOPE } from './scope-docs';
import { AssayError, KEY_TOKEN_FORM, parseKeyToken, ROLE_SCOPES, SCOPE_RANK, type KeyScope, type Session } from '@assay/schema';
import type { AccessStore, KeyRecord, MemberRole, SessionRecord, UserStore } from '@assay/store';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv, Principal } from './app-env';
import { requestHeader } from './request-header';
import { hashSecret, secretMatches } from '../services/key-secrets';
import { sameSecret } from '../services/webhook-signature';

const CACHE_TTL_MS = 5000;
const TOUCH_EVERY_MS = 60_000;

/** The browser session cookie: an opaque random token (only its SHA-256 is stored). */
export const SESSION_COOKIE = 'assay_session';
/** Sessions last 14 days after their last use (sliding). */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** A session's expiry is pushed back at most once an hour (one write per hour per active session). */
const SLIDE_EVERY_MS = 60 * 60 * 1000;
/** 32 random bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** Methods that change nothing, so need no CSRF token. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `Authorization: Bearer <token>` (the scheme is case-insensitive, as HTTP says). */
const BEARER = /^bearer\s+(\S*)\s*$/i;

/**
 * The key a request presents: the two headers when either is there, else an `Authorization: Bearer`
 * token (401 when it is not of the key's form); null when it presents none (another Authorization
 * scheme is not Assay's, so it is left alone).
 */
function presentedKey(c: Context): { clientId: string | undefined; secret: string | undefined } | null {
  const clientId = requestHeader(c, 'x-metal-client-id');
  const secret = requestHeader(c, 'x-metal-api-key');
  if (clientId !== undefined || secret !== undefined) return { clientId, secret };
  const authorization = requestHeader(c, 'authorization');
  if (authorization === undefined || !/^bearer(\s|$)/i.test(authorization)) return null;
  const parsed = parseKeyToken(BEARER.exec(authorization)?.[1] ?? '');
  if (!parsed) throw new AssayError('unauthorized', `Authorization must be "Bearer ${KEY_TOKEN_FORM}"`);
  return parsed;
}

/**
 * Resolves an API key — `x-metal-client-id` + `x-metal-api-key`, or the same as one
 * `Authorization: Bearer <client id>:<secret>` token — to a principal. Key records are cached for a
 * few seconds (revocations in this process apply at once through `forget`); the secret is checked
 * against the stored hash in constant time on every request. Without a key, the browser session
 * cookie is tried (see SessionAuthenticator): a key a request presents wins over its cookie.
 */
export class KeyAuthenticator {
  private readonly cache = new Map<string, { key: KeyRecord | null; at: number }>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly access: AccessStore,
    private readonly sessions: SessionAuthenticator | null = null,
  ) {}

  middleware(): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      const presented = presentedKey(c);
      if (presented === null && this.sessions?.hasCookie(c)) {
        c.set('principal', await this.sessions.authenticate(c));
        return next();
      }
      const { clientId, secret } = presented ?? {};
      if (!clientId || !secret)
        throw new AssayError(
          'unauthorized',
          `missing x-metal-client-id or x-metal-api-key header (or Authorization: Bearer ${KEY_TOKEN_FORM})`,
        );
      const key = await this.lookup(clientId);
      if (!key || key.revokedAt !== null || !secretMatches(secret, key.secretHash)) {
        throw new AssayError('unauthorized', 'invalid API key');
      }
      c.set('principal', {
        keyId: key.id,
        clientId: key.clientId,
        userId: null,
        sessionId: null,
        actor: `key:${key.id}`,
        actorName: key.clientId,
        workspaceId: key.workspaceId,
        scope: key.scope,
      });
      this.touch(key.id);
      await next();
    };
  }

  /** Drops a cached key (after it was revoked or replaced). */
  forget(clientId: string): void {
    this.cache.delete(clientId);
  }

  private async lookup(clientId: string): Promise<KeyRecord | null> {
    const now = Date.now();
    const cached = this.cache.get(clientId);
    if (cached && now - cached.at < CACHE_TTL_MS) return cached.key;
    const key = await this.access.findKeyByClientId(clientId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(clientId, { key, at: now });
    return key;
  }

  /** Records last use at most once a minute per key, off the request's path. */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(keyId) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(keyId, now);
    void this.access.touchKey(keyId, now).catch(() => undefined);
  }
}

/** Whether the request came over https (directly, or through a proxy that says so). */
function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

/**
 * Browser sessions: an `assay_session` cookie (HttpOnly, SameSite=Strict) whose token is stored only
 * as its hash; every request that may change something also carries the session's CSRF token in
 * `x-csrf-token`. Sessions are cached for a few seconds like keys; sign-out, a role change and a
 * user's removal apply at once in this process (`forgetToken`, `forgetUser`).
 */
export class SessionAuthenticator {
  private readonly cache = new Map<string, { session: SessionRecord | null; at: number }>();
  private lastPrune = 0;

  constructor(private readonly users: UserStore) {}

  hasCookie(c: Context): boolean {
    return getCookie(c, SESSION_COOKIE) !== undefined;
  }

  /** The session the request's cookie names (null: none, unknown or expired). */
  async current(c: Context): Promise<{ session: SessionRecord; tokenHash: string } | null> {
    const token = getCookie(c, SESSION_COOKIE);
    if (!token || !TOKEN_PATTERN.test(token)) return null;
    const tokenHash = hashSecret(token);
    const session = await this.lookup(tokenHash);
    if (!session) return null;
    await this.slide(c, token, session);
    return { session, tokenHash };
  }

  /** The principal of the request's session: 401 without a valid one, 403 on a change without the CSRF token. */
  async authenticate(c: Context): Promise<Principal> {
    const found = await this.current(c);
    if (!found) {
      this.clearCookie(c);
      throw new AssayError('unauthorized', 'not signed in, or the session expired: sign in again');
    }
    this.requireCsrf(c, found.session);
    return principalOf(found.session);
  }

  /** 403 unless a request that may change something carries the session's CSRF token. */
  requireCsrf(c: Context, session: SessionRecord): void {
    if (SAFE_METHODS.has(c.req.method)) return;
    const presented = c.req.header('x-csrf-token');
    if (!presented || !sameSecret(presented, session.csrfToken)) throw new AssayError('forbidden', 'missing or invalid x-csrf-token');
  }

  /** Starts a session for a member (sign-in, setup): sets the cookie and returns the session's answer. */
  async start(
    c: Context,
    member: { user: { id: string; email: string; name: string }; workspaceId: string; role: MemberRole },
  ): Promise<Session> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.users.createSession({
      tokenHash: hashSecret(token),
      userId: member.user.id,
      workspaceId: member.workspaceId,
      csrfToken,
      expiresAt: now + SESSION_TTL_MS,
    });
    this.setCookie(c, token);
    if (now - this.lastPrune > SLIDE_EVERY_MS) {
      this.lastPrune = now;
      void this.users.pruneExpiredSessions(now).catch(() => undefined);
    }
    return { user: member.user, workspaceId: member.workspaceId, role: member.role, csrfToken };
  }

  /** Ends the request's session (if any) and clears its cookie. */
  async end(c: Context, tokenHash: string | null): Promise<void> {
    if (tokenHash) {
      await this.users.deleteSession(tokenHash);
      this.cache.delete(tokenHash);
    }
    this.clearCookie(c);
  }

  /** Forgets every cached session of a user (removed, role changed, password changed). */
  forgetUser(userId: string): void {
    for (const [tokenHash, entry] of this.cache) if (entry.session?.userId === userId) this.cache.delete(tokenHash);
  }

  private async lookup(tokenHash: string): Promise<SessionRecord | null> {
    const now = Date.now();
    const cached = this.cache.get(tokenHash);
    if (cached && now - cached.at < CACHE_TTL_MS) return cached.session && cached.session.expiresAt > now ? cached.session : null;
    const session = await this.users.findSession(tokenHash, now);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(tokenHash, { session, at: now });
    return session;
  }

  /** Slides the expiry of a session last seen over an hour ago (and renews the cookie's Max-Age). */
  private async slide(c: Context, token: string, session: SessionRecord): Promise<void> {
    const now = Date.now();
    if (now - session.lastSeenAt < SLIDE_EVERY_MS) return;
    session.lastSeenAt = now;
    session.expiresAt = now + SESSION_TTL_MS;
    await this.users.touchSession(session.id, now, session.expiresAt);
    this.setCookie(c, token);
  }

  private setCookie(c: Context, token: string): void {
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure: isHttps(c),
      maxAge: SESSION_TTL_MS / 1000,
    });
  }

  private clearCookie(c: Context): void {
    if (this.hasCookie(c)) deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: isHttps(c) });
  }
}

/** The principal of a signed-in user: the scope of their role in the session's workspace. */
export function principalOf(session: SessionRecord): Principal {
  return {
    keyId: null,
    clientId: null,
    userId: session.userId,
    sessionId: session.id,
    actor: `user:${session.userId}`,
    actorName: session.user.email,
    workspaceId: session.workspaceId,
    scope: ROLE_SCOPES[session.role],
  };
}

/** Refuses the request (403) unless the caller's scope (the key's, or the user's role's) includes `scope`. */
export function requireScope(scope: KeyScope): MiddlewareHandler<AppEnv> {
  const check: MiddlewareHandler<AppEnv> = async (c, next) => {
    const principal = c.get('principal');
    if (SCOPE_RANK[principal.scope] < SCOPE_RANK[scope]) {
      const who = principal.userId ? `your role's scope "${principal.scope}"` : `this API key's scope "${principal.scope}"`;
      throw new AssayError('forbidden', `${who} does not allow this; it needs "${scope}"`);
    }
    await next();
  };
  // The OpenAPI document reads it from here (documentScopes).
  return Object.assign(check, { [REQUIRED_SCOPE]: scope });
}
