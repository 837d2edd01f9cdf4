import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type TextMapGetter } from '@opentelemetry/api';
import { routePath } from 'hono/route';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

const tracer = trace.getTracer('assay-http');

/** Reads trace headers straight from the request's Headers (no copy into an object). */
const headerGetter: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * A server span per request (registered only when tracing is on): it continues the caller's trace
 * (a `traceparent` header), so a client's trace includes the request that created a run, and it is
 * the active span while the request is handled. Named `METHOD /route/:pattern` once routed, never by
 * the raw path (ids in paths would make every name unique).
 */
export function traceRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    // From the root: the caller's context or nothing, never whatever happened to be active.
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, headerGetter);
    const span = tracer.startSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'url.path': c.req.path } },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), next);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      throw error;
    } finally {
      const route = routePath(c);
      // A 404 under a wildcard pattern is a middleware's (this one's, `/v1/*`…): no route matched.
      if (route && !(c.res.status === 404 && route.endsWith('*'))) span.updateName(`${method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', c.res.status);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
