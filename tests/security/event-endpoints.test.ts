import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, startTestServerIn, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Issue 11, item 8: every URL a user gives Assay to call later (an event endpoint's `url`, a run's
 * or a trigger's `callbackUrl`) is checked by the outbound guard's rule when it is given (400 naming
 * the field), and a delivery the guard refuses when sending fails at once, not on every backoff step.
 */
const REFUSED: Array<[url: string, reason: string]> = [
  ['http://127.0.0.1:9/hook', '127.0.0.1 is not a public address (loopback)'],
  ['http://localhost:9/hook', 'localhost is a loopback name'],
  ['http://api.localhost/hook', 'api.localhost is a loopback name'],
  ['http://[::1]:9/hook', '::1 is not a public address (loopback)'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is not a public address (linkLocal)'],
  ['http://10.0.0.1/hook', '10.0.0.1 is not a public address (private)'],
  ['http://198.18.0.1/hook', '198.18.0.1 is not a public address (reserved)'],
  ['http://[2002:7f00:1::]/hook', '2002:7f00:1:: is not a public address (6to4 wrapping 127.0.0.1, loopback)'],
];
const RULE = 'Assay calls only public (globally routable unicast) addresses unless ASSAY_HTTP_ALLOW allows the host';
/** A name that never resolves (RFC 6761): accepted when given, and never reached. */
const UNRESOLVABLE = 'https://hooks.example.invalid/assay';
const echo = {
  name: 'Echo',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
};

function expectRefused(answer: { status: number; body: any }, field: string, reason: string): void {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.code).toBe('invalid_input');
  expect(answer.body.details).toEqual([{ path: field, message: `refused by the outbound guard: ${reason}; ${RULE}` }]);
  expect(answer.body.error).toBe(`${field}: refused by the outbound guard: ${reason}; ${RULE}`);
}

/** Polls until `check` returns a value (not undefined); fails when nothing came for a long time. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('URLs Assay calls later are checked when given', () => {
  let server: TestServer;
  let workflowId: string;
  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, echo);
  });
  afterAll(() => server?.close());

  it.each(REFUSED)('POST /v1/event-endpoints refuses %s with 400 naming url', async (url, reason) => {
    expectRefused(await server.api('POST', '/v1/event-endpoints', { url, events: ['run.completed'] }), 'url', reason);
  });

  it('creates no endpoint for a refused URL; a name that does not resolve (yet) is accepted, since every send is checked', async () => {
    const created = await server.api('POST', '/v1/event-endpoints', { url: UNRESOLVABLE, events: ['run.completed'] });
    expect(created.status).toBe(201);
    const listed = (await server.api('GET', '/v1/event-endpoints')).body.data as Array<{ url: string }>;
    expect(listed.map((e) => e.url)).toEqual([UNRESOLVABLE]);
  });

  it('PATCH /v1/event-endpoints/{id} refuses a refused URL and leaves the endpoint as it was', async () => {
    const endpoint = (await server.api('POST', '/v1/event-endpoints', { url: UNRESOLVABLE, events: ['run.completed'] })).body.data;
    for (const [url, reason] of REFUSED)
      expectRefused(await server.api('PATCH', `/v1/event-endpoints/${endpoint.id}`, { url }), 'url', reason);
    expect((await server.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data.url).toBe(UNRESOLVABLE);
    expect((await server.api('PATCH', `/v1/event-endpoints/${endpoint.id}`, { description: 'still fine', enabled: true })).status).toBe(
      200,
    );
  });

  it.each(REFUSED)('POST /v1/workflows/{id}/runs refuses callbackUrl %s and creates no run', async (url, reason) => {
    expectRefused(
      await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 1 }, callbackUrl: url }),
      'callbackUrl',
      reason,
    );
    expect((await server.api('GET', `/v1/workflows/${workflowId}/runs`)).body.data).toEqual([]);
  });

  it.each(REFUSED)('PUT /v1/workflows/{id}/trigger refuses callbackUrl %s and configures nothing', async (url, reason) => {
    const triggered = await createWorkflow(server, echo);
    expectRefused(
      await server.api('PUT', `/v1/workflows/${triggered}/trigger`, { verification: 'none', callbackUrl: url }),
      'callbackUrl',
      reason,
    );
    expect((await server.api('GET', `/v1/workflows/${triggered}/trigger`)).status).toBe(404);
    expect(
      (await server.api('PUT', `/v1/workflows/${triggered}/trigger`, { verification: 'none', callbackUrl: UNRESOLVABLE })).status,
    ).toBe(200);
    expectRefused(
      await server.api('PUT', `/v1/workflows/${triggered}/trigger`, { verification: 'none', callbackUrl: url }),
      'callbackUrl',
      reason,
    );
    expect((await server.api('GET', `/v1/workflows/${triggered}/trigger`)).body.data.callbackUrl).toBe(UNRESOLVABLE);
  });

  it('accepts what ASSAY_HTTP_ALLOW allows', async () => {
    const allowing = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1,localhost' });
    try {
      const wf = await createWorkflow(allowing, echo);
      expect(
        (await allowing.api('POST', '/v1/event-endpoints', { url: 'http://127.0.0.1:9/hook', events: ['run.completed'] })).status,
      ).toBe(201);
      expect(
        (await allowing.api('POST', `/v1/workflows/${wf}/runs`, { input: { n: 1 }, callbackUrl: 'http://localhost:9/hook' })).status,
      ).toBe(201);
      expect((await allowing.api('PUT', `/v1/workflows/${wf}/trigger`, { callbackUrl: 'http://127.0.0.1:9/hook' })).status).toBe(200);
      // Only those hosts: the rest is still refused.
      expectRefused(
        await allowing.api('POST', '/v1/event-endpoints', { url: 'http://10.0.0.1/hook', events: ['run.completed'] }),
        'url',
        '10.0.0.1 is not a public address (private)',
      );
    } finally {
      await allowing.close();
    }
  });
});

describe('a delivery the guard refuses when sending', () => {
  let receiver: WebhookReceiver;
  let dataDir: string;
  let second: TestServer | null = null;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    dataDir = mkdtempSync(path.join(tmpdir(), 'assay-refused-delivery-'));
  });
  afterAll(async () => {
    await second?.close();
    await receiver?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fails at once, not retryable, with the reason in the delivery log; the endpoint is disabled and its URL must be fixed to re-enable it', async () => {
    // Registered while ASSAY_HTTP_ALLOW allowed the receiver (as DNS may point a name elsewhere later).
    const first = await startTestServerIn(dataDir, { ASSAY_HTTP_ALLOW: '127.0.0.1' });
    const workflowId = await createWorkflow(first, echo);
    const endpoint = (
      await first.api('POST', '/v1/event-endpoints', { url: `${receiver.url}/endpoint`, events: ['run.completed'], workflowId })
    ).body.data;
    const trigger = (
      await first.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'none', callbackUrl: `${receiver.url}/callback` })
    ).body.data;
    expect(endpoint.id).toBeDefined();
    await first.close();

    // Without it, every retry would be refused too: a long schedule shows whether one was planned.
    second = await startTestServerIn(dataDir, { ASSAY_DELIVERY_BACKOFF_MS: '600000,600000', ASSAY_POLL_MS: '100' });
    const started = await request(
      second.url,
      'POST',
      `/webhooks/workflows/${trigger.slug}`,
      { 'content-type': 'application/json' },
      { n: 2 },
    );
    expect(started.status).toBe(202);
    const runId = started.body.data.id;

    const reason = `outbound request to 127.0.0.1 refused: 127.0.0.1 is not a public address (loopback); allow it with ASSAY_HTTP_ALLOW`;
    const delivery = await eventually(async () => {
      const [first] = (await second!.api('GET', `/v1/event-endpoints/${endpoint.id}/deliveries`)).body.data as any[];
      return first?.attemptCount >= 1 ? first : undefined;
    });
    expect(delivery).toMatchObject({
      status: 'failed',
      attemptCount: 1,
      nextAttemptAt: null,
      lastStatusCode: null,
      lastError: reason,
      runId,
    });
    expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: null, error: reason })]);
    const disabled = (await second.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data;
    expect(disabled.enabled).toBe(false);
    expect(disabled.disabledReason).toContain(reason);
    expectRefused(
      await second.api('PATCH', `/v1/event-endpoints/${endpoint.id}`, { enabled: true }),
      'url',
      '127.0.0.1 is not a public address (loopback)',
    );

    const [callback] = await eventually(async () => {
      const found = await second!.assay.store.deliveries.forRunCallbacks(runId);
      return found[0] && found[0].attempts >= 1 ? found : undefined;
    });
    expect(callback).toMatchObject({ status: 'failed', attempts: 1, dueAt: null, lastError: reason });
    expect(receiver.received).toEqual([]);
  });
});
