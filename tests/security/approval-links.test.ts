import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';
import { verdictReview } from '../support/approval-workflow';
import { untilDone } from '../support/progress';

/**
 * `/v1/approval-links/{token}` is the one way into Assay without a key or a session: the token is
 * the whole right, to one approval, once, for a while. Attacks from someone who holds one link (or
 * none): forge another, stretch its expiry, use it twice, use it on another approval, read who else
 * may decide, flood the endpoint, or reach the keyed approval API with it.
 */
describe('signed approval links', () => {
  let server: TestServer;
  let workflowId: string;
  const noKey = (method: string, path: string, body?: unknown) => request(server.url, method, path, {}, body);

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await createWorkflow(server, verdictReview({ reviewers: { roles: ['admin'] } }, 'Guarded'));
  });
  afterAll(() => server?.close());

  /** A run waiting at its approval, and a link to it for `recipient`. */
  async function linkedRun(recipient: string): Promise<{ runId: string; token: string }> {
    const runId = (await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'Acme' } })).body.data.id as string;
    await untilDone(
      async () => {
        const answer = await server.api('GET', `/v1/workflow-runs/${runId}/approvals/review`);
        return { done: answer.status === 200 ? answer : null, progress: answer.status };
      },
      { what: 'the approval', stallMs: 30_000, intervalMs: 20 },
    );
    const link = await server.api('POST', `/v1/workflow-runs/${runId}/approvals/review/links`, { recipient });
    expect(link.status).toBe(201);
    return { runId, token: link.body.data.token as string };
  }

  it('refuses forged, stretched and borrowed tokens, and decides only the linked approval, once', async () => {
    const mine = await linkedRun('mallory@partner.example');
    const theirs = await linkedRun('victim@partner.example');
    const [id, expiry, signature] = mine.token.split('.') as [string, string, string];
    const [theirId, theirExpiry] = theirs.token.split('.') as [string, string];
    const forged = [
      `${id}.${(Number.parseInt(expiry, 36) + 30 * 86_400_000).toString(36)}.${signature}`, // a later expiry
      `${theirId}.${theirExpiry}.${signature}`, // my signature on their link
      `${id}.${expiry}.${Buffer.alloc(32).toString('base64url')}`, // a made-up signature
      `${id}.${expiry}.${signature}.extra`,
      `${'0'.repeat(24)}.${expiry}.${signature}`,
      'x'.repeat(200),
    ];
    for (const token of forged) {
      const answer = await noKey('POST', `/v1/approval-links/${encodeURIComponent(token)}`, { approved: true });
      expect(answer.status, token).toBe(404);
    }
    expect((await noKey('GET', `/v1/approval-links/${'x'.repeat(201)}`)).status).toBe(400);
    // The holder sees the request, not who else may decide.
    const seen = await noKey('GET', `/v1/approval-links/${mine.token}`);
    expect(seen.status).toBe(200);
    expect(JSON.stringify(seen.body)).not.toContain('admin');
    // A link is no key for the approval API.
    expect((await noKey('POST', `/v1/workflow-runs/${mine.runId}/approvals/review`, { approved: true })).status).toBe(401);
    expect((await request(server.url, 'GET', '/v1/approvals', { authorization: `Bearer ${mine.token}` })).status).toBe(401);

    expect((await noKey('POST', `/v1/approval-links/${mine.token}`, { approved: true })).status).toBe(200);
    expect((await noKey('POST', `/v1/approval-links/${mine.token}`, { approved: false })).status).toBe(409);
    expect((await server.api('GET', `/v1/workflow-runs/${theirs.runId}/approvals/review`)).body.data.status).toBe('pending');
  });

  it('limits requests per client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await noKey('GET', `/v1/approval-links/guess${i}`)).status);
    expect(statuses).toContain(429);
  });
});
