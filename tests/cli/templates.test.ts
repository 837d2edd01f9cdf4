import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { cli, type CliResult } from './cli-harness';

describe('assay templates', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
  });
  afterAll(() => server.close());

  it('lists the templates as a table, and as JSON with --json', async () => {
    const table = await assay(['templates', 'list']);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+CATEGORY\s+NEEDS\s+SAMPLEINPUT$/);
    expect(lines.length).toBeGreaterThanOrEqual(7);
    const screen = lines.find((line) => line.startsWith('company-screen '));
    expect(screen).toMatch(/Company screen from a dataset\s+Screening\s+dataset, model\s+\{"sector":"Software"/);
    expect(table.stdout).toMatch(/news-monitor\s+News monitoring on a schedule\s+Monitoring\s+model, webSearch, schedule/);

    const json = await assay(['templates', 'list', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((t: { id: string }) => t.id)).toEqual(
      expect.arrayContaining(['company-screen', 'filing-figures', 'news-monitor', 'crm-enrichment', 'due-diligence-memo', 'csv-scoring']),
    );
  });

  it('creates a workflow from a template with its sample data and a disabled schedule', async () => {
    const screen = await assay(['templates', 'create', 'csv-scoring', '--name', 'Lead scoring']);
    expect(screen.code, screen.stderr).toBe(0);
    const id = /^id\s+([0-9a-f]{24})$/m.exec(screen.stdout)?.[1];
    expect(id).toBeDefined();
    expect(screen.stdout).toMatch(/^name\s+Lead scoring$/m);
    expect(screen.stdout).toMatch(/^datasets\s+sample-leads \(8 rows\)$/m);
    const workflow = await server.api('GET', `/v1/workflows/${id}`);
    expect(workflow.body.data).toMatchObject({ name: 'Lead scoring', version: 1 });

    const monitor = await assay(['templates', 'create', 'news-monitor', '--json']);
    expect(monitor.code, monitor.stderr).toBe(0);
    const made = JSON.parse(monitor.stdout);
    expect(made.workflow.name).toBe('News monitor');
    expect(made.created.schedules).toMatchObject([{ cron: '0 7 * * 1-5', enabled: false }]);
  });

  it('names an unknown template and a key without the edit scope', async () => {
    const unknown = await assay(['templates', 'create', 'no-such-template']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no-such-template');
    const key = (await server.api('POST', '/v1/keys', { name: 'reader', scope: 'read' })).body.data;
    const env = { ASSAY_CLIENT_ID: key.clientId, ASSAY_API_KEY: key.secret };
    expect((await assay(['templates', 'list'], env)).code).toBe(0);
    const refused = await assay(['templates', 'create', 'csv-scoring'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/scope|403|forbidden/i);
  });
});
