import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { Logger } from '@assay/engine';

export interface Tracing {
  /** Exports what is pending and unregisters the global tracer (call after the engine stopped). */
  shutdown(): Promise<void>;
}

/** Where spans go: the standard OpenTelemetry settings, traces endpoint first. */
function tracesUrl(env: Record<string, string | undefined>): string | null {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  const url = traces || (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  if (!url) return null;
  // A mistyped endpoint stops the start with the setting named, like every other setting.
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    const name = traces ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
    throw new Error(`${name} must be an http(s) URL, got "${env[name]}"`);
  }
  return url;
}

/**
 * OpenTelemetry traces, only when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; service name from OTEL_SERVICE_NAME, default `assay`): spans of
 * HTTP requests, runs and steps, exported over OTLP/HTTP, with W3C trace context read from incoming
 * requests and passed on by `http.request` steps and event deliveries. Without an endpoint nothing is
 * registered and the engine's spans are the API's no-ops.
 */
export function startTracing(env: Record<string, string | undefined>, logger: Logger): Tracing | null {
  const url = tracesUrl(env);
  if (!url || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || 'assay' }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: 500 })],
  });
  // The provider is global, one per process: a second server started in the same process (tests)
  // while the first still traces does not trace; the first unregisters everything when it closes.
  if (!trace.setGlobalTracerProvider(provider)) {
    logger.warn({}, 'a tracer provider is already registered in this process; this server does not trace');
    void provider.shutdown();
    return null;
  }
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  logger.info({ endpoint: new URL(url).origin }, 'exporting traces'); // origin only: no credentials in logs
  return {
    async shutdown() {
      await provider.forceFlush().catch((error: unknown) => logger.warn({ err: error }, 'could not export the last spans'));
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
