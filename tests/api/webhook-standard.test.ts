import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@assay/server/services';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';

const exec = promisify(execFile);

const definition = {
  name: 'Standard hook',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: "'seen ' & input.companyId" } }],
};

/**
 * One webhook trigger, driven the way outside systems drive it: the seed page's unsigned curl while
 * the trigger is in `none` mode, then, in `signature` mode, requests signed by the reference
 * `standardwebhooks` library (not by Assay's own signing code).
 */
describe('webhook trigger with the Standard Webhooks library', () => {
  let server: TestServer;
  let workflowId: string;
  let slug: string;
  let secret: string;
  const hook = (body: string, headers: Record<string, string>) =>
    request(server.url, 'POST', `/webhooks/workflows/${slug}`, { 'content-type': 'application/json', ...headers }, body);
  /** Headers as a sender using the standard library sets them. */
  const signedBy = (signingSecret: string, id: string, body: string, at = new Date()) => ({
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(signingSecret).sign(id, at, body),
  });
  const runCount = async () => (await server.api('GET', `/v1/workflows/${workflowId}/runs?limit=1000`)).body.data.length as number;

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, definition);
    const { status, body } = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'none' });
    expect(status).toBe(200);
    slug = body.data.slug;
    secret = body.data.secret;
    expect(secret).toMatch(/^whsec_/);
  });
  afterAll(() => server.close());

  it("starts a run from the seed page's unsigned curl while the trigger is in none mode", async () => {
    // The page's command, with only the host and the slug changed.
    const { stdout } = await exec('bash', [
      '-c',
      `curl -X POST ${server.url}/webhooks/workflows/${slug} \\
  -H "Content-Type: application/json" \\
  -d '{ "companyId": "665f1c2a9b1e4a0012a3b4c6" }'`,
    ]);
    const body = JSON.parse(stdout);
    expect(body.data).toMatchObject({ workflowId, trigger: 'webhook', input: { companyId: '665f1c2a9b1e4a0012a3b4c6' } });
    expect((await waitForRun(server, body.data.id)).output).toBe('seen 665f1c2a9b1e4a0012a3b4c6');
    expect((await hook('{ "companyId": "again" }', {})).status).toBe(202);
  });

  it('in signature mode, refuses the same unsigned curl with 401', async () => {
    const { status, body } = await server.api('PUT', `/v1/workflows/${workflowId}/trigger`, { verification: 'signature' });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ slug, verification: 'signature' }); // same URL, same secret
    const before = await runCount();
    const { stdout } = await exec('bash', [
      '-c',
      `curl -s -w '\\n%{http_code}' -X POST ${server.url}/webhooks/workflows/${slug} \\
  -H "Content-Type: application/json" \\
  -d '{ "companyId": "665f1c2a9b1e4a0012a3b4c6" }'`,
    ]);
    expect(stdout.trim().split('\n').pop()).toBe('401');
    expect(await runCount()).toBe(before);
  });

  it('signs exactly as the standard library does', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const payload = '{"companyId":"x"}';
    expect(signWebhook(secret, 'msg_same', Math.floor(at.getTime() / 1000), payload)).toBe(
      new Webhook(secret).sign('msg_same', at, payload),
    );
    // …and what Assay signs, the library verifies.
    const now = Math.floor(Date.now() / 1000);
    const headers = {
      'webhook-id': 'msg_v',
      'webhook-timestamp': String(now),
      'webhook-signature': signWebhook(secret, 'msg_v', now, payload),
    };
    expect(new Webhook(secret).verify(payload, headers)).toEqual({ companyId: 'x' });
  });

  it('accepts a request signed with the standardwebhooks library: 202 with the run, which completes', async () => {
    const body = JSON.stringify({ companyId: 'standard' });
    const { status, body: answer } = await hook(body, signedBy(secret, 'msg_std_1', body));
    expect(status).toBe(202);
    expect(answer.data).toMatchObject({ workflowId, trigger: 'webhook', input: { companyId: 'standard' } });
    expect((await waitForRun(server, answer.data.id)).output).toBe('seen standard');
  });

  it('refuses a bad signature with 401 and creates no run', async () => {
    const body = JSON.stringify({ companyId: 'forged' });
    const before = await runCount();
    const otherSecret = `whsec_${Buffer.from('an entirely different 32-byte key').toString('base64')}`;
    const wrongKey = await hook(body, signedBy(otherSecret, 'msg_forged', body));
    expect(wrongKey.status).toBe(401);
    expect(wrongKey.body.error).toContain('does not match');
    // Signed correctly, then the body changed in transit.
    const tampered = await hook(JSON.stringify({ companyId: 'changed' }), signedBy(secret, 'msg_tampered', body));
    expect(tampered.status).toBe(401);
    const garbage = await hook(body, { ...signedBy(secret, 'msg_garbage', body), 'webhook-signature': 'v1,bm90IGEgc2lnbmF0dXJl' });
    expect(garbage.status).toBe(401);
    const unsigned = await hook(body, {});
    expect(unsigned.status).toBe(401);
    expect(await runCount()).toBe(before);
  });

  it('refuses a stale (or far future) timestamp with 401, even correctly signed', async () => {
    const body = JSON.stringify({ companyId: 'late' });
    const before = await runCount();
    const stale = await hook(body, signedBy(secret, 'msg_stale', body, new Date(Date.now() - 6 * 60_000)));
    expect(stale.status).toBe(401);
    expect(stale.body.error).toContain('tolerance');
    const future = await hook(body, signedBy(secret, 'msg_future', body, new Date(Date.now() + 6 * 60_000)));
    expect(future.status).toBe(401);
    // Within the 5-minute tolerance it is accepted.
    expect((await hook(body, signedBy(secret, 'msg_recent', body, new Date(Date.now() - 4 * 60_000)))).status).toBe(202);
    expect(await runCount()).toBe(before + 1);
  });

  it('answers a replayed request (same webhook-id) with the run it already created, not a new one', async () => {
    const body = JSON.stringify({ companyId: 'replayed' });
    const headers = signedBy(secret, 'msg_replay', body);
    const first = await hook(body, headers);
    expect(first.status).toBe(202);
    const before = await runCount();
    // The identical request again (a sender's retry, or a captured request replayed within the tolerance).
    const again = await hook(body, headers);
    expect(again.status).toBe(202);
    expect(again.body.data.id).toBe(first.body.data.id);
    // Re-signed later with the same id: still the same run.
    const resigned = await hook(body, signedBy(secret, 'msg_replay', body, new Date(Date.now() + 2000)));
    expect(resigned.body.data.id).toBe(first.body.data.id);
    expect(await runCount()).toBe(before);
    // The same id carrying a different body is a conflict, not a second run.
    const other = JSON.stringify({ companyId: 'different' });
    const reused = await hook(other, signedBy(secret, 'msg_replay', other));
    expect(reused.status).toBe(409);
    expect(await runCount()).toBe(before);
    // Replayed after the tolerance window, the captured request is refused outright.
    const staleReplay = await hook(body, signedBy(secret, 'msg_replay', body, new Date(Date.now() - 10 * 60_000)));
    expect(staleReplay.status).toBe(401);
  });
});
