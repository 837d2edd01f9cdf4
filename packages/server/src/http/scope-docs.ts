import type { OpenAPIHono } from '@hono/zod-openapi';
import type { KeyScope } from '@assay/schema';
import type { AppEnv } from './app-env';

/** Set on the middleware `requireScope` returns, so the OpenAPI document can say what each operation needs. */
export const REQUIRED_SCOPE = Symbol('requiredScope');

const WHO: Record<KeyScope, string> = {
  read: 'any key or user (`read` scope: viewers and up)',
  run: 'a key with the `run` scope or more (editors and admins)',
  edit: 'a key with the `edit` scope or more (editors and admins)',
  admin: 'a key with the `admin` scope (admins)',
};

interface DocumentedRoute {
  middleware?: unknown;
  security?: unknown;
  description?: string;
  [key: string]: unknown;
}

/**
 * The scope an operation's middleware requires: `requireScope`'s, else `read` for any authenticated
 * one; `none` for a public one (declared `security: []`); null when the route declares nothing.
 */
function requiredScope(route: DocumentedRoute): KeyScope | 'none' | null {
  if (Array.isArray(route.security) && route.security.length === 0) return 'none';
  const middleware = route.middleware === undefined ? [] : Array.isArray(route.middleware) ? route.middleware : [route.middleware];
  for (const handler of middleware) {
    const scope = (handler as { [REQUIRED_SCOPE]?: KeyScope })[REQUIRED_SCOPE];
    if (scope) return scope;
  }
  return route.security ? 'read' : null;
}

/**
 * Makes every operation registered on `app` document the scope it requires (`x-required-scope` and
 * a sentence in its description), read from the `requireScope` middleware the route really runs —
 * so the OpenAPI document cannot disagree with the code about who may call what.
 */
export function documentScopes(app: OpenAPIHono<AppEnv>): void {
  const register = app.openapi.bind(app) as (route: DocumentedRoute, ...rest: unknown[]) => unknown;
  const documented = (route: DocumentedRoute, ...rest: unknown[]) => {
    const scope = requiredScope(route);
    if (!scope) return register(route, ...rest);
    const sentence = scope === 'none' ? 'Needs no credentials.' : `Needs ${WHO[scope]}.`;
    return register(
      { ...route, 'x-required-scope': scope, description: route.description ? `${route.description}\n\n${sentence}` : sentence },
      ...rest,
    );
  };
  (app as unknown as { openapi: typeof documented }).openapi = documented;
}
