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
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return null;
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
  if (!url) return null;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME ?? 'assay' }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }), scheduledDelayMillis: 500 })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  // One registration per process: a second server in the same process shares the first's tracer.
  const registered = trace.setGlobalTracerProvider(provider);
  if (!registered) {
    logger.warn({}, 'a tracer provider is already registered in this process; spans go to it');
    void provider.shutdown();
    return null;
  }
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  logger.info({ url }, 'exporting traces');
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
