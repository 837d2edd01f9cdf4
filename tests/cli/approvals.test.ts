import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AssayClient, type AssayApiError } from '@assay/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, CLIENT_ID, createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { untilDone } from '../support/progress';
import { VERDICT_SCHEMA, verdictReview } from '../support/approval-workflow';
import { cli, type CliResult } from './cli-harness';

/** A draft verdict a person approves (perhaps edited: the schema checks the edit) or rejects. */
const REVIEW = verdictReview({ show: { Company: '{{ input.company }}' } });

describe('assay approvals', () => {
  let server: TestServer;
  let client: AssayClient;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  let review: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-approvals-'));
  beforeAll(async () => {
    server = await startTestServer();
    client = new AssayClient({ baseUrl: server.url, clientId: CLIENT_ID, apiKey: API_KEY });
    assay = cli(server);
    review = await createWorkflow(server, REVIEW);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a run of REVIEW and returns its id once it waits at `review` with the approval pending. */
  async function pendingRun(company: string): Promise<string> {
    const created = await server.api('POST', `/v1/workflows/${review}/runs`, { input: { company } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const runId = created.body.data.id as string;
    await untilDone(
      async () => {
        const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
        if (['completed', 'failed', 'cancelled'].includes(run?.status)) throw new Error(`run ${runId} ended ${JSON.stringify(run)}`);
        const approval = run?.status === 'waiting' ? await server.api('GET', `/v1/workflow-runs/${runId}/approvals/review`) : null;
        const parked = run.waitReason === 'approval' && approval?.status === 200 && approval.body.data.status === 'pending';
        return {
          done: parked ? runId : null,
          progress: [
            run?.status,
            run?.waitReason,
            approval?.status,
            ...(run?.steps ?? []).map((s: { id: string; status: string }) => `${s.id}:${s.status}`),
          ],
        };
      },
      { what: `the approval of run ${runId}`, stallMs: 30_000, intervalMs: 20 },
    );
    return runId;
  }

  it('lists the pending approval (table and JSON) and shows its context', async () => {
    const runId = await pendingRun('Acme');

    const table = await assay(['approvals', 'list']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^RUNID\s+STEP\s+WORKFLOW\s+TITLE\s+STATUS\s+REQUESTED\s+LEFT\/DECISION$/m);
    expect(table.stdout).toMatch(
      new RegExp(`^${runId}\\s+review\\s+Verdict review\\s+Approve the verdict for Acme\\s+pending\\s+\\S+\\s+\\S+ left$`, 'm'),
    );

    const listed = await assay(['approvals', 'list', '--run', runId, '--status', 'pending', '--workflow', review, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const approvals = JSON.parse(listed.stdout);
    expect(approvals).toHaveLength(1);
    expect(approvals[0]).toMatchObject({
      runId,
      stepId: 'review',
      workflowId: review,
      workflowName: 'Verdict review',
      status: 'pending',
      title: 'Approve the verdict for Acme',
      show: { Company: 'Acme' },
      value: { verdict: 'buy', score: 7 },
      decision: null,
      canDecide: true,
    });
    const mine = await assay(['approvals', 'list', '--mine', '--run', runId, '--json']);
    expect(mine.code, mine.stderr).toBe(0);
    expect(JSON.parse(mine.stdout).map((a: { runId: string }) => a.runId)).toEqual([runId]);

    const shown = await assay(['approvals', 'get', runId, 'review']);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/^title\s+Approve the verdict for Acme$/m);
    expect(shown.stdout).toMatch(/^status\s+pending$/m);
    expect(shown.stdout).toMatch(/^value\s+\{"verdict":"buy","score":7\}$/m);
    expect(shown.stdout).toMatch(/^reviewers\s+anyone who may run workflows$/m);
    expect(shown.stdout).toMatch(/^timeout\s+\S+ \(in \S+\), then (reject|approve|fail)$/m);
    expect(shown.stdout).toMatch(/^show:\n {2}Company {2}Acme$/m);
    const asJson = JSON.parse((await assay(['approvals', 'get', runId, 'review', '--json'])).stdout);
    expect(asJson).toMatchObject({ runId, stepId: 'review', status: 'pending', schema: VERDICT_SCHEMA });
  });

  it('approves with an edited --value and a --comment: the run completes with that value; a second decision exits 1', async () => {
    const runId = await pendingRun('Globex');
    const approved = await assay([
      'approvals',
      'approve',
      runId,
      'review',
      '--value',
      '{"verdict":"sell","score":3}',
      '--comment',
      'too rosy',
    ]);
    expect(approved.code, approved.stderr).toBe(0);
    const lines = approved.stdout.split('\n');
    expect(lines[0]).toBe(`approved by ${CLIENT_ID} (edited): step review of run ${runId}`);
    expect(lines[1]).toMatch(/^value\s+\{"verdict":"sell","score":3\}$/);
    expect(lines[2]).toMatch(/^comment\s+too rosy$/);
    expect(lines[3]).toMatch(/^decidedAt\s+\d{4}-/);

    const run = await waitForRun(server, runId);
    expect(run.status).toBe('completed');
    expect(run.output.decision).toEqual({
      approved: true,
      comment: 'too rosy',
      value: { verdict: 'sell', score: 3 },
      by: { type: 'key', id: expect.any(String), name: CLIENT_ID },
      edited: true,
      decidedAt: expect.any(String),
    });
    const decided = await client.approvals.get(runId, 'review');
    expect(decided).toMatchObject({ status: 'approved', decision: { approved: true, value: { verdict: 'sell', score: 3 }, edited: true } });

    const again = await assay(['approvals', 'approve', runId, 'review']);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^error: .*already decided/);
    const rejectedLate = await assay(['approvals', 'reject', runId, 'review']);
    expect(rejectedLate.code).toBe(1);
    expect(rejectedLate.stderr).toMatch(/already decided/);
    // Still the first decision.
    expect((await client.approvals.get(runId, 'review')).decision).toMatchObject({ approved: true, comment: 'too rosy' });
  });

  it('names the field of a --value the schema refuses (exit 1, nothing decided), and refuses bad JSON before sending (exit 2)', async () => {
    const runId = await pendingRun('Initech');
    const tooHigh = await assay(['approvals', 'approve', runId, 'review', '--value', '{"verdict":"buy","score":11}']);
    expect(tooHigh.code).toBe(1);
    expect(tooHigh.stdout).toBe('');
    expect(tooHigh.stderr).toMatch(/^error: /);
    expect(tooHigh.stderr).toContain('value.score');
    expect((await client.approvals.get(runId, 'review')).status).toBe('pending');

    const notJson = await assay(['approvals', 'approve', runId, 'review', '--value', '{verdict: buy}']);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('--value is not valid JSON');
    const noFile = await assay(['approvals', 'approve', runId, 'review', '--value', `@${path.join(dir, 'missing.json')}`]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('cannot read');

    // The value from a file (@file), as drafted but for the verdict.
    const file = path.join(dir, 'value.json');
    writeFileSync(file, '{ "verdict": "hold", "score": 7 }');
    const fromFile = await assay(['approvals', 'approve', runId, 'review', '--value', `@${file}`, '--json']);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({
      runId,
      status: 'approved',
      decision: { approved: true, value: { verdict: 'hold', score: 7 }, edited: true, comment: null },
    });
    expect((await waitForRun(server, runId)).output.decision).toMatchObject({ approved: true, value: { verdict: 'hold', score: 7 } });
  });

  it('rejects with a comment: the run goes on with approved false and the draft', async () => {
    const runId = await pendingRun('Umbrella');
    const rejected = await assay(['approvals', 'reject', runId, 'review', '--comment', 'not enough evidence']);
    expect(rejected.code, rejected.stderr).toBe(0);
    expect(rejected.stdout).toMatch(new RegExp(`^rejected by ${CLIENT_ID}: step review of run ${runId}$`, 'm'));
    expect(rejected.stdout).toMatch(/^comment\s+not enough evidence$/m);

    const run = await waitForRun(server, runId);
    expect(run.status).toBe('completed');
    expect(run.output.decision).toMatchObject({
      approved: false,
      comment: 'not enough evidence',
      value: { verdict: 'buy', score: 7 },
      by: { type: 'key', name: CLIENT_ID },
      edited: false,
    });
    const shown = await assay(['approvals', 'get', runId, 'review']);
    expect(shown.stdout).toMatch(/^status\s+rejected$/m);
    expect(shown.stdout).toMatch(new RegExp(`^decision\\s+rejected by ${CLIENT_ID} at \\S+$`, 'm'));
  });

  it('makes a signed single-use link and prints its url and expiry', async () => {
    const runId = await pendingRun('Hooli');
    const link = await assay(['approvals', 'link', runId, 'review', '--recipient', 'ana@example.com']);
    expect(link.code, link.stderr).toBe(0);
    expect(link.stdout).toMatch(/^url\s+\S*\/approve\/\S+$/m);
    expect(link.stdout).toMatch(/^recipient\s+ana@example\.com$/m);
    expect(link.stdout).toMatch(/^expires\s+\d{4}-\d\d-\d\dT\S+$/m);
    expect(link.stdout).toContain('not shown again');

    const before = Date.now();
    const short = await assay(['approvals', 'link', runId, 'review', '--recipient', 'bo@example.com', '--expires', '3600', '--json']);
    expect(short.code, short.stderr).toBe(0);
    const created = JSON.parse(short.stdout);
    expect(created).toMatchObject({ recipient: 'bo@example.com', url: expect.stringContaining('/approve/'), token: expect.any(String) });
    const expiresIn = Date.parse(created.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThan(3700_000);

    // The link works: its holder sees the approval.
    expect(await client.approvals.byLink(created.token)).toMatchObject({ runId, stepId: 'review', recipient: 'bo@example.com' });

    const badRecipient = await assay(['approvals', 'link', runId, 'review', '--recipient', 'not-an-email']);
    expect(badRecipient.code).toBe(1);
    expect(badRecipient.stderr).toContain('recipient');
    expect((await assay(['approvals', 'link', runId, 'review', '--recipient', 'x@example.com', '--expires', '10'])).code).toBe(2);
    expect((await assay(['approvals', 'link', runId, 'review'])).code).not.toBe(0);
  });

  it('lists by status: --status approved shows the decided ones with who decided, not the pending', async () => {
    const pending = await pendingRun('Stark');
    const decided = await pendingRun('Wayne');
    expect((await assay(['approvals', 'approve', decided, 'review'])).code).toBe(0);

    const table = await assay(['approvals', 'list', '--status', 'approved']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(
      new RegExp(
        `^${decided}\\s+review\\s+Verdict review\\s+Approve the verdict for Wayne\\s+approved\\s+\\S+\\s+approved by ${CLIENT_ID}$`,
        'm',
      ),
    );
    expect(table.stdout).not.toContain(pending);
    const asJson = JSON.parse((await assay(['approvals', 'list', '--status', 'approved', '--json'])).stdout);
    expect(asJson.length).toBeGreaterThan(0);
    expect(asJson.every((a: { status: string }) => a.status === 'approved')).toBe(true);
    expect(asJson.map((a: { runId: string }) => a.runId)).toContain(decided);
    const pendingOnly = JSON.parse((await assay(['approvals', 'list', '--status', 'pending', '--json'])).stdout);
    expect(pendingOnly.map((a: { runId: string }) => a.runId)).toContain(pending);
    expect(pendingOnly.map((a: { runId: string }) => a.runId)).not.toContain(decided);

    expect((await assay(['approvals', 'list', '--status', 'done'])).code).toBe(2);
  });

  it('exits 1 with the server message for an unknown approval (404) and a key that may not decide (403)', async () => {
    const runId = await pendingRun('Cyberdyne');
    // 404: the server's message names what it could not find.
    const missing = 'f'.repeat(24);
    expect(await client.approvals.get(missing, 'review').catch((error: AssayApiError) => error.status)).toBe(404);
    const missingRun = await assay(['approvals', 'get', missing, 'review']);
    expect(missingRun.code).toBe(1);
    expect(missingRun.stdout).toBe('');
    expect(missingRun.stderr).toMatch(new RegExp(`^error: .*${missing}`));
    const missingStep = await assay(['approvals', 'approve', runId, 'nope']);
    expect(missingStep.code).toBe(1);
    expect(missingStep.stderr).toMatch(/^error: .*"nope"/);

    const key = JSON.parse((await assay(['keys', 'create', '--name', 'reader', '--scope', 'read', '--json'])).stdout);
    const asReader = { ASSAY_CLIENT_ID: key.clientId, ASSAY_API_KEY: key.secret };
    const refused = await assay(['approvals', 'approve', runId, 'review'], asReader);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^error: /);
    const reader = new AssayClient({ baseUrl: server.url, clientId: key.clientId, apiKey: key.secret });
    expect(await reader.approvals.reject(runId, 'review').catch((error: AssayApiError) => error.status)).toBe(403);
    expect((await client.approvals.get(runId, 'review')).status).toBe('pending');
    // Not among the reader's own (it may not decide), though it may read them.
    const readersOwn = await assay(['approvals', 'list', '--mine', '--json'], asReader);
    expect(readersOwn.code, readersOwn.stderr).toBe(0);
    expect(JSON.parse(readersOwn.stdout).map((a: { runId: string }) => a.runId)).not.toContain(runId);
  });
});
