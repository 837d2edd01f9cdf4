import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { cli, UPPER, type CliResult } from './cli-harness';

/** A local port nothing listens on: an endpoint URL that receives nothing (no test event goes to it). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('assay datasets, credentials, triggers, endpoints, schedules and workflows validate', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>, stdin?: string) => Promise<CliResult>;
  let upper: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-'));
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  };
  beforeAll(async () => {
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
    assay = cli(server);
    upper = await createWorkflow(server, UPPER);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates datasets from CSV and JSON files, lists, shows and deletes them', async () => {
    const csv = await assay([
      'datasets',
      'create',
      file('companies.csv', 'domain,employees\nacme.com,12\nglobex.com,400\n'),
      '--keys',
      'domain',
    ]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/name\s+companies\n/);
    expect(csv.stdout).toMatch(/rows\s+2\n/);
    expect(csv.stdout).toMatch(/columns\s+domain:string employees:integer/);
    const id = /^id\s+(\S+)/.exec(csv.stdout)![1]!;

    const rows = file('people.json', JSON.stringify([{ email: 'ana@example.com', admin: true }]));
    const json = JSON.parse((await assay(['datasets', 'create', rows, '--name', 'staff', '--json'])).stdout);
    expect(json).toMatchObject({ name: 'staff', rowCount: 1, columns: { email: 'string', admin: 'boolean' } });
    const whole = file('whole.json', JSON.stringify({ name: 'typed', columns: { n: 'number' }, rows: [{ n: 1 }, { n: 2 }] }));
    expect(JSON.parse((await assay(['datasets', 'create', whole, '--json'])).stdout)).toMatchObject({ name: 'typed', rowCount: 2 });

    const listed = await assay(['datasets', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+companies\\s+2\\s+domain`, 'm'));
    const shown = await assay(['datasets', 'get', id, '--rows', '1']);
    expect(shown.stdout).toMatch(/^DOMAIN\s+EMPLOYEES\nacme\.com\s+12\n… 1 more rows/m);

    const unknown = await assay(['datasets', 'create', file('rows.txt', 'a\n1\n')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format');
    const deleted = await assay(['datasets', 'delete', id]);
    expect(deleted.stdout).toBe(`deleted ${id} (companies)\n`);
    expect((await assay(['datasets', 'get', id])).code).toBe(1);
  });

  it('creates a credential from stdin or --value-file without ever printing the value, lists and deletes it', async () => {
    const secret = 'sk-live-never-shown-0123';
    const created = await assay(['credentials', 'create', '--name', 'openai', '--type', 'api_key'], {}, `${secret}\n`);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/name\s+openai\n/);
    expect(created.stdout + created.stderr).not.toContain(secret);
    const fromFile = await assay(['credentials', 'create', '--name', 'db', '--value-file', file('db.txt', 'postgres://x\n'), '--json']);
    expect(JSON.parse(fromFile.stdout)).toMatchObject({ name: 'db', type: 'secret' });
    expect(fromFile.stdout).not.toContain('postgres://x');

    const listed = await assay(['credentials', 'list']);
    expect(listed.stdout).toMatch(/\sopenai\s+api_key\s/);
    expect(listed.stdout).not.toContain(secret);
    const empty = await assay(['credentials', 'create', '--name', 'nothing'], {}, '');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('empty');
    const id = JSON.parse(fromFile.stdout).id;
    expect((await assay(['credentials', 'delete', id])).stdout).toBe(`deleted ${id} (db)\n`);
    expect((await assay(['credentials', 'list', '--json'])).stdout).not.toContain(id);
  });

  it("lists workflows' webhook triggers and shows one", async () => {
    const hooked = await createWorkflow(server, { ...UPPER, name: 'Hooked' });
    const trigger = (await server.api('PUT', `/v1/workflows/${hooked}/trigger`, { strict: true })).body.data;
    const listed = await assay(['triggers', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`^${hooked}\\s+Hooked\\s+true\\s+signature\\s+${trigger.url}$`, 'm'));
    expect(listed.stdout).not.toContain(upper);
    const shown = await assay(['triggers', 'get', hooked]);
    expect(shown.stdout).toMatch(/strict\s+true/);
    expect(shown.stdout).not.toMatch(/secret/i);
    const none = await assay(['triggers', 'get', upper]);
    expect(none.code).toBe(1);
  });

  it('creates an event endpoint printing its secret once, lists and deletes it, and names bad events before sending', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/hooks`;
    const created = await assay(['endpoints', 'create', url, '--events', 'evaluation.completed', '--workflow', upper, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const endpoint = JSON.parse(created.stdout);
    expect(endpoint).toMatchObject({ url, events: ['evaluation.completed'], workflowId: upper, secret: expect.any(String) });
    const listed = await assay(['endpoints', 'list']);
    expect(listed.stdout).toMatch(
      new RegExp(`^${endpoint.id}\\s+${url.replace(/[.]/g, '\\.')}\\s+evaluation\\.completed\\s+${upper}\\s+true`, 'm'),
    );
    expect(listed.stdout).not.toContain(endpoint.secret);
    const bad = await assay(['endpoints', 'create', url, '--events', 'run.exploded']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('run.completed');
    const notUrl = await assay(['endpoints', 'create', 'ftp://x', '--events', 'run.failed']);
    expect(notUrl.code).toBe(1);
    expect(notUrl.stderr).toContain('<url>: ');
    expect((await assay(['endpoints', 'delete', endpoint.id])).stdout).toBe(`deleted ${endpoint.id} (${url})\n`);
  });

  it('creates, shows, disables, enables and deletes a schedule', async () => {
    const created = JSON.parse(
      (await assay(['schedules', 'create', upper, '--cron', '0 9 * * 1', '--input', '{"name":"weekly"}', '--name', 'weekly', '--json']))
        .stdout,
    );
    expect(created).toMatchObject({ enabled: true, cron: '0 9 * * 1' });
    const disabled = await assay(['schedules', 'disable', created.id]);
    expect(disabled.stdout).toBe(`disabled ${created.id} (weekly)\n`);
    expect(JSON.parse((await assay(['schedules', 'get', created.id, '--json'])).stdout)).toMatchObject({
      enabled: false,
      nextFireAt: null,
    });
    const enabled = await assay(['schedules', 'enable', created.id]);
    expect(enabled.stdout).toMatch(new RegExp(`^enabled ${created.id} \\(weekly\\): next at \\d{4}-`));
    const shown = await assay(['schedules', 'get', created.id]);
    expect(shown.stdout).toMatch(/enabled\s+true/);
    expect((await assay(['schedules', 'list'])).stdout).toContain(created.id);
    expect((await assay(['schedules', 'delete', created.id])).code).toBe(0);
  });

  it('validates a definition without saving it: exit 0 when valid, 1 naming each problem', async () => {
    const good = await assay(['workflows', 'validate', file('good.yaml', YAML.stringify(UPPER))]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^valid .*good\.yaml \(0 errors/m);
    const broken = { ...UPPER, name: 'Broken', steps: [{ id: 'up', type: 'transform', needs: ['missing'], with: { expression: '1' } }] };
    const bad = await assay(['workflows', 'validate', file('bad.json', JSON.stringify(broken))]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^error {2}steps\[0\]\.needs.*missing/m);
    expect(bad.stdout).toMatch(/^invalid /m);
    const json = await assay(['workflows', 'validate', file('bad.json', JSON.stringify(broken)), '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false });
    const names = (await server.api('GET', '/v1/workflows?limit=1000')).body.data.map((w: { name: string }) => w.name);
    expect(names).not.toContain('Broken');
  });
});
