import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { BOOM, cli, UPPER, type CliResult } from './cli-harness';

/** A run of this waits for a signal: it stays `waiting` until cancelled. */
const WAITS = { name: 'Waits', steps: [{ id: 'hold', type: 'wait.signal', with: { name: 'go' } }] };

describe('assay runs cancel|retry|rerun, exit codes, watch times and flag hints', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  let upper: string;
  let boom: string;
  let waits: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
    upper = await createWorkflow(server, UPPER);
    boom = await createWorkflow(server, BOOM);
    waits = await createWorkflow(server, WAITS);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs create --wait exits 1 when the run fails or is cancelled, still printing the run; 0 when it completes', async () => {
    const failed = await assay(['runs', 'create', boom, '--wait', '10']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/status\s+failed/);
    expect(failed.stdout).toMatch(/error\s+boom: nope/);
    const failedJson = await assay(['runs', 'create', boom, '--wait', '10', '--json']);
    expect(failedJson.code).toBe(1);
    expect(JSON.parse(failedJson.stdout)).toMatchObject({ status: 'failed' });

    const ok = await assay(['runs', 'create', upper, '--input', '{"name":"a"}', '--wait', '10']);
    expect(ok.code, ok.stderr).toBe(0);
    // Without --wait the run has not ended: exit 0 whatever becomes of it.
    expect((await assay(['runs', 'create', boom])).code).toBe(0);
  });

  it('cancels a waiting run, retries it, and reruns a finished one (--workflow-version)', async () => {
    const created = JSON.parse((await assay(['runs', 'create', waits, '--json'])).stdout);
    const cancelled = await assay(['runs', 'cancel', created.id]);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toBe(`run ${created.id} cancelled\n`);
    expect((await server.api('GET', `/v1/workflow-runs/${created.id}`)).body.data.status).toBe('cancelled');
    // A second cancel is the API's refusal: exit 1 with its message.
    const again = await assay(['runs', 'cancel', created.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: /);

    const retried = await assay(['runs', 'retry', created.id, '--json']);
    expect(retried.code, retried.stderr).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ id: created.id });
    expect(JSON.parse(retried.stdout).status).not.toBe('cancelled');
    expect((await assay(['runs', 'cancel', created.id])).code).toBe(0);

    const first = JSON.parse((await assay(['runs', 'create', upper, '--input', '{"name":"x"}', '--wait', '10', '--json'])).stdout);
    const rerun = await assay(['runs', 'rerun', first.id, '--workflow-version', '1', '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const second = JSON.parse(rerun.stdout);
    expect(second).toMatchObject({ workflowId: upper, workflowVersion: 1, input: { name: 'x' } });
    expect(second.id).not.toBe(first.id);
    const shown = await assay(['runs', 'rerun', first.id]);
    expect(shown.stdout).toMatch(new RegExp(`workflow\\s+${upper} v1`));
    expect((await assay(['runs', 'rerun', first.id, '--workflow-version', 'newest'])).code).toBe(2);
  });

  it("runs watch prints each event's own time, not the time it printed", async () => {
    const failing = (await server.api('POST', `/v1/workflows/${boom}/runs?wait=10`, {})).body.data.id;
    const events = (await assay(['runs', 'watch', failing, '--json'])).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .slice(0, -1) as Array<{ createdAt: string; stepId: string | null }>;
    const watched = await assay(['runs', 'watch', failing]);
    expect(watched.code).toBe(1);
    const times = watched.stdout
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((line) => line.split(/\s+/)[0]);
    expect(times).toEqual(events.map((event) => event.createdAt));
    expect(watched.stdout).toMatch(new RegExp(`^${events[3]!.createdAt.replace(/\./g, '\\.')}  boom\\s+failed$`, 'm'));
  });

  it('names the flag, not the API field, in an error hint', async () => {
    const picky = await createWorkflow(server, { ...UPPER, name: 'Picky' });
    const csv = path.join(dir, 'bad.csv');
    writeFileSync(csv, 'name\nok\n""\n');
    const refused = await assay(['batch', 'run', picky, '--csv', csv]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --skip-invalid to run the valid ones');
    expect(refused.stderr).not.toContain('skipInvalid');

    const badCron = await assay(['schedules', 'create', upper, '--cron', 'every minute', '--input', '{"name":"x"}']);
    expect(badCron.code).toBe(1);
    expect(badCron.stderr).toMatch(/\n {2}--cron: /);
  });
});
