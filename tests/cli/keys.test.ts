import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { cli, UPPER, type CliResult } from './cli-harness';

describe('assay keys', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
  });
  afterAll(() => server.close());

  it('creates a key whose one-time secret works for later commands, within its scope', async () => {
    const created = await assay(['keys', 'create', '--name', 'ci', '--scope', 'read', '--json']);
    expect(created.code).toBe(0);
    const key = JSON.parse(created.stdout);
    expect(key).toMatchObject({ name: 'ci', scope: 'read', clientId: expect.any(String), secret: expect.stringMatching(/^sk_/) });
    const asNewKey = { ASSAY_CLIENT_ID: key.clientId, ASSAY_API_KEY: key.secret };

    const listed = await assay(['runs', 'list'], asNewKey);
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^ID\s+WORKFLOWID\s+STATUS/);

    const current = await assay(['keys', 'current', '--json'], asNewKey);
    expect(JSON.parse(current.stdout)).toMatchObject({ id: key.id, scope: 'read' });
    expect(JSON.parse(current.stdout).secret).toBeUndefined();

    // A read key may not start runs: the API's 403 is an API error, exit 1.
    const id = await createWorkflow(server, UPPER);
    const refused = await assay(['runs', 'create', id, '--input', '{"name":"x"}'], asNewKey);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .*scope/);
  });

  it('prints the client id and the secret for people, and lists keys without secrets', async () => {
    const created = await assay(['keys', 'create', '--name', 'people']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/clientId\s+ck_\w+/);
    expect(created.stdout).toMatch(/secret\s+sk_\S+/);
    expect(created.stdout).toContain('not shown again');
    const listed = await assay(['keys', 'list']);
    expect(listed.stdout).toMatch(/people\s+run\s+ck_/);
    expect(listed.stdout).not.toContain('sk_');
  });

  it('rejects an unknown scope before calling the server (exit 2)', async () => {
    const bad = await assay(['keys', 'create', '--name', 'x', '--scope', 'root']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('read, run, edit, admin');
  });
});
