import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
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
    server = await startTestServer({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_SERVICE_NAME: 'assay-test', ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_BACKOFF_MS: '50' });
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
      ],
    });
    const endpoint = await server.api('POST', '/v1/event-endpoints', { url: `${target.url}/events`, events: ['run.completed'] });
    expect(endpoint.status).toBe(201);
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=10`, {}, { traceparent: `00-${clientTrace}-00f067aa0ba902b7-01` });
    expect(run.body.data.status).toBe('completed');

    const [call] = await target.waitFor(1, { filter: (r) => r.path === '/lookup' });
    const traceparent = String(call?.headers.traceparent);
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const [, stepTrace, stepSpan] = traceparent.split('-');
    const [delivery] = await target.waitFor(1, { filter: (r) => r.path === '/events' });
    expect(String(delivery?.headers.traceparent)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    await server.close();
    const all = spans(collector);
    const request = all.find((s) => s.name === 'POST /v1/workflows/:id/runs');
    expect(request?.traceId).toBe(clientTrace);
    const runSpan = all.find((s) => s.name === 'run' && attribute(s, 'assay.run.id')?.stringValue === run.body.data.id);
    expect(runSpan).toBeDefined();
    const steps = all.filter((s) => s.traceId === runSpan?.traceId && s.name.startsWith('step '));
    expect(steps.map((s) => s.name).sort()).toEqual(['step call', 'step prepare']);
    expect(steps.every((s) => s.parentSpanId === runSpan?.spanId)).toBe(true);
    const callSpan = steps.find((s) => s.name === 'step call');
    expect(attribute(callSpan as ExportedSpan, 'assay.step.type')?.stringValue).toBe('http.request');
    expect(callSpan?.traceId).toBe(stepTrace);
    expect(callSpan?.spanId).toBe(stepSpan);
    expect(all.some((s) => s.name === 'event delivery')).toBe(true);
  });

  it('exports nothing and sends no trace context without an endpoint', async () => {
    const plain = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
    try {
      const workflowId = await createWorkflow(plain, { name: 'Untraced', steps: [{ id: 'call', type: 'http.request', with: { url: `${target.url}/plain`, method: 'GET' } }] });
      expect((await plain.api('POST', `/v1/workflows/${workflowId}/runs?wait=10`, {})).body.data.status).toBe('completed');
      const [call] = await target.waitFor(1, { filter: (r) => r.path === '/plain' });
      expect(call?.headers.traceparent).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
