import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { BOOM, cli, UPPER, type CliResult } from './cli-harness';

/** A local port nothing listens on (one just released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('assay runs', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  let upper: string;
  let boom: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
    upper = await createWorkflow(server, UPPER);
    boom = await createWorkflow(server, BOOM);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a run, waits for it, and shows it in the runs table', async () => {
    const created = await assay(['runs', 'create', upper, '--input', '{"name":"acme"}', '--wait', '10', '--json']);
    expect(created.code).toBe(0);
    const run = JSON.parse(created.stdout);
    expect(run).toMatchObject({ workflowId: upper, status: 'completed', output: { upper: 'ACME' } });

    const table = await assay(['runs', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${run.id}\\s+${upper}\\s+completed\\s+api`, 'm'));
    const filtered = await assay(['runs', 'list', '--workflow', upper, '--status', 'completed', '--limit', '5', '--json']);
    expect(JSON.parse(filtered.stdout).map((r: { id: string }) => r.id)).toContain(run.id);

    const shown = await assay(['runs', 'get', run.id]);
    expect(shown.stdout).toMatch(/status\s+completed/);
    expect(shown.stdout).toMatch(/up\s+transform\s+completed/);
  });

  it('reads the input from a file and replays an idempotency key', async () => {
    const file = path.join(dir, 'input.json');
    writeFileSync(file, JSON.stringify({ name: 'from file' }));
    const first = JSON.parse(
      (await assay(['runs', 'create', upper, '--input-file', file, '--idempotency-key', 'cli-k1', '--wait', '10', '--json'])).stdout,
    );
    expect(first.output).toEqual({ upper: 'FROM FILE' });
    const replayed = JSON.parse(
      (await assay(['runs', 'create', upper, '--input-file', file, '--idempotency-key', 'cli-k1', '--json'])).stdout,
    );
    expect(replayed.id).toBe(first.id);
  });

  it('creates a run with --metadata key=value (repeatable) and lists runs by it', async () => {
    const created = await assay([
      'runs',
      'create',
      upper,
      '--input',
      '{"name":"m"}',
      '--metadata',
      'crmDealId=D-1042',
      '--metadata',
      'note=a=b',
      '--json',
    ]);
    expect(created.code, created.stderr).toBe(0);
    const run = JSON.parse(created.stdout);
    expect(run.metadata).toEqual({ crmDealId: 'D-1042', note: 'a=b' });
    const listed = await assay(['runs', 'list', '--metadata', 'crmDealId=D-1042', '--metadata', 'note=a=b', '--json']);
    expect(JSON.parse(listed.stdout).map((r: { id: string }) => r.id)).toEqual([run.id]);
    const bad = await assay(['runs', 'create', upper, '--input', '{"name":"m"}', '--metadata', 'no-equals']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('key=value');
  });

  it('signals a waiting run (the payload from --payload or a file), and names a bad payload', async () => {
    const waiting = await createWorkflow(server, {
      name: 'Waits for approval',
      steps: [{ id: 'approval', type: 'wait.signal', with: { name: 'approved', schema: { type: 'object', required: ['by'] } } }],
      output: { approval: '{{ steps.approval.output }}' },
    });
    const created = JSON.parse((await assay(['runs', 'create', waiting, '--json'])).stdout);
    const wrong = await assay(['runs', 'signal', created.id, 'approved', '--payload', '{"who":"ana"}']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("payload: must have required property 'by'");
    const file = path.join(dir, 'payload.json');
    writeFileSync(file, '{"by":"ana@example.com"}');
    const sent = await assay(['runs', 'signal', created.id, 'approved', '--payload-file', file]);
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toBe(`sent "approved" to run ${created.id}\n`);
    const done = await assay(['runs', 'watch', created.id, '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse((await assay(['runs', 'get', created.id, '--json'])).stdout).output).toEqual({ approval: { by: 'ana@example.com' } });
  });

  it('compares two runs: changed fields as path: before → after, per step, and the documents as unified diffs', async () => {
    const memo = (verdict: string, extra: object[] = []) => ({
      name: 'Memo',
      inputs: { name: { type: 'string', required: true } },
      steps: [
        { id: 'facts', type: 'transform', with: { expression: `{ "name": input.name, "figures": { "verdict": "${verdict}" } }` } },
        {
          id: 'memo',
          type: 'document.render',
          with: { name: 'memo', formats: ['md'], template: `# {{ input.name }}\n\nVerdict: ${verdict}\n` },
        },
        ...extra,
      ],
      output: { verdict: '{{ steps.facts.output.figures.verdict }}' },
    });
    const workflow = await createWorkflow(server, memo('hold'));
    const first = JSON.parse((await assay(['runs', 'create', workflow, '--input', '{"name":"Acme"}', '--wait', '10', '--json'])).stdout);
    await server.api('PUT', `/v1/workflows/${workflow}`, memo('buy', [{ id: 'score', type: 'transform', with: { expression: '1' } }]));
    const second = JSON.parse((await assay(['runs', 'create', workflow, '--input', '{"name":"Acme"}', '--wait', '10', '--json'])).stdout);
    expect([first.status, second.status, second.workflowVersion]).toEqual(['completed', 'completed', 2]);

    const shown = await assay(['runs', 'diff', first.id, second.id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`run a  ${first.id}  ${workflow} v1  completed\nrun b  ${second.id}  ${workflow} v2  completed\n`);
    expect(shown.stdout).toContain('\noutput\n  verdict: "hold" → "buy"\n');
    expect(shown.stdout).toContain('\nstep facts (changed)\n  figures.verdict: "hold" → "buy"\n');
    expect(shown.stdout).toContain('\nstep score (added: transform, completed)\n');
    expect(shown.stdout).toContain(
      '\ndocument memo.md (changed: 22 → 21 bytes)\n--- a/memo.md\n+++ b/memo.md\n@@ -1,3 +1,3 @@\n # Acme\n \n-Verdict: hold\n+Verdict: buy\n',
    );
    expect(shown.stdout).not.toContain('\ninput\n');

    const json = await assay(['runs', 'diff', first.id, second.id, '--json']);
    const record = JSON.parse(json.stdout);
    expect(record).toMatchObject({ a: { id: first.id }, b: { id: second.id }, identical: false, statusChanged: false });
    expect(record.output.changes).toEqual([{ path: 'verdict', type: 'changed', before: 'hold', after: 'buy' }]);
    expect(record.documents[0]).toMatchObject({ name: 'memo.md', change: 'changed', comparedBy: 'lines' });

    const same = await assay(['runs', 'diff', second.id, second.id]);
    expect(same.stdout.endsWith('\nno differences\n')).toBe(true);
    const missing = await assay(['runs', 'diff', first.id, '0123456789abcdef01234567']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('run 0123456789abcdef01234567 not found');
  });

  it('watches a run to the end: exit 0 when it completes, 1 when it fails', async () => {
    const good = (await server.api('POST', `/v1/workflows/${upper}/runs`, { input: { name: 'x' } })).body.data.id;
    const watched = await assay(['runs', 'watch', good, '--interval', '50']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/up\s+completed/);
    expect(watched.stdout).toContain(`run ${good} completed`);

    const failing = (await server.api('POST', `/v1/workflows/${boom}/runs`, {})).body.data.id;
    const failed = await assay(['runs', 'watch', failing, '--interval', '50']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/boom\s+failed/);
    expect(failed.stdout).toContain(`run ${failing} failed: nope`);
  });

  it("watch --json prints the run's events as JSON lines, in order, the run last", async () => {
    const failing = (await server.api('POST', `/v1/workflows/${boom}/runs?wait=10`, {})).body.data.id;
    const watched = await assay(['runs', 'watch', failing, '--json']);
    expect(watched.code).toBe(1);
    const lines = watched.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.slice(0, -1).map((e) => e.type)).toEqual(['run.queued', 'run.started', 'step.started', 'step.failed', 'run.failed']);
    expect(lines[3]).toMatchObject({ runId: failing, stepId: 'boom', data: { status: 'failed', attempt: 1 } });
    expect(lines.at(-1)).toMatchObject({ id: failing, status: 'failed', error: { message: 'nope', stepId: 'boom' } });
  });

  it('names the bad field and exits 1 on invalid input', async () => {
    const bad = await assay(['runs', 'create', upper, '--input', '{"name": 5}']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: .*input\.name/);
    const missing = await assay(['runs', 'create', upper]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('input.name');
  });

  it('exits 2 without credentials or with a malformed option, and never prints the key in --help', async () => {
    const anonymous = await assay(['runs', 'list'], { ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '' });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('ASSAY_CLIENT_ID');
    expect(anonymous.stderr).toContain('ASSAY_API_KEY');
    expect((await assay(['runs', 'list', '--limit', 'many'])).code).toBe(2);
    expect((await assay(['runs', 'create', upper, '--input', '[1]'])).code).toBe(2);
    const help = await assay(['runs', 'list', '--help'], { ASSAY_API_KEY: 'leak-check-secret' });
    expect(help.code).toBe(0);
    expect(help.stdout).not.toContain('leak-check-secret');
  });

  it('takes the connection options after the subcommand too, and says when the server cannot be reached (exit 1)', async () => {
    const closed = await closedPort();
    const viaFlags = await assay(
      ['runs', 'get', 'f'.repeat(24), '--url', server.url, '--client-id', 'test-client', '--api-key', 'test-secret-0123456789abcdef'],
      { ASSAY_URL: `http://127.0.0.1:${closed}`, ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '' },
    );
    expect(viaFlags.code).toBe(1);
    expect(viaFlags.stderr).toContain('not found');
    const unreachable = await assay(['runs', 'list'], { ASSAY_URL: `http://127.0.0.1:${closed}` });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^error: cannot reach http://127\\.0\\.0\\.1:${closed}/v1/workflow-runs.*ECONNREFUSED`));
  });
});
