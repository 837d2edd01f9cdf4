import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { routePath } from 'hono/route';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

const tracer = trace.getTracer('assay-http');

/**
 * A server span per request (registered only when tracing is on): it continues the caller's trace
 * (a `traceparent` header), so a client's trace includes the run it created, and it is the active
 * span while the request is handled.
 */
export function traceRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const parent = propagation.extract(context.active(), Object.fromEntries(c.req.raw.headers));
    const span = tracer.startSpan(`${c.req.method} ${c.req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path } }, parent);
    try {
      await context.with(trace.setSpan(parent, span), next);
    } finally {
      const route = routePath(c);
      if (route) span.updateName(`${c.req.method} ${route}`).setAttribute('http.route', route);
      span.setAttribute('http.response.status_code', c.res.status);
      if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  };
}
