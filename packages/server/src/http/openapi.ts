import type { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorEnvelope, Id, KEY_TOKEN_FORM } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from './app-env';
import { SAFE_METHODS, SESSION_COOKIE } from './authenticate';

/** `{ data: T }` */
export const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

/** `{ data: T[] }` with the cursor for the next page. */
export const list = <T extends z.ZodType>(schema: T) =>
  z.object({
    data: z.array(schema),
    hasMore: z.boolean().meta({ description: 'More items follow: pass nextCursor as `lt` (or `gt` when ascending)' }),
    nextCursor: z.string().nullable(),
  });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const error = (description: string) => json(ErrorEnvelope, description);

/** The error answers every authenticated endpoint may give. */
export const errors = {
  400: error('Malformed or invalid request; `details` names each offending field'),
  401: error('Missing or invalid credentials (API key, Bearer token or session)'),
  403: error("The API key's scope does not allow this"),
  404: error('Not found in your workspace'),
  429: error('Rate limited; see Retry-After'),
} as const;

export const conflict = { 409: error('Valid, but not allowed in the current state') } as const;

/** The public base URL for links this server hands out: ASSAY_PUBLIC_URL, or the request's origin. */
export function publicBase(requestUrl: string, publicUrl: string | null): string {
  return (publicUrl ?? new URL(requestUrl).origin).replace(/\/$/, '');
}

/** Path parameter `{id}`. */
export const IdParam = z.object({ id: Id.meta({ param: { name: 'id', in: 'path' } }) });

/** One OpenAPI security requirement: the schemes (of SECURITY_SCHEMES) that must all be present. */
type Requirement = Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>;

/**
 * How a caller proves who it is (`KeyAuthenticator`): an API key as two headers or as one Bearer
 * token, or a browser session, whose writes also carry its CSRF token.
 */
export const SECURITY_SCHEMES = {
  clientId: {
    type: 'apiKey',
    in: 'header',
    name: 'x-metal-client-id',
    description: "An API key's public client id, sent with its secret in x-metal-api-key",
  },
  apiKey: { type: 'apiKey', in: 'header', name: 'x-metal-api-key', description: "The API key's secret, sent with x-metal-client-id" },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: KEY_TOKEN_FORM,
    description: `An API key as one token, \`Authorization: Bearer ${KEY_TOKEN_FORM}\` (POST /v1/keys answers it as \`token\`)`,
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'A browser session (set by POST /v1/auth/sign-in); requests other than GET, HEAD and OPTIONS also need x-csrf-token',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description:
      "The session's CSRF token (`csrfToken` in its answer): with the session cookie, on every request that may change something",
  },
} as const;

/** `/v1` endpoints: an API key (two headers, or one Bearer token) or a browser session. */
export const security: Requirement[] = [{ clientId: [], apiKey: [] }, { bearer: [] }, { session: [] }];
/** Endpoints that read the browser session themselves (no API key). */
export const sessionSecurity: Requirement[] = [{ session: [] }];
/** Endpoints that read the session when there is one and answer without it too. */
export const optionalSessionSecurity: Requirement[] = [{ session: [] }, {}];
/** Endpoints anyone may call: webhooks (signed), approval links (the token is the right), sign-in, health. */
export const publicAccess: Requirement[] = [];

/** What `/v1/openapi.json` says about itself; `servers` is ASSAY_PUBLIC_URL, else the origin it was asked on. */
export function documentConfig(requestUrl: string, options: { version: string; publicUrl: string | null }) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Assay API',
      version: options.version,
      description: `Run and monitor Assay workflows. Every /v1 request that is not public carries an API key (x-metal-client-id and x-metal-api-key, or \`Authorization: Bearer ${KEY_TOKEN_FORM}\`) or a browser session.`,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: publicBase(requestUrl, options.publicUrl), description: 'This Assay server' }],
  };
}

interface DeclaredRoute {
  method: string;
  path: string;
  security?: Requirement[];
  description?: string;
  [key: string]: unknown;
}

/**
 * Declares the security schemes and completes each operation's declared security: a session's
 * alternative on a method that may change something gains the CSRF header, as `SessionAuthenticator`
 * demands it. (`documentScopes` says a public operation, `security: []`, needs no credentials.) A
 * missing or repeated `operationId` and undeclared security are not refused here (a route another
 * change adds must not stop the server): tests/api/openapi.test.ts finds them.
 */
export function documentSecurity(app: OpenAPIHono<AppEnv>): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  const register = app.openapi.bind(app) as (route: DeclaredRoute, ...rest: unknown[]) => unknown;
  const declared = (route: DeclaredRoute, ...rest: unknown[]) => {
    if (!route.security?.length || SAFE_METHODS.has(route.method.toUpperCase())) return register(route, ...rest);
    return register({ ...route, security: route.security.map((r) => (r.session ? { ...r, csrfToken: [] } : r)) }, ...rest);
  };
  (app as unknown as { openapi: typeof declared }).openapi = declared;
}

/**
 * A list answer from one row more than the page holds (`limit + 1` were asked for): whether more
 * follows is then known, not guessed from a full page.
 */
export function page<T extends { id: string }>(items: T[], limit: number): { data: T[]; hasMore: boolean; nextCursor: string | null } {
  const hasMore = items.length > limit;
  const data = hasMore ? items.slice(0, limit) : items;
  return { data, hasMore, nextCursor: hasMore ? (data[data.length - 1]?.id ?? null) : null };
}

/** The query to send to the store for a page: one row more than the page, to know if more follow. */
export function peek<Q extends { limit: number }>(query: Q): Q {
  return { ...query, limit: query.limit + 1 };
}
