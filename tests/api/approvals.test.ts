import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, request, startTestServer, startTestServerIn, waitForRun, type TestServer } from '../support/assay-server';
import { createOtherWorkspace, type OtherWorkspace } from '../support/other-workspace';
import { untilDone } from '../support/progress';
import { Browser, signedIn } from '../support/session-client';
import { startSmtpInbox, type SmtpInbox } from '../support/smtp-inbox';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { VERDICT_SCHEMA, verdictReview } from '../support/approval-workflow';

const PASSWORD = 'a long enough password';
const definition = verdictReview;

/**
 * The `approval` step through the API, on both databases: the run parks (`waiting`, reason
 * `approval`), people decide through the API, the Inbox list or a signed single-use link, within the
 * step's reviewers and schema; the run resumes with `{ approved, comment, value, by }`; decisions are
 * audited and announced to event endpoints; timeouts apply the default; nothing crosses workspaces.
 */
describe('approvals', () => {
  let server: TestServer;
  let other: OtherWorkspace;
  let receiver: WebhookReceiver;
  let admin: Browser;

  beforeAll(async () => {
    [server, receiver] = await Promise.all([startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' }), startWebhookReceiver()]);
    other = await createOtherWorkspace(server);
    admin = new Browser(server.url);
    expect((await admin.call('POST', '/v1/auth/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD })).status).toBe(
      201,
    );
    for (const [email, role] of [
      ['viewer@example.com', 'viewer'],
      ['editor@example.com', 'editor'],
    ] as const)
      expect((await admin.call('POST', '/v1/users', { email, name: role, password: PASSWORD, role })).status).toBe(201);
    const endpoint = await server.api('POST', '/v1/event-endpoints', {
      url: receiver.url,
      events: ['approval.requested', 'approval.decided'],
    });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), receiver?.close()]);
  });

  const start = async (workflowId: string, company = 'Acme', on = server) => {
    const created = await on.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body.data.id as string;
  };
  const waiting = (runId: string, on = server) =>
    untilDone(
      async () => {
        const run = (await on.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
        return { done: run.status === 'waiting' ? run : null, progress: run.status };
      },
      { what: `run ${runId} to wait`, stallMs: 30_000, intervalMs: 20 },
    );
  const approvalOf = (runId: string) => `/v1/workflow-runs/${runId}/approvals/review`;

  it('parks the run for a person, shows what to review, and resumes with the edited value', async () => {
    const workflowId = await createWorkflow(server, definition());
    const runId = await start(workflowId);
    const parked = await waiting(runId);
    expect(parked.waitReason).toBe('approval');
    expect(parked.steps.find((s: { id: string }) => s.id === 'review').status).toBe('running');

    const read = await server.api('GET', approvalOf(runId));
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({
      runId,
      stepId: 'review',
      workflowId,
      workflowName: 'Verdict review',
      status: 'pending',
      title: 'Approve the verdict for Acme',
      instructions: 'Check the **score** against the filing.',
      show: { Company: 'Acme', Draft: { verdict: 'buy', score: 7 } },
      value: { verdict: 'buy', score: 7 },
      schema: VERDICT_SCHEMA,
      reviewers: null,
      onTimeout: 'reject',
      decision: null,
      canDecide: true,
    });
    const inbox = await server.api('GET', '/v1/approvals?status=pending&mine=true');
    expect(inbox.body.data.map((a: { runId: string }) => a.runId)).toContain(runId);

    // An edit outside the schema is refused, naming the field; nothing is decided.
    const bad = await server.api('POST', approvalOf(runId), { approved: true, value: { verdict: 'hold', score: 11 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^value\.score/);
    expect(bad.body.details[0].path).toBe('value.score');

    const decided = await server.api('POST', approvalOf(runId), {
      approved: true,
      comment: 'Score raised after the Q3 filing',
      value: { verdict: 'hold', score: 9 },
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.data.status).toBe('approved');
    expect(decided.body.data.canDecide).toBe(false);
    const run = await waitForRun(server, runId);
    expect(run.status).toBe('completed');
    expect(run.output.decision).toMatchObject({
      approved: true,
      comment: 'Score raised after the Q3 filing',
      value: { verdict: 'hold', score: 9 },
      by: { type: 'key', name: 'test-client' },
      edited: true,
    });
    expect(Date.parse(run.output.decision.decidedAt)).toBeGreaterThan(0);

    // Once only.
    const again = await server.api('POST', approvalOf(runId), { approved: false });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already decided \(approved by test-client/);

    // The decision and the edit are in the audit log; both events reached the endpoint.
    const log = await server.api('GET', '/v1/audit-log?action=approval.decided');
    const entry = log.body.data.find((e: { targetId: string }) => e.targetId === runId);
    expect(entry).toMatchObject({
      actorName: 'test-client',
      details: {
        stepId: 'review',
        approved: true,
        edited: true,
        draft: { verdict: 'buy', score: 7 },
        value: { verdict: 'hold', score: 9 },
      },
    });
    const events = await receiver.waitFor(2, { filter: (r) => r.body.includes(runId) });
    const bodies = events.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => b.type).sort()).toEqual(['approval.decided', 'approval.requested']);
    expect(bodies.find((b) => b.type === 'approval.requested').data).toMatchObject({
      runId,
      workflowId,
      stepId: 'review',
      title: 'Approve the verdict for Acme',
    });
    expect(bodies.find((b) => b.type === 'approval.decided').data).toMatchObject({
      runId,
      stepId: 'review',
      approved: true,
      value: { verdict: 'hold', score: 9 },
      by: { type: 'key' },
    });
  });

  it('lets only the named reviewers decide: a named viewer may, an admin key or another member may not', async () => {
    const workflowId = await createWorkflow(server, definition({ reviewers: { users: ['Viewer@Example.com'] } }, 'Named reviewer'));
    const runId = await start(workflowId);
    await waiting(runId);
    const byKey = await server.api('POST', approvalOf(runId), { approved: true });
    expect(byKey.status).toBe(403);
    expect(byKey.body.error).toMatch(/Viewer@Example.com/);
    const editor = await signedIn(server.url, 'editor@example.com', PASSWORD);
    expect((await editor.call('POST', approvalOf(runId), { approved: true })).status).toBe(403);
    expect((await editor.call('GET', approvalOf(runId))).body.data.canDecide).toBe(false);
    const viewer = await signedIn(server.url, 'viewer@example.com', PASSWORD);
    expect((await viewer.call('GET', '/v1/approvals?mine=true&status=pending')).body.data.map((a: { runId: string }) => a.runId)).toEqual([
      runId,
    ]);
    const decided = await viewer.call('POST', approvalOf(runId), { approved: false, comment: 'Not convinced' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const run = await waitForRun(server, runId);
    expect(run.output.decision).toMatchObject({
      approved: false,
      comment: 'Not convinced',
      value: { verdict: 'buy', score: 7 },
      edited: false,
      by: { type: 'user', name: 'viewer@example.com' },
    });
  });

  it('lets roles decide (keys count by scope) and, without reviewers, anyone who may run workflows', async () => {
    const byRole = await createWorkflow(server, definition({ reviewers: { roles: ['admin'] } }, 'Admins decide'));
    const runId = await start(byRole);
    await waiting(runId);
    const editor = await signedIn(server.url, 'editor@example.com', PASSWORD);
    expect((await editor.call('POST', approvalOf(runId), { approved: true })).status).toBe(403);
    expect((await admin.call('POST', approvalOf(runId), { approved: true })).status).toBe(200);
    expect((await waitForRun(server, runId)).output.decision.by).toMatchObject({ type: 'user', name: 'admin@example.com' });

    const anyone = await createWorkflow(server, definition({}, 'Anyone decides'));
    const second = await start(anyone);
    await waiting(second);
    const keyOf = async (scope: string) => {
      const created = await server.api('POST', '/v1/keys', { name: `${scope} key`, scope });
      expect(created.status).toBe(201);
      return { 'x-metal-client-id': created.body.data.clientId, 'x-metal-api-key': created.body.data.secret };
    };
    const reader = await request(server.url, 'POST', approvalOf(second), await keyOf('read'), { approved: true });
    expect(reader.status).toBe(403);
    const runner = await request(server.url, 'POST', approvalOf(second), await keyOf('run'), { approved: true });
    expect(runner.status, JSON.stringify(runner.body)).toBe(200);
    expect((await waitForRun(server, second)).output.decision.approved).toBe(true);
  });

  it('decides through a signed single-use link without an account', async () => {
    const workflowId = await createWorkflow(server, definition({}, 'Linked review'));
    const runId = await start(workflowId);
    await waiting(runId);
    const minted = await server.api('POST', `${approvalOf(runId)}/links`, { recipient: 'cfo@partner.example' });
    expect(minted.status, JSON.stringify(minted.body)).toBe(201);
    const { token, url } = minted.body.data;
    expect(url).toBe(`${server.url}/approve/${token}`);

    const noKey = (method: string, p: string, body?: unknown) => request(server.url, method, p, {}, body);
    const seen = await noKey('GET', `/v1/approval-links/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data).toMatchObject({
      runId,
      title: 'Approve the verdict for Acme',
      recipient: 'cfo@partner.example',
      status: 'pending',
    });
    expect(seen.body.data.reviewers).toBeUndefined();

    // A token altered anywhere is not a link; the API itself still needs a key.
    const [id, expiry, signature] = token.split('.');
    for (const forged of [
      `${id}.${(Number.parseInt(expiry, 36) + 86_400_000).toString(36)}.${signature}`,
      `${id}.${expiry}.${signature.slice(1)}x`,
      'nonsense',
    ])
      expect((await noKey('POST', `/v1/approval-links/${forged}`, { approved: true })).status).toBe(404);
    expect((await noKey('GET', approvalOf(runId))).status).toBe(401);

    const decided = await noKey('POST', `/v1/approval-links/${token}`, { approved: false, comment: 'Wrong period' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.data.decision).toMatchObject({ approved: false, by: { type: 'link', name: 'cfo@partner.example' } });
    const run = await waitForRun(server, runId);
    expect(run.output.decision).toMatchObject({
      approved: false,
      comment: 'Wrong period',
      by: { type: 'link', name: 'cfo@partner.example' },
    });
    const reused = await noKey('POST', `/v1/approval-links/${token}`, { approved: true });
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatch(/already used/);
    const log = await server.api('GET', '/v1/audit-log?action=approval.link_created');
    expect(log.body.data.find((e: { targetId: string }) => e.targetId === runId)?.details).toMatchObject({
      recipient: 'cfo@partner.example',
    });
  });

  it('applies the default outcome at the timeout, and refuses decisions and links after it', async () => {
    const approve = await createWorkflow(server, definition({ timeoutSeconds: 2, onTimeout: 'approve' }, 'Approve by default'));
    const fail = await createWorkflow(server, definition({ timeoutSeconds: 2, onTimeout: 'fail' }, 'Fail by default'));
    const [approved, failed] = await Promise.all([start(approve), start(fail)]);
    const requested = await untilDone(
      async () => {
        const answer = await server.api('GET', approvalOf(approved));
        return { done: answer.status === 200 ? answer.body.data : null, progress: answer.status };
      },
      { what: 'the approval to be requested', stallMs: 30_000, intervalMs: 20 },
    );
    // A link never outlives its approval (on a slow machine the approval may have timed out already: 409).
    const link = await server.api('POST', `${approvalOf(approved)}/links`, { recipient: 'late@partner.example', expiresInSeconds: 3600 });
    expect([201, 409]).toContain(link.status);
    if (link.status === 201) expect(link.body.data.expiresAt).toBe(requested.timeoutAt);
    const [first, second] = await Promise.all([waitForRun(server, approved), waitForRun(server, failed)]);
    expect(first.status).toBe('completed');
    expect(first.output.decision).toMatchObject({ approved: true, value: { verdict: 'buy', score: 7 }, by: { type: 'timeout' } });
    expect(second.status).toBe('failed');
    expect(second.error).toMatchObject({ code: 'step_timeout', stepId: 'review' });
    expect((await server.api('GET', approvalOf(failed))).body.data.status).toBe('expired');
    if (link.status === 201) {
      const late = await request(server.url, 'POST', `/v1/approval-links/${link.body.data.token}`, {}, { approved: false });
      expect(late.status).toBe(409);
      expect(late.body.error).toMatch(/expired/);
    }
    expect((await server.api('POST', approvalOf(approved), { approved: false })).status).toBe(409);
  });

  it('names bad input and keeps each workspace to its own approvals', async () => {
    const workflowId = await createWorkflow(server, definition({}, 'Guarded review'));
    const runId = await start(workflowId);
    await waiting(runId);
    const cases: Array<[unknown, string]> = [
      [{}, 'approved'],
      [{ approved: 'yes' }, 'approved'],
      [{ approved: true, comment: 'x'.repeat(4001) }, 'comment'],
      [{ approved: true, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const answer = await server.api('POST', approvalOf(runId), body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(answer.body.details ?? answer.body.error)).toContain(field);
    }
    expect((await server.api('POST', `${approvalOf(runId)}/links`, { recipient: 'not an address' })).status).toBe(400);
    expect((await server.api('POST', `${approvalOf(runId)}/links`, { recipient: 'a@b.example', expiresInSeconds: 10 })).status).toBe(400);
    expect((await server.api('GET', `/v1/workflow-runs/${runId}/approvals/draft`)).status).toBe(404);
    expect((await server.api('GET', '/v1/approvals?status=maybe')).status).toBe(400);

    // Saving checks the step's own settings.
    const badSchema = await server.api('POST', '/v1/workflows', definition({ schema: { type: 'nonsense' } }, 'Bad schema'));
    expect(badSchema.status).toBe(400);
    expect(badSchema.body.details[0].path).toBe('steps[1].with.schema');
    const nested = await server.api('POST', '/v1/workflows', {
      name: 'Approval in a map',
      inputs: { companies: { type: 'array' } },
      steps: [
        { id: 'each', type: 'map', with: { items: 'input.companies', steps: [{ id: 'ok', type: 'approval', with: { title: 'OK?' } }] } },
      ],
    });
    expect(nested.status).toBe(400);
    expect(nested.body.details[0]).toMatchObject({ path: 'steps[0].with.steps[0].type', message: expect.stringMatching(/top-level/) });
    const badRole = await server.api('POST', '/v1/workflows', definition({ reviewers: { roles: ['owner'] } }, 'Bad role'));
    expect(badRole.status).toBe(400);
    expect(badRole.body.details[0].path).toMatch(/^steps\[1\]\.with\.reviewers\.roles/);

    // Another workspace sees nothing and decides nothing.
    expect((await other.api('GET', approvalOf(runId))).status).toBe(404);
    expect((await other.api('POST', approvalOf(runId), { approved: true })).status).toBe(404);
    expect((await other.api('POST', `${approvalOf(runId)}/links`, { recipient: 'x@evil.example' })).status).toBe(404);
    expect((await other.api('GET', '/v1/approvals')).body.data).toEqual([]);
    expect((await server.api('GET', approvalOf(runId))).body.data.status).toBe('pending');
  });

  it('limits unauthenticated link requests per client address', async () => {
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push((await request(server.url, 'GET', `/v1/approval-links/guess${i}`, {})).status);
    expect(answers).toContain(404);
    expect(answers).toContain(429);
  });
});

describe('approvals across a restart, and emailed links', () => {
  let smtp: SmtpInbox;
  beforeAll(async () => {
    smtp = await startSmtpInbox();
  });
  afterAll(() => smtp?.close());

  it('keeps a waiting approval across a restart and emails each recipient a working link', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-approvals-'));
    const env = { ASSAY_SMTP_HOST: '127.0.0.1', ASSAY_SMTP_PORT: String(smtp.port), ASSAY_SMTP_FROM: 'assay@assay.test' };
    let server = await startTestServerIn(dir, env);
    try {
      const workflowId = await createWorkflow(
        server,
        definition({ notify: { to: ['cfo@partner.example', 'Risk Desk <risk@partner.example>'], subject: 'Please review Acme' } }),
      );
      const runId = (await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company: 'Acme' } })).body.data.id;
      const messages = await smtp.waitFor(2);
      expect(messages.map((m) => m.to[0]).sort()).toEqual(['cfo@partner.example', 'risk@partner.example']);
      expect(messages[0]!.mail.subject).toBe('Please review Acme');
      const links = messages.map((m) => /\/approve\/([A-Za-z0-9._-]+)/.exec(m.mail.text ?? '')?.[1]);
      expect(links.every(Boolean)).toBe(true);
      expect(messages[0]!.mail.text).toContain(`${server.url}/approve/`);

      await server.close();
      server = await startTestServerIn(dir, env);
      const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
      expect(run.status).toBe('waiting');
      expect(run.waitReason).toBe('approval');
      // Each recipient's link is their own: the second is refused once the first decided.
      const first = await request(
        server.url,
        'POST',
        `/v1/approval-links/${links[1]}`,
        {},
        { approved: true, value: { verdict: 'sell', score: 2 } },
      );
      expect(first.status, JSON.stringify(first.body)).toBe(200);
      const second = await request(server.url, 'POST', `/v1/approval-links/${links[0]}`, {}, { approved: false });
      expect(second.status).toBe(409);
      const done = await waitForRun(server, runId);
      expect(done.output.decision).toMatchObject({
        approved: true,
        value: { verdict: 'sell', score: 2 },
        by: { type: 'link', name: 'risk@partner.example' },
      });
      expect(smtp.messages).toHaveLength(2);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
