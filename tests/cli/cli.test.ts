import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { API_KEY, CLIENT_ID, createWorkflow, startTestServer, type TestServer } from '../support/assay-server';

const BIN = path.resolve(import.meta.dirname, '../../packages/cli/bin/assay.js');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('the assay CLI', () => {
  let server: TestServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
  // Async child processes: the server runs in this process and must keep answering meanwhile.
  const assay = (args: string[], env: Record<string, string> = {}): Promise<Result> =>
    new Promise((resolve) => {
      execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ASSAY_URL: server.url, ASSAY_CLIENT_ID: CLIENT_ID, ASSAY_API_KEY: API_KEY, ...env } }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });
  const definition = {
    name: 'Upper',
    inputs: { name: { type: 'string', required: true } },
    steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
    output: { upper: '{{ steps.up.output }}' },
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('creates a key whose secret works for later commands', async () => {
    const created = await assay(['keys', 'create', '--name', 'ci', '--scope', 'read', '--json']);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key.secret).toMatch(/^sk_/);
    const listed = await assay(['runs', 'list'], { ASSAY_CLIENT_ID: key.clientId, ASSAY_API_KEY: key.secret });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('STATUS');
  });

  it('imports a YAML definition, exports it as JSON identically, and saves a new version with --id', async () => {
    const file = path.join(dir, 'upper.yaml');
    writeFileSync(file, YAML.stringify(definition));
    const imported = await assay(['workflows', 'import', file, '--json']);
    expect(imported.code).toBe(0);
    const workflow = JSON.parse(imported.stdout);
    const out = path.join(dir, 'exported.json');
    expect((await assay(['workflows', 'export', workflow.id, '--format', 'json', '--output', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject(definition);
    const again = await assay(['workflows', 'import', out, '--id', workflow.id]);
    expect(again.stdout).toContain('version 2');
    const listed = await assay(['workflows', 'list']);
    expect(listed.stdout).toContain(workflow.id);
  });

  it('creates a run, waits for it, and shows it in the runs table', async () => {
    const id = await createWorkflow(server, definition);
    const created = await assay(['runs', 'create', id, '--input', '{"name":"acme"}', '--wait', '10', '--json']);
    expect(created.code).toBe(0);
    const run = JSON.parse(created.stdout);
    expect(run).toMatchObject({ status: 'completed', output: { upper: 'ACME' } });
    const table = await assay(['runs', 'list', '--workflow', id]);
    expect(table.stdout).toContain(run.id);
    const shown = await assay(['runs', 'get', run.id]);
    expect(shown.stdout).toMatch(/up\s+transform\s+completed/);
  });

  it('watches a run to the end: exit 0 when it completes, 1 when it fails', async () => {
    const ok = await createWorkflow(server, definition);
    const good = (await server.api('POST', `/v1/workflows/${ok}/runs`, { input: { name: 'x' } })).body.data.id;
    const watched = await assay(['runs', 'watch', good, '--interval', '50']);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toContain('completed');
    const bad = await createWorkflow(server, { name: 'Boom', steps: [{ id: 'boom', type: 'fail', with: { message: 'nope' } }] });
    const failing = (await server.api('POST', `/v1/workflows/${bad}/runs`, {})).body.data.id;
    const failed = await assay(['runs', 'watch', failing, '--interval', '50']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('failed: nope');
  });

  it('names the bad field and exits 1 on invalid input; exits 2 without credentials', async () => {
    const id = await createWorkflow(server, definition);
    const bad = await assay(['runs', 'create', id, '--input', '{"name": 5}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('input.name');
    const help = await assay(['runs', 'list', '--help'], { ASSAY_API_KEY: 'leak-check-secret' });
    expect(help.stdout).not.toContain('leak-check-secret');
    const anonymous = await assay(['runs', 'list'], { ASSAY_CLIENT_ID: '', ASSAY_API_KEY: '' });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toContain('ASSAY_API_KEY');
  });
});
