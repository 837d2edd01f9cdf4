import { performance } from 'node:perf_hooks';
import type { Logger } from '@assay/engine';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Histogram, type Registry } from 'prom-client';
import type { AppEnv } from './app-env';

/** The route label of a request no route matched (a 404 outside every route). */
export const UNMATCHED_ROUTE = 'unmatched';

type Observe = (seconds: number) => void;

/**
 * Measures and logs every request: `assay_http_request_duration_seconds` by method, route and status,
 * and one `request` log line (method, route, status, durationMs, requestId, workspaceId). The route is
 * the matched pattern (`/v1/workflow-runs/{id}`), never the raw path: label values stay a bounded set,
 * and the log never holds what a path carries (approval link tokens, webhook slugs) or its query.
 * On the hot path: per request, one clock read each side, one array of matched routes (Hono's), and
 * the one log call; the pattern's label and the histogram's child are looked up, not rebuilt.
 */
export function observeRequests(registry: Registry, logger: Logger): MiddlewareHandler<AppEnv> {
  const durations = new Histogram({
    name: 'assay_http_request_duration_seconds',
    help: 'HTTP request time to the response (its headers, for streams), by method, route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  // route label → method → status → the histogram's child for those labels.
  const children = new Map<string, Map<string, Map<number, Observe>>>();
  const observer = (method: string, route: string, status: number): Observe => {
    let byMethod = children.get(route);
    if (!byMethod) children.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let observe = byStatus.get(status);
    if (!observe) {
      const child = durations.labels({ method, route, status });
      byStatus.set(status, (observe = (seconds) => child.observe(seconds)));
    }
    return observe;
  };

  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - started;
      const { method } = c.req;
      const { status } = c.res;
      const route = routeLabel(c, status);
      observer(knownMethod(method), route, status)(ms / 1000);
      logger.info(
        {
          method,
          route,
          status,
          durationMs: Math.round(ms * 100) / 100,
          requestId: c.get('requestId'),
          workspaceId: c.get('principal')?.workspaceId,
        },
        'request',
      );
    }
  };
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Any method string reaches the server: the label keeps the standard ones and folds the rest. */
function knownMethod(method: string): string {
  return METHODS.has(method) ? method : 'OTHER';
}

/** Hono's patterns (`:id`, `:id{regex}`) in the OpenAPI document's spelling (`{id}`), computed once each. */
const labels = new Map<string, string>();
function patternLabel(path: string): string {
  let label = labels.get(path);
  if (label === undefined) {
    label = path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');
    if (!label.startsWith('/')) label = `/${label}`;
    labels.set(path, label);
  }
  return label;
}

/**
 * The route a request was for. The handler that answered is the route, unless it was a wildcard
 * middleware (`*`, `/v1/*`): then the first exact route after it (the endpoint a 401, 413 or 429 was
 * refused at); a wildcard that served the response itself (the web app's pages) is its own label;
 * a 404 from a wildcard means no route matched.
 */
function routeLabel(c: Context<AppEnv>, status: number): string {
  const routes = matchedRoutes(c);
  const index = c.req.routeIndex;
  const answered = routes[index];
  if (!answered) return UNMATCHED_ROUTE;
  if (!answered.path.includes('*')) return patternLabel(answered.path);
  for (let i = index + 1; i < routes.length; i++) {
    const path = routes[i]!.path;
    if (!path.includes('*')) return patternLabel(path);
  }
  return status === 404 ? UNMATCHED_ROUTE : patternLabel(answered.path);
}
