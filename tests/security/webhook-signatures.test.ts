import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWebhookSecret } from '@assay/server/services';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';

const definition = {
  name: 'Signed hook',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.companyId' } }],
};

/**
 * Forged, stale, replayed and malformed webhook calls (these attacks held before issue 11; they are
 * kept here now that signing and verification go through the `standardwebhooks` library). Requests
 * are signed by the library, as a sender would sign them.
 */
describe('webhook signature attacks', () => {
  let server: TestServer;
  let workflowId: string;
  let slug: string;
  let secret: string;
  const hook = (body: string, headers: Record<string, string>) =>
    request(server.url, 'POST', `/webhooks/workflows/${slug}`, { 'content-type': 'application/json', ...headers }, body);
  const signed = (signingSecret: string, id: string, body: string, at = new Date()) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(signingSecret).sign(id, at, body),
  });
  const runCount = async () => (await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000`)).body.data.length as number;

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, definition);
    ({ slug, secret } = (await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, {})).body.data);
  });
  afterAll(() => server.close());

  it('refuses every forged or malformed call with 401 and the reason, creating no run', async () => {
    const body = JSON.stringify({ companyId: 'forged' });
    const before = await runCount();
    const refusals: Array<[Record<string, string>, string]> = [
      [{}, 'missing webhook-id, webhook-timestamp or webhook-signature header'],
      [{ ...signed(secret, 'msg_a', body), 'webhook-id': '' }, 'missing'],
      [signed(newWebhookSecret(), 'msg_b', body), 'webhook-signature does not match'],
      [signed(secret, 'msg_c', body, new Date(Date.now() - 10 * 60_000)), 'outside the 5-minute tolerance'],
      [signed(secret, 'msg_d', body, new Date(Date.now() + 10 * 60_000)), 'outside the 5-minute tolerance'],
      [{ ...signed(secret, 'msg_e', body), 'webhook-timestamp': `${Math.floor(Date.now() / 1000)}abc` }, 'not a Unix time'],
      [{ ...signed(secret, 'msg_f', body), 'webhook-signature': 'v1,AAAA v2,BBBB' }, 'webhook-signature does not match'],
      // Signed for another body (the body changed in transit).
      [signed(secret, 'msg_g', JSON.stringify({ companyId: 'original' })), 'webhook-signature does not match'],
    ];
    for (const [headers, reason] of refusals) {
      const answer = await hook(body, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.body.error).toContain(reason);
    }
    expect(await runCount()).toBe(before);
  });

  it('accepts one good signature among several (secret rotation on the sender side)', async () => {
    const body = JSON.stringify({ companyId: 'rotating' });
    const good = signed(secret, 'msg_rotating', body);
    const stale = signed(newWebhookSecret(), 'msg_rotating', body)['webhook-signature'];
    expect((await hook(body, { ...good, 'webhook-signature': `${stale} ${good['webhook-signature']}` })).status).toBe(202);
  });

  it('answers a replay within the tolerance with the same run, and refuses it after', async () => {
    const body = JSON.stringify({ companyId: 'replayed' });
    const headers = signed(secret, 'msg_replay', body);
    const first = await hook(body, headers);
    expect(first.status).toBe(202);
    const before = await runCount();
    expect((await hook(body, headers)).body.data.id).toBe(first.body.data.id);
    expect((await hook(body, signed(secret, 'msg_replay', body, new Date(Date.now() - 10 * 60_000)))).status).toBe(401);
    expect(await runCount()).toBe(before);
  });
});
