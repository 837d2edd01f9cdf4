import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { startTracing } from '@assay/runtime';
import type { Logger } from '@assay/engine';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  status?: { code?: number };
  events?: Array<{ name: string }>;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number } }>;
}

/** Spans a fake OTLP/HTTP collector received (the exporter posts OTLP JSON to /v1/traces). */
function spans(collector: WebhookReceiver): ExportedSpan[] {
  return collector.received
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => (JSON.parse(r.body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: ExportedSpan[] }> }> }).resourceSpans)
    .flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
}
const attribute = (span: ExportedSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

/**
 * With an OTLP endpoint configured, requests, runs and steps are traced, a client's trace context is
 * continued, and `http.request` steps and event deliveries pass theirs on (W3C traceparent).
 */
describe('OpenTelemetry traces', () => {
  let collector: WebhookReceiver;
  let target: WebhookReceiver;
  let server: TestServer;
  const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';

  beforeAll(async () => {
    collector = await startWebhookReceiver();
    target = await startWebhookReceiver();
    server = await startTestServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'assay-test',
      ASSAY_HTTP_ALLOW: '127.0.0.1',
      ASSAY_DELIVERY_BACKOFF_MS: '50',
    });
  });
  afterAll(async () => {
    await server?.close();
    await collector?.close();
    await target?.close();
  });

  it('traces the request, the run and its steps, and passes the step’s context to the called service', async () => {
    const workflowId = await createWorkflow(server, {
      name: 'Traced',
      steps: [
        { id: 'prepare', type: 'transform', with: { expression: '"x"' } },
        { id: 'call', type: 'http.request', needs: ['prepare'], with: { url: `${target.url}/lookup`, method: 'GET' } },
        // Fails once (500, retried), then succeeds: one span per attempt.
        {
          id: 'flaky',
          type: 'http.request',
          needs: ['prepare'],
          with: { url: `${target.url}/flaky`, method: 'GET' },
          retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 10 },
        },
      ],
    });
    let flakyCalls = 0;
    target.respond = (r) => (r.path === '/flaky' && flakyCalls++ === 0 ? { status: 500 } : { status: 200, body: 'ok' });
    const endpoint = await server.api('POST', '/v1/event-endpoints', { url: `${target.url}/events`, events: ['run.completed'] });
    expect(endpoint.status).toBe(201);
    const run = await server.api(
      'POST',
      `/v1/workflows/${workflowId}/runs?wait=10`,
      {},
      { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` },
    );
    expect(run.body.data.status).toBe('completed');

    const [call] = await target.waitFor(1, { filter: (r) => r.path === '/lookup' });
    const traceparent = String(call?.headers.traceparent);
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const [, stepTrace, stepSpan] = traceparent.split('-');
    const [delivery] = await target.waitFor(1, { filter: (r) => r.path === '/events' });
    const deliveryParent = String(delivery?.headers.traceparent);
    expect(deliveryParent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await server.close();
    const all = spans(collector);
    const firstExport = JSON.parse(collector.received.find((r) => r.path === '/v1/traces')?.body ?? '{}') as {
      resourceSpans: Array<{ resource: ExportedSpan }>;
    };
    expect(attribute(firstExport.resourceSpans[0]?.resource as ExportedSpan, 'service.name')?.stringValue).toBe('assay-test');
    // The request continues the client's trace (its parent is the client's span).
    const request = all.find((s) => s.name === 'POST /v1/workflows/:id/runs');
    expect(request?.traceId).toBe(clientTrace);
    expect(request?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(Number(attribute(request as ExportedSpan, 'http.response.status_code')?.intValue)).toBe(201);
    // The run is the root of its own trace; its step attempts are its children.
    const runSpan = all.find((s) => s.name === 'run' && attribute(s, 'assay.run.id')?.stringValue === run.body.data.id);
    expect(runSpan).toBeDefined();
    expect(runSpan?.parentSpanId || undefined).toBeUndefined();
    expect(attribute(runSpan as ExportedSpan, 'assay.run.status')?.stringValue).toBe('completed');
    const steps = all.filter((s) => s.traceId === runSpan?.traceId && s.name.startsWith('step '));
    expect(steps.map((s) => s.name).sort()).toEqual(['step call', 'step flaky', 'step flaky', 'step prepare']);
    expect(steps.every((s) => s.parentSpanId === runSpan?.spanId)).toBe(true);
    expect(steps.map((s) => attribute(s, 'assay.step.id')?.stringValue).sort()).toEqual(['call', 'flaky', 'flaky', 'prepare']);
    const callSpan = steps.find((s) => s.name === 'step call');
    expect(attribute(callSpan as ExportedSpan, 'assay.step.type')?.stringValue).toBe('http.request');
    expect(attribute(steps.find((s) => s.name === 'step prepare') as ExportedSpan, 'assay.step.type')?.stringValue).toBe('transform');
    // The called service got the step span's context.
    expect(callSpan?.traceId).toBe(stepTrace);
    expect(callSpan?.spanId).toBe(stepSpan);
    // The failed attempt is an error with the exception recorded; the retry is not.
    const flaky = steps
      .filter((s) => s.name === 'step flaky')
      .sort((a, b) => Number(attribute(a, 'assay.step.attempt')?.intValue) - Number(attribute(b, 'assay.step.attempt')?.intValue));
    expect(flaky.map((s) => attribute(s, 'assay.step.status')?.stringValue)).toEqual(['pending', 'completed']);
    expect(flaky[0]?.status?.code).toBe(2); // STATUS_CODE_ERROR
    expect(flaky[0]?.events?.map((e) => e.name)).toContain('exception');
    expect(flaky[1]?.status?.code ?? 0).not.toBe(2);
    // The event receiver got the delivery attempt's span context.
    const [, deliveryTrace, deliverySpan] = deliveryParent.split('-');
    const deliverySpans = all.filter((s) => s.name === 'event delivery');
    expect(deliverySpans.some((s) => s.traceId === deliveryTrace && s.spanId === deliverySpan)).toBe(true);
  });

  it('exports nothing and sends no trace context without an endpoint', async () => {
    const exported = collector.received.length;
    const plain = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
    try {
      const workflowId = await createWorkflow(plain, {
        name: 'Untraced',
        steps: [{ id: 'call', type: 'http.request', with: { url: `${target.url}/plain`, method: 'GET' } }],
      });
      expect((await plain.api('POST', `/v1/workflows/${workflowId}/runs?wait=10`, {})).body.data.status).toBe('completed');
      const [call] = await target.waitFor(1, { filter: (r) => r.path === '/plain' });
      expect(call?.headers.traceparent).toBeUndefined();
      expect(call?.headers.tracestate).toBeUndefined();
    } finally {
      await plain.close();
    }
    expect(collector.received.length).toBe(exported);
  });
});

describe('tracing setup', () => {
  const quiet: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => quiet,
  };

  it('registers once per process, and again after the first one shut down', async () => {
    const env = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/v1/traces' };
    const first = startTracing(env, quiet);
    expect(first).not.toBeNull();
    expect(trace.getTracer('t').startSpan('x').isRecording()).toBe(true);
    expect(startTracing(env, quiet)).toBeNull(); // a second server in the process does not trace
    await first?.shutdown();
    expect(trace.getTracer('t').startSpan('x').isRecording()).toBe(false);
    const again = startTracing(env, quiet);
    expect(again).not.toBeNull();
    await again?.shutdown();
  });

  it('is off without an endpoint or when the SDK is disabled, and names a bad endpoint', () => {
    expect(startTracing({}, quiet)).toBeNull();
    expect(startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9', OTEL_SDK_DISABLED: 'true' }, quiet)).toBeNull();
    expect(() => startTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318' }, quiet)).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
