import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { startWebhookReceiver, type ReceivedRequest, type WebhookReceiver } from '../support/webhook-receiver';

const definition = {
  name: 'Called back',
  inputs: { n: { type: 'number' } },
  steps: [{ id: 'triple', type: 'transform', with: { expression: 'input.n * 3' } }],
};
const onPath = (p: string) => (r: ReceivedRequest) => r.path === p;

function verified(secret: string, received: ReceivedRequest): { type: string; timestamp: string; data: any } {
  const headers = {
    'webhook-id': String(received.headers['webhook-id']),
    'webhook-timestamp': String(received.headers['webhook-timestamp']),
    'webhook-signature': String(received.headers['webhook-signature']),
  };
  return new Webhook(secret).verify(received.body, headers) as { type: string; timestamp: string; data: any };
}

describe('run callbacks (callbackUrl)', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1', ASSAY_DELIVERY_BACKOFF_MS: '50,50,50', ASSAY_POLL_MS: '100' });
    receiver = await startWebhookReceiver();
    workflowId = await createWorkflow(server, definition);
  });
  afterAll(async () => {
    await server.close();
    await receiver.close();
  });

  it('POSTs the final run record, signed with the workspace callback secret, to a run created through the API', async () => {
    const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, {
      input: { n: 4 },
      callbackUrl: `${receiver.url}/api-run`,
    });
    expect(created.status).toBe(201);
    const runId = created.body.data.id;
    const [received] = await receiver.waitFor(1, { filter: onPath('/api-run') });

    const secretAnswer = await server.api('GET', '/v1/callbacks/secret');
    expect(secretAnswer.status).toBe(200);
    const secret = secretAnswer.body.data.secret;
    expect(secret).toMatch(/^whsec_/);
    const payload = verified(secret, received!);
    expect(payload.type).toBe('run.completed');
    const run = await waitForRun(server, runId);
    expect(payload.data).toEqual(run);
    expect(payload.data).toMatchObject({ id: runId, status: 'completed', output: 12, trigger: 'api' });
    expect(received!.headers['user-agent']).toBe('Assay-Webhooks/1');
    // Read keys cannot read the secret.
    const reader = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    expect(
      (await request(server.url, 'GET', '/v1/callbacks/secret', { 'x-metal-client-id': reader.clientId, 'x-metal-api-key': reader.secret }))
        .status,
    ).toBe(403);
  });

  it('signs callbacks with the new secret after a rotation, and reports failed runs too', async () => {
    const before = (await server.api('GET', '/v1/callbacks/secret')).body.data.secret;
    const rotated = await server.api('POST', '/v1/callbacks/secret/rotate');
    expect(rotated.status).toBe(200);
    const secret = rotated.body.data.secret;
    expect(secret).not.toBe(before);
    expect((await server.api('GET', '/v1/callbacks/secret')).body.data.secret).toBe(secret);

    const failing = await createWorkflow(server, {
      name: 'Fails',
      steps: [{ id: 'boom', type: 'fail', with: { message: 'broken on purpose' } }],
    });
    const runId = (await server.api('POST', `/v1/workflows/${failing}/runs`, { callbackUrl: `${receiver.url}/failed-run` })).body.data.id;
    const [received] = await receiver.waitFor(1, { filter: onPath('/failed-run') });
    const payload = verified(secret, received!);
    expect(payload).toMatchObject({
      type: 'run.failed',
      data: { id: runId, status: 'failed', error: { message: expect.stringContaining('broken on purpose') } },
    });
    expect(() => verified(before, received!)).toThrow();
  });

  it('retries a callback the receiver refused', async () => {
    let calls = 0;
    const previous = receiver.respond;
    receiver.respond = (r, i) => (r.path === '/flaky-callback' ? { status: ++calls === 1 ? 502 : 200 } : previous(r, i));
    try {
      await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { n: 1 }, callbackUrl: `${receiver.url}/flaky-callback` });
      const received = await receiver.waitFor(2, { filter: onPath('/flaky-callback') });
      expect(received[0]!.headers['webhook-id']).toBe(received[1]!.headers['webhook-id']);
    } finally {
      receiver.respond = previous;
    }
  });

  it("POSTs the final run to a webhook trigger's callbackUrl, signed with the trigger secret", async () => {
    const triggered = await createWorkflow(server, { ...definition, name: 'Triggered' });
    const trigger = await server.api('PUT', `/v1/workflows/${triggered}/trigger`, {
      verification: 'none',
      callbackUrl: `${receiver.url}/trigger-callback`,
    });
    expect(trigger.status).toBe(200);
    const { slug, secret } = trigger.body.data;
    const hook = await request(
      server.url,
      'POST',
      `/webhooks/workflows/${slug}`,
      { 'content-type': 'application/json' },
      JSON.stringify({ n: 5 }),
    );
    expect(hook.status).toBe(202);
    const runId = hook.body.data.id;

    const [received] = await receiver.waitFor(1, { filter: onPath('/trigger-callback') });
    const payload = verified(secret, received!);
    expect(payload.type).toBe('run.completed');
    expect(payload.data).toMatchObject({
      id: runId,
      status: 'completed',
      output: 15,
      trigger: 'webhook',
      steps: [{ id: 'triple', status: 'completed' }],
    });
    const workspaceSecret = (await server.api('GET', '/v1/callbacks/secret')).body.data.secret;
    expect(() => verified(workspaceSecret, received!)).toThrow();
  });
});
