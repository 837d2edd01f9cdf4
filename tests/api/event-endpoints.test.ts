import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { hashSecret } from '@assay/server';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, startTestServerIn, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';

/** Delivery reaches the test's receiver on 127.0.0.1; retries come 50 ms apart (4 attempts in all). */
const ENV = { ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_BACKOFF_MS: '50,50,50', ASSAY_POLL_MS: '100' };

const echo = (name: string) => ({
  name,
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'double', type: 'transform', with: { expression: 'input.n * 2' } }],
});
const failing = {
  name: 'Always fails',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'boom', type: 'fail', with: { message: 'no luck' } }],
};
const onPath = (p: string) => (r: ReceivedRequest) => r.path === p;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Verifies a received request with the standard library; returns the payload. */
function verified(secret: string, received: ReceivedRequest): { type: string; timestamp: string; data: any } {
  const headers = {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(received.body, headers) as { type: string; timestamp: string; data: any };
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

describe('event endpoints', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  const startRun = async (workflowId: string, n = 1) => {
    const { status, body } = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n } });
    expect(status).toBe(201);
    return body.data.id as string;
  };
  const createEndpoint = async (body: Record<string, unknown>) => {
    const answer = await server.api('POST', '/v1/event-endpoints', body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data as { id: string; secret: string; enabled: boolean };
  };
  const deliveries = async (endpointId: string, query = '') =>
    (await server.api('GET', `/v1/event-endpoints/${endpointId}/deliveries${query}`)).body.data as any[];

  beforeAll(async () => {
    server = await startTestServer(ENV);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('delivers run.completed signed per Standard Webhooks, with the full run record', async () => {
    const workflowId = await createWorkflow(server, echo('Signed'));
    const endpoint = await createEndpoint({ url: `${receiver.url}/signed`, events: ['run.completed'], workflowId, description: 'signed' });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(endpoint.enabled).toBe(true);
    const runId = await startRun(workflowId, 21);

    const [received] = await receiver.waitFor(1, { filter: onPath('/signed') });
    const payload = verified(endpoint.secret, received!);
    expect(payload.type).toBe('run.completed');
    expect(Date.parse(payload.timestamp)).toBeGreaterThan(0);
    const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
    expect(payload.data).toEqual(run);
    expect(payload.data).toMatchObject({ id: runId, status: 'completed', output: 42, steps: [{ id: 'double', status: 'completed' }] });
    expect(received!.headers['user-agent']).toBe('Assay-Webhooks/1');
    expect(received!.headers['content-type']).toBe('application/json');
    // A wrong secret does not verify.
    expect(() => verified(`whsec_${Buffer.alloc(32, 1).toString('base64')}`, received!)).toThrow();

    const [delivery] = await eventually(async () => {
      const list = await deliveries(endpoint.id);
      return list[0]?.status === 'delivered' ? list : undefined;
    });
    expect(delivery).toMatchObject({
      id: received!.headers['webhook-id'],
      endpointId: endpoint.id,
      eventType: 'run.completed',
      runId,
      status: 'delivered',
      attemptCount: 1,
    });
    expect(delivery.attempts).toEqual([expect.objectContaining({ attempt: 1, statusCode: 200, responseExcerpt: 'ok', error: null })]);
    // The secret is shown only at creation.
    expect((await server.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data.secret).toBeUndefined();
  });

  it('retries a receiver that fails three times, then delivers; the four attempts are logged', async () => {
    const workflowId = await createWorkflow(server, echo('Flaky'));
    const endpoint = await createEndpoint({ url: `${receiver.url}/flaky`, events: ['run.completed'], workflowId });
    let calls = 0;
    const previous = receiver.respond;
    receiver.respond = (r, i) =>
      r.path === '/flaky' ? (++calls <= 3 ? { status: 500, body: `down #${calls}` } : { status: 204 }) : previous(r, i);
    try {
      await startRun(workflowId);
      const received = await receiver.waitFor(4, { filter: onPath('/flaky') });
      // The same message every time: receivers dedupe on webhook-id.
      expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
      for (const r of received) expect(verified(endpoint.secret, r).type).toBe('run.completed');

      const delivery = await eventually(async () => {
        const [d] = await deliveries(endpoint.id);
        return d?.status === 'delivered' ? d : undefined;
      });
      expect(delivery.attemptCount).toBe(4);
      expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([500, 500, 500, 204]);
      expect(delivery.attempts[0]).toMatchObject({ attempt: 1, responseExcerpt: 'down #1', error: 'the receiver answered 500' });
      for (const attempt of delivery.attempts) expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
      expect((await deliveries(endpoint.id, '?status=pending')).length).toBe(0);
      const healthy = (await server.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data;
      expect(healthy).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledReason: null });
    } finally {
      receiver.respond = previous;
    }
  });

  it('disables an endpoint whose deliveries keep failing, says why, and resumes after re-enabling; redeliver sends again', async () => {
    const workflowId = await createWorkflow(server, echo('Dead'));
    const endpoint = await createEndpoint({ url: `${receiver.url}/dead`, events: ['run.completed'], workflowId });
    let alive = false;
    const previous = receiver.respond;
    receiver.respond = (r, i) => (r.path === '/dead' ? { status: alive ? 200 : 503 } : previous(r, i));
    try {
      await startRun(workflowId);
      await receiver.waitFor(4, { filter: onPath('/dead') });
      const disabled = await eventually(async () => {
        const e = (await server.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data;
        return e.enabled ? undefined : e;
      });
      expect(disabled.disabledReason).toMatch(/^disabled at \d{4}-.*failed all 4 attempts.*the receiver answered 503/);
      const [failed] = await deliveries(endpoint.id, '?status=failed');
      expect(failed).toMatchObject({ status: 'failed', attemptCount: 4, lastStatusCode: 503 });

      // While disabled, new events are not sent to it, and redelivery is refused.
      await startRun(workflowId);
      await sleep(400);
      expect(receiver.received.filter(onPath('/dead')).length).toBe(4);
      expect((await server.api('POST', `/v1/event-endpoints/${endpoint.id}/deliveries/${failed.id}/redeliver`)).status).toBe(409);

      // Re-enabled and fixed: redelivery sends the failed event again, with the same webhook-id.
      alive = true;
      const enabled = await server.api('PATCH', `/v1/event-endpoints/${endpoint.id}`, { enabled: true });
      expect(enabled.body.data).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
      const redelivered = await server.api('POST', `/v1/event-endpoints/${endpoint.id}/deliveries/${failed.id}/redeliver`);
      expect(redelivered.status).toBe(202);
      expect(redelivered.body.data).toMatchObject({ id: failed.id, status: 'pending' });
      const [again] = await receiver.waitFor(5, { filter: onPath('/dead') }).then((all) => all.slice(4));
      expect(again!.headers['webhook-id']).toBe(failed.id);
      const delivery = await eventually(async () => {
        const [d] = await deliveries(endpoint.id, '?status=delivered');
        return d?.id === failed.id ? d : undefined;
      });
      expect(delivery.attempts.map((a: any) => a.statusCode)).toEqual([503, 503, 503, 503, 200]);
    } finally {
      receiver.respond = previous;
    }
  });

  it('disables an endpoint at once when the receiver answers 410 Gone', async () => {
    const workflowId = await createWorkflow(server, echo('Gone'));
    const endpoint = await createEndpoint({ url: `${receiver.url}/gone`, events: ['run.completed'], workflowId });
    const previous = receiver.respond;
    receiver.respond = (r, i) => (r.path === '/gone' ? { status: 410 } : previous(r, i));
    try {
      await startRun(workflowId);
      await receiver.waitFor(1, { filter: onPath('/gone') });
      const disabled = await eventually(async () => {
        const e = (await server.api('GET', `/v1/event-endpoints/${endpoint.id}`)).body.data;
        return e.enabled ? undefined : e;
      });
      expect(disabled.disabledReason).toMatch(/^disabled at .*410 Gone/);
      await sleep(300);
      expect(receiver.received.filter(onPath('/gone'))).toHaveLength(1);
      expect((await deliveries(endpoint.id))[0]).toMatchObject({ status: 'failed', attemptCount: 1, lastStatusCode: 410 });
    } finally {
      receiver.respond = previous;
    }
  });

  it('redelivers a delivered event on request', async () => {
    const workflowId = await createWorkflow(server, echo('Again'));
    const endpoint = await createEndpoint({ url: `${receiver.url}/again`, events: ['run.completed'], workflowId });
    await startRun(workflowId);
    const [first] = await receiver.waitFor(1, { filter: onPath('/again') });
    const delivery = await eventually(async () => {
      const [d] = await deliveries(endpoint.id);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect((await server.api('POST', `/v1/event-endpoints/${endpoint.id}/deliveries/${delivery.id}/redeliver`)).status).toBe(202);
    const [, second] = await receiver.waitFor(2, { filter: onPath('/again') });
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(verified(endpoint.secret, second!).data).toEqual(verified(endpoint.secret, first!).data);
    const after = await eventually(async () => {
      const [d] = await deliveries(endpoint.id);
      return d?.attempts.length === 2 && d.status === 'delivered' ? d : undefined;
    });
    expect(after.attemptCount).toBe(2);
  });

  it('sends only the event types and the workflow an endpoint asked for', async () => {
    const wanted = await createWorkflow(server, echo('Wanted'));
    const other = await createWorkflow(server, echo('Other'));
    const failingId = await createWorkflow(server, failing);
    const filtered = await createEndpoint({ url: `${receiver.url}/filtered`, events: ['run.completed', 'run.failed'], workflowId: wanted });
    const failures = await createEndpoint({ url: `${receiver.url}/failures`, events: ['run.failed'] });

    const wantedRun = await startRun(wanted);
    await startRun(other);
    const failedRun = await startRun(failingId);
    const [got] = await receiver.waitFor(1, { filter: onPath('/filtered') });
    const [failure] = await receiver.waitFor(1, { filter: onPath('/failures') });
    await sleep(400);
    expect(receiver.received.filter(onPath('/filtered')).length).toBe(1);
    expect(verified(filtered.secret, got!).data.id).toBe(wantedRun);
    expect(receiver.received.filter(onPath('/failures')).length).toBe(1);
    const payload = verified(failures.secret, failure!);
    expect(payload).toMatchObject({
      type: 'run.failed',
      data: { id: failedRun, status: 'failed', error: { message: expect.stringContaining('no luck') } },
    });
  });

  it('manages endpoints: list with cursors, patch, rotate the secret, delete', async () => {
    const created = [];
    for (let i = 0; i < 3; i++)
      created.push(await createEndpoint({ url: `${receiver.url}/listed/${i}`, events: ['batch.completed'], enabled: false }));
    const first = await server.api('GET', '/v1/event-endpoints?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.hasMore).toBe(true);
    expect(first.body.data[0].secret).toBeUndefined();
    const next = await server.api('GET', `/v1/event-endpoints?limit=2&lt=${first.body.nextCursor}`);
    expect(next.body.data[0].id < first.body.data[1].id).toBe(true);

    const target = created[0]!;
    const patched = await server.api('PATCH', `/v1/event-endpoints/${target.id}`, {
      description: 'renamed',
      events: ['run.completed', 'batch.completed'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      description: 'renamed',
      events: ['run.completed', 'batch.completed'],
      enabled: false,
      disabledReason: null,
    });
    const rotated = await server.api('POST', `/v1/event-endpoints/${target.id}/secret/rotate`);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(target.secret);
    expect((await server.api('DELETE', `/v1/event-endpoints/${target.id}`)).status).toBe(200);
    expect((await server.api('GET', `/v1/event-endpoints/${target.id}`)).status).toBe(404);
    expect((await server.api('GET', `/v1/event-endpoints/${target.id}/deliveries`)).status).toBe(404);
  });

  it('answers 400 naming the field for invalid endpoints', async () => {
    const workflowId = await createWorkflow(server, echo('Valid'));
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ url: 'ftp://example.com/hook', events: ['run.completed'] }, 'url'],
      [{ url: 'not a url', events: ['run.completed'] }, 'url'],
      [{ events: ['run.completed'] }, 'url'],
      [{ url: 'https://example.com/hook', events: [] }, 'events'],
      [{ url: 'https://example.com/hook' }, 'events'],
      [{ url: 'https://example.com/hook', events: ['run.started'] }, 'events[0]'],
      [{ url: 'https://example.com/hook', events: ['run.completed', 'run.completed'] }, 'events'],
      [{ url: 'https://example.com/hook', events: ['run.completed'], workflowId: 'abc' }, 'workflowId'],
      [{ url: 'https://example.com/hook', events: ['run.completed'], workflowId: '0123456789abcdef01234567' }, 'workflowId'],
      [{ url: 'https://example.com/hook', events: ['run.completed'], colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of bad) {
      const answer = await server.api('POST', '/v1/event-endpoints', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.body.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(field);
    }
    const endpoint = await createEndpoint({ url: 'https://example.com/hook', events: ['run.completed'], workflowId, enabled: false });
    const patch = await server.api('PATCH', `/v1/event-endpoints/${endpoint.id}`, { events: ['nope'] });
    expect(patch.status).toBe(400);
    expect(patch.body.details[0].path).toBe('events[0]');
    expect((await server.api('GET', `/v1/event-endpoints/${endpoint.id}/deliveries?status=lost`)).status).toBe(400);
    expect((await server.api('POST', '/v1/event-endpoints', '{"url":')).status).toBe(400);
  });

  it('keeps endpoints to their workspace and writes to admin keys', async () => {
    const workflowId = await createWorkflow(server, echo('Mine'));
    const mine = await createEndpoint({ url: `${receiver.url}/mine`, events: ['run.completed'], workflowId, enabled: false });
    const workspace = await server.assay.store.access.createWorkspace('elsewhere');
    const secret = 'elsewhere-workspace-secret-value';
    await server.assay.store.access.createKey({
      workspaceId: workspace.id,
      name: 'other admin',
      clientId: 'elsewhere-client',
      secretHash: hashSecret(secret),
      scope: 'admin',
    });
    const other = { 'x-metal-client-id': 'elsewhere-client', 'x-metal-api-key': secret };
    const asOther = (method: string, p: string, body?: unknown) => request(server.url, method, p, other, body);

    for (const [method, p, body] of [
      ['GET', `/v1/event-endpoints/${mine.id}`],
      ['PATCH', `/v1/event-endpoints/${mine.id}`, { enabled: true }],
      ['DELETE', `/v1/event-endpoints/${mine.id}`],
      ['POST', `/v1/event-endpoints/${mine.id}/secret/rotate`],
      ['GET', `/v1/event-endpoints/${mine.id}/deliveries`],
      ['POST', `/v1/event-endpoints/${mine.id}/deliveries/0123456789abcdef01234567/redeliver`],
    ] as Array<[string, string, unknown?]>) {
      expect((await asOther(method, p, body)).status, `${method} ${p}`).toBe(404);
    }
    expect((await asOther('GET', '/v1/event-endpoints')).body.data).toEqual([]);
    // Another workspace's workflow cannot be the filter.
    expect(
      (await asOther('POST', '/v1/event-endpoints', { url: 'https://example.com/x', events: ['run.completed'], workflowId })).status,
    ).toBe(400);

    const reader = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const asReader = (method: string, p: string, body?: unknown) =>
      request(server.url, method, p, { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret }, body);
    expect((await asReader('GET', `/v1/event-endpoints/${mine.id}`)).status).toBe(200);
    expect((await asReader('GET', `/v1/event-endpoints/${mine.id}/deliveries`)).status).toBe(200);
    expect((await asReader('POST', '/v1/event-endpoints', { url: 'https://example.com/x', events: ['run.completed'] })).status).toBe(403);
    expect((await asReader('PATCH', `/v1/event-endpoints/${mine.id}`, { enabled: true })).status).toBe(403);
  });
});

describe('event delivery across a restart', () => {
  it('loses no delivery when the server stops between attempts', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-delivery-restart-'));
    const receiver = await startWebhookReceiver();
    // The retry comes 1.5 s (±20%) after the first attempt: the server is gone by then.
    const env = { ...ENV, ASSAY_DELIVERY_BACKOFF_MS: '1500,1500' };
    let first: TestServer | null = await startTestServerIn(dataDir, env);
    let second: TestServer | null = null;
    try {
      let calls = 0;
      receiver.respond = () => ({ status: ++calls === 1 ? 500 : 200 });
      const workflowId = await createWorkflow(first, echo('Durable'));
      const endpoint = (
        await first.api('POST', '/v1/event-endpoints', { url: `${receiver.url}/durable`, events: ['run.completed'], workflowId })
      ).body.data;
      await first.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 5 } });
      await receiver.waitFor(1);
      const pending = await eventually(async () => {
        const [d] = (await first!.api('GET', `/v1/event-endpoints/${endpoint.id}/deliveries`)).body.data;
        return d?.attemptCount === 1 ? d : undefined;
      });
      expect(pending.status).toBe('pending');
      expect(Date.parse(pending.nextAttemptAt)).toBeGreaterThan(Date.now());
      await first.close();
      first = null;
      expect(receiver.received).toHaveLength(1);

      second = await startTestServerIn(dataDir, env);
      const [, retried] = await receiver.waitFor(2, { timeoutMs: 10_000 });
      expect(retried!.headers['webhook-id']).toBe(pending.id);
      expect(verified(endpoint.secret, retried!).data).toMatchObject({ status: 'completed', output: 10 });
      const delivered = await eventually(async () => {
        const [d] = (await second!.api('GET', `/v1/event-endpoints/${endpoint.id}/deliveries`)).body.data;
        return d?.status === 'delivered' ? d : undefined;
      });
      expect(delivered.attempts.map((a: any) => a.statusCode)).toEqual([500, 200]);
    } finally {
      await first?.close();
      await second?.close();
      await receiver.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
