import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@assay/server/services';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const definition = {
  name: 'Hooked',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.companyId' } }],
};

describe('webhook triggers', () => {
  let server: TestServer;
  let workflowId: string;
  let slug: string;
  let secret: string;
  const hook = (body: string, headers: Record<string, string>) =>
    request(server.url, 'POST', `/webhooks/workflows/${slug}`, { 'content-type': 'application/json', ...headers }, body);
  const signed = (body: string, id: string, at = Math.floor(Date.now() / 1000)) => ({
    'webhook-id': id,
    'webhook-timestamp': String(at),
    'webhook-signature': signWebhook(secret, id, at, body),
  });

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, definition);
    const { status, body } = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, {});
    expect(status).toBe(200);
    expect(body.data.verification).toBe('signature');
    expect(body.data.secret).toMatch(/^whsec_/);
    slug = body.data.slug;
    secret = body.data.secret;
  });
  afterAll(() => server.close());

  it('starts a run from a correctly signed call and answers 202 with the run', async () => {
    const body = JSON.stringify({ companyId: 'abc' });
    const { status, body: answer } = await hook(body, signed(body, 'msg_1'));
    expect(status).toBe(202);
    expect(answer.data).toMatchObject({ trigger: 'webhook', input: { companyId: 'abc' } });
    expect((await waitForRun(server, answer.data.id)).output).toBe('abc');
  });

  it('returns the run it already created for a repeated webhook-id', async () => {
    const body = JSON.stringify({ companyId: 'dup' });
    const first = await hook(body, signed(body, 'msg_dup'));
    const again = await hook(body, signed(body, 'msg_dup'));
    expect(again.body.data.id).toBe(first.body.data.id);
  });

  it('refuses a bad signature, a missing signature and a stale timestamp with 401, creating no run', async () => {
    const body = JSON.stringify({ companyId: 'evil' });
    const before = (await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000`)).body.data.length;
    expect((await hook(body, { ...signed(body, 'msg_bad'), 'webhook-signature': 'v1,AAAA' })).status).toBe(401);
    expect((await hook(body, {})).status).toBe(401);
    const stale = await hook(body, signed(body, 'msg_old', Math.floor(Date.now() / 1000) - 600));
    expect(stale.status).toBe(401);
    expect(stale.body.error).toContain('tolerance');
    const tampered = await hook(JSON.stringify({ companyId: 'other' }), signed(body, 'msg_tamper'));
    expect(tampered.status).toBe(401);
    expect((await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000`)).body.data.length).toBe(before);
  });

  it('answers 415 to a body that is not JSON and 404 to an unknown slug', async () => {
    const notJson = await request(server.url, 'POST', `/webhooks/workflows/${slug}`, { 'content-type': 'text/plain' }, 'hello');
    expect(notJson.status).toBe(415);
    expect((await request(server.url, 'POST', '/webhooks/workflows/nope', { 'content-type': 'application/json' }, '{}')).status).toBe(404);
  });

  it('shows the trigger on the workflow without its secret, and rotates the secret', async () => {
    const workflow = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
    expect(workflow.trigger).toMatchObject({ slug, enabled: true, verification: 'signature' });
    expect(workflow.trigger.secret).toBeUndefined();
    const rotated = await server.api('POST', `/v1/workflows/${workflowId}/trigger/webhook-secret/rotate`);
    expect(rotated.body.data.secret).toMatch(/^whsec_/);
    expect(rotated.body.data.secret).not.toBe(secret);
    const body = JSON.stringify({ companyId: 'rotated' });
    expect((await hook(body, signed(body, 'msg_rot'))).status).toBe(401);
    secret = rotated.body.data.secret;
    expect((await hook(body, signed(body, 'msg_rot2'))).status).toBe(202);
  });

  it('verifies the secret-header mode in constant time, and can be disabled', async () => {
    const other = await createWorkflow(server, definition);
    const created = (await server.api('PUT', `/v1/workflows/${other}/trigger`, { verification: 'secret-header' })).body.data;
    const call = (value: string) =>
      request(
        server.url,
        'POST',
        `/webhooks/workflows/${created.slug}`,
        { 'content-type': 'application/json', 'x-webhook-secret': value },
        '{"companyId":"h"}',
      );
    expect((await call('wrong')).status).toBe(401);
    expect((await call(created.secret)).status).toBe(202);
    await server.api('PUT', `/v1/workflows/${other}/trigger`, { enabled: false, verification: 'secret-header' });
    expect((await call(created.secret)).status).toBe(404);
  });

  it('answers ?wait=N with the finished run', async () => {
    const body = JSON.stringify({ companyId: 'waited' });
    const id = 'msg_wait';
    const at = Math.floor(Date.now() / 1000);
    const answer = await request(
      server.url,
      'POST',
      `/webhooks/workflows/${slug}?wait=10`,
      {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(at),
        'webhook-signature': signWebhook(secret, id, at, body),
      },
      body,
    );
    expect(answer.status).toBe(202);
    expect(answer.body.data).toMatchObject({ status: 'completed', output: 'waited' });
  });

  it('keeps the previous secret valid during a rotation grace period', async () => {
    const old = secret;
    const rotated = await server.api('POST', `/v1/workflows/${workflowId}/trigger/webhook-secret/rotate`, { graceSeconds: 60 });
    expect(rotated.status).toBe(200);
    const body = JSON.stringify({ companyId: 'grace' });
    const at = Math.floor(Date.now() / 1000);
    const withOld = await hook(body, {
      'webhook-id': 'msg_grace_old',
      'webhook-timestamp': String(at),
      'webhook-signature': signWebhook(old, 'msg_grace_old', at, body),
    });
    expect(withOld.status).toBe(202);
    secret = rotated.body.data.secret;
    expect((await hook(body, signed(body, 'msg_grace_new'))).status).toBe(202);
    const again = await server.api('POST', `/v1/workflows/${workflowId}/trigger/webhook-secret/rotate`, {});
    const stale = await hook(body, signed(body, 'msg_grace_stale'));
    expect(stale.status).toBe(401); // no grace asked for: the secret before is refused at once
    secret = again.body.data.secret;
  });
});

describe('the per-trigger rate limit', () => {
  it('answers 429 with Retry-After when one trigger is called too often', async () => {
    const server = await startTestServer({ ASSAY_WEBHOOK_RATE_LIMIT: '2' });
    try {
      const wf = await createWorkflow(server, definition);
      const { slug } = (await server.api('PUT', `/v1/workflows/${wf}/trigger`, { verification: 'none' })).body.data;
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server.url, 'POST', `/webhooks/workflows/${slug}`, { 'content-type': 'application/json' }, '{"companyId":"x"}'),
        ),
      );
      const limited = answers.filter((a) => a.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(answers.filter((a) => a.status === 202).length).toBeGreaterThanOrEqual(4);
      expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
