import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { BOOM, cli, type CliResult } from './cli-harness';

const ESCAPE = '\x1b[';

describe('assay output: colour and table width', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  const longName = `A workflow whose name goes on ${'and on '.repeat(12)}to the end`;
  let workflowId: string;
  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
    workflowId = await createWorkflow(server, { ...BOOM, name: longName });
    await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=10`, {});
  });
  afterAll(() => server.close());

  it('prints no escape codes when piped, and colours statuses, headers and errors with FORCE_COLOR', async () => {
    const plain = await assay(['runs', 'list']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/\sfailed\s/);
    expect(plain.stdout).not.toContain(ESCAPE);
    const plainError = await assay(['runs', 'get', 'f'.repeat(24)]);
    expect(plainError.stderr).toMatch(/^error: /);
    expect(plainError.stderr).not.toContain(ESCAPE);

    const forced = await assay(['runs', 'list'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(`${ESCAPE}31mfailed`);
    expect(forced.stdout).toContain(`${ESCAPE}1mID`);
    const forcedError = await assay(['runs', 'get', 'f'.repeat(24)], { FORCE_COLOR: '1' });
    expect(forcedError.stderr).toContain(ESCAPE);
    expect(forcedError.stderr.replaceAll(new RegExp(`${ESCAPE.replace('[', '\\[')}\\d+m`, 'g'), '')).toMatch(/^error: .*not found/);

    // NO_COLOR keeps even a FORCE_COLOR=0 run plain; --json is never coloured.
    expect((await assay(['runs', 'list'], { NO_COLOR: '1', FORCE_COLOR: '0' })).stdout).not.toContain(ESCAPE);
    expect((await assay(['runs', 'list', '--json'], { FORCE_COLOR: '1' })).stdout).not.toContain(ESCAPE);
  });

  it('cuts tables to COLUMNS with an ellipsis, and keeps every character without it', async () => {
    const whole = await assay(['workflows', 'list']);
    expect(whole.stdout).toContain(longName);
    expect(whole.stdout).not.toContain('…');

    const cut = await assay(['workflows', 'list'], { COLUMNS: '80' });
    expect(cut.code, cut.stderr).toBe(0);
    const lines = cut.stdout.trimEnd().split('\n');
    for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    const row = lines.find((line) => line.startsWith(workflowId));
    // The id stays whole; the long name gives way and ends in an ellipsis.
    expect(row).toMatch(new RegExp(`^${workflowId}\\s+A workflow [^…]*…\\s`));
    expect(lines[0]).toMatch(/^ID\s+NAME\s+VERSION/);

    const narrow = await assay(['workflows', 'list'], { COLUMNS: '50' });
    for (const line of narrow.stdout.trimEnd().split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(50);
  });
});
