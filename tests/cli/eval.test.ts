import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { cli, type CliResult } from './cli-harness';

/** Version 1: buy above 5, else sell (right on every row below); `double` is twice `n`. */
const VERDICT_V1 = {
  name: 'Verdict',
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'decide', type: 'transform', with: { expression: '{ "verdict": input.n > 5 ? "buy" : "sell", "double": input.n * 2 }' } }],
  output: { verdict: '{{ steps.decide.output.verdict }}', double: '{{ steps.decide.output.double }}' },
};

/** Version 2: always buy (right on half the rows); `double` is one too many. */
const VERDICT_V2 = {
  ...VERDICT_V1,
  steps: [{ id: 'decide', type: 'transform', with: { expression: '{ "verdict": "buy", "double": input.n * 2 + 1 }' } }],
};

/** Two rows want "buy", two "sell": version 1 scores 1, version 2 scores 0.5 on the verdict. */
const ROWS = [
  { n: 7, expectedVerdict: 'buy', expectedDouble: 14 },
  { n: 2, expectedVerdict: 'sell', expectedDouble: 4 },
  { n: 9, expectedVerdict: 'buy', expectedDouble: 18 },
  { n: 1, expectedVerdict: 'sell', expectedDouble: 2 },
];

/** The results table's header, up to the scorer columns. */
const HEADER = /^VERSION\s+SCORE\s+PASS RATE\s+RUNS OK\/FAILED\s+COST USD\s+P50 MS\s+P95 MS\s+EXACT\S*$/m;

/** A results table row: version, score, pass rate, runs, cost, latencies, then the one scorer's score. */
function tableRow(version: number, score: string, passRate: string, scorer: string): RegExp {
  return new RegExp(
    `^${version}\\s+${score.replace('.', '\\.')}\\s+${passRate}\\s+4/0\\s+0\\.0000\\s+(\\d+|-)\\s+(\\d+|-)\\s+${scorer.replace('.', '\\.')}$`,
    'm',
  );
}

describe('assay eval', () => {
  let server: TestServer;
  let assay: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  let workflowId: string;
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-cli-eval-'));
  const file = (name: string, text: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, text);
    return target;
  };
  /** `assay eval run` of the workflow over ROWS, scoring the verdict exactly, then `extra`. */
  const evaluate = (versions: string, extra: string[] = []) =>
    assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      versions,
      '--inputs',
      JSON.stringify(ROWS),
      '--expect',
      'verdict=expectedVerdict',
      '--interval',
      '100',
      ...extra,
    ]);

  beforeAll(async () => {
    server = await startTestServer();
    assay = cli(server);
    workflowId = await createWorkflow(server, VERDICT_V1);
    const saved = await server.api('PUT', `/v1/workflows/${workflowId}`, VERDICT_V2);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.version).toBe(2);
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compares two versions in a table and exits 1 naming the version below --min-score', async () => {
    const result = await evaluate('1,2', ['--scorer', 'exact', '--min-score', '0.9']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^evaluation [0-9a-f]{24}: 4 rows on versions 1, 2 of Verdict$/m);
    // Not a terminal: plain progress lines (no carriage returns), ending with the final state.
    expect(result.stderr).not.toContain('\r');
    expect(result.stderr).toMatch(/^v1 \[#{10}\] 4\/4 {2}v2 \[#{10}\] 4\/4 {2}completed$/m);
    expect(result.stderr).toContain('version 2 scored 0.500, below --min-score 0.9');
    expect(result.stderr).not.toMatch(/version 1 .*below/);
    expect(result.stdout).toMatch(HEADER);
    expect(result.stdout).toMatch(tableRow(1, '1.000', '100%', '1.000'));
    expect(result.stdout).toMatch(tableRow(2, '0.500', '50%', '0.500'));
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('exits 0 when every evaluated version reaches --min-score; --json prints the evaluation, --no-progress no progress', async () => {
    const result = await evaluate('1', ['--min-score', '0.9', '--json', '--no-progress']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/v1 \[/);
    expect(result.stderr).toContain('every version scored at least 0.9');
    const evaluation = JSON.parse(result.stdout);
    expect(evaluation).toMatchObject({
      workflowId,
      workflowName: 'Verdict',
      status: 'completed',
      rows: 4,
      expected: { verdict: 'expectedVerdict' },
      // Without --scorer, --expect scores with exact.
      scorers: [{ type: 'exact' }],
      error: null,
      versions: [{ version: 1, score: 1, passRate: 1, runs: { total: 4, completed: 4, failed: 0 }, scored: 4 }],
    });
    expect(evaluation.versions).toHaveLength(1);
  });

  it('shows an evaluation again (eval get) and its rows (eval rows, --failing, --json)', async () => {
    const ran = await evaluate('1,2', ['--json', '--no-progress']);
    expect(ran.code, ran.stderr).toBe(0);
    const id = JSON.parse(ran.stdout).id as string;

    const shown = await assay(['eval', 'get', id]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^id\\s+${id}$`, 'm'));
    expect(shown.stdout).toMatch(new RegExp(`^workflow\\s+Verdict \\(${workflowId}\\)$`, 'm'));
    expect(shown.stdout).toMatch(/^status\s+completed$/m);
    expect(shown.stdout).toMatch(/^rows\s+4$/m);
    expect(shown.stdout).toMatch(HEADER);
    expect(shown.stdout).toMatch(tableRow(1, '1.000', '100%', '1.000'));
    expect(shown.stdout).toMatch(tableRow(2, '0.500', '50%', '0.500'));
    const gated = await assay(['eval', 'get', id, '--min-score', '0.5']);
    expect(gated.code, gated.stderr).toBe(0);
    const below = await assay(['eval', 'get', id, '--min-score', '0.75']);
    expect(below.code).toBe(1);
    expect(below.stderr).toContain('version 2 scored 0.500, below --min-score 0.75');
    expect(JSON.parse((await assay(['eval', 'get', id, '--json'])).stdout)).toMatchObject({ id, status: 'completed' });

    const rows = await assay(['eval', 'rows', id]);
    expect(rows.code, rows.stderr).toBe(0);
    expect(rows.stdout).toMatch(/^INDEX\s+INPUT\s+EXPECTED\s+V1 OUTPUT\s+V1 SCORE\s+V1 PASSED\s+V2 OUTPUT\s+V2 SCORE\s+V2 PASSED$/m);
    expect(rows.stdout).toMatch(
      /^0\s+\{"n":7\S*\s+\{"verdict":"buy"\}\s+\{"verdict":"buy"\S*\s+1\.000\s+yes\s+\{"verdict":"buy"\S*\s+1\.000\s+yes$/m,
    );
    expect(rows.stdout).toMatch(
      /^1\s+\{"n":2\S*\s+\{"verdict":"sell"\}\s+\{"verdict":"sell"\S*\s+1\.000\s+yes\s+\{"verdict":"buy"\S*\s+0\.000\s+no$/m,
    );
    expect(rows.stdout.trimEnd().split('\n')).toHaveLength(5);

    const failing = await assay(['eval', 'rows', id, '--failing']);
    expect(failing.code, failing.stderr).toBe(0);
    expect(
      failing.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['INDEX', '1', '3']);
    const asJson = JSON.parse((await assay(['eval', 'rows', id, '--failing', '--json'])).stdout);
    expect(asJson.map((r: { index: number }) => r.index)).toEqual([1, 3]);
    expect(asJson[0]).toMatchObject({
      index: 1,
      expected: { verdict: 'sell' },
      versions: [
        { version: 1, status: 'completed', output: { verdict: 'sell', double: 4 }, score: 1, passed: true },
        { version: 2, status: 'completed', output: { verdict: 'buy', double: 5 }, score: 0, passed: false },
      ],
    });
  });

  it('reads rows from a CSV @file (cells typed by the inputs they fill, through --map) and from a JSON Lines @file', async () => {
    const csv = file('rows.csv', `amount,expectedVerdict\n${ROWS.map((r) => `${r.n},${r.expectedVerdict}`).join('\n')}\n`);
    const fromCsv = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1,2',
      '--inputs',
      `@${csv}`,
      '--map',
      'n=amount',
      '--expect',
      'verdict=expectedVerdict',
      '--scorer',
      'exact:verdict',
      '--json',
      '--no-progress',
      '--interval',
      '100',
    ]);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const evaluation = JSON.parse(fromCsv.stdout);
    expect(evaluation).toMatchObject({ status: 'completed', rows: 4, mapping: { n: 'amount' } });
    expect(evaluation.versions.map((v: { score: number; runs: object }) => [v.score, v.runs])).toEqual([
      [1, { total: 4, completed: 4, failed: 0 }],
      [0.5, { total: 4, completed: 4, failed: 0 }],
    ]);

    const jsonl = file('rows.jsonl', ROWS.map((r) => JSON.stringify({ amount: r.n, want: r.expectedVerdict })).join('\n'));
    const mapped = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1',
      '--inputs',
      `@${jsonl}`,
      '--map',
      'n=amount',
      '--expect',
      'verdict=want',
      '--min-score',
      '1',
      '--interval',
      '100',
    ]);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(mapped.stdout).toMatch(tableRow(1, '1.000', '100%', '1.000'));

    const bad = file('bad.csv', 'n,expectedVerdict\n7,buy\nseven,buy\n');
    const refused = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1',
      '--inputs',
      `@${bad}`,
      '--expect',
      'verdict=expectedVerdict',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad} row 2 column n: "seven" is not a number`);
  });

  it('sends each --scorer spec as its scorer and shows a column per scorer', async () => {
    const result = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1,2',
      '--inputs',
      JSON.stringify(ROWS),
      '--expect',
      'verdict=expectedVerdict',
      '--expect',
      'double=expectedDouble',
      '--scorer',
      'exact:verdict',
      '--scorer',
      'numeric:0.5:double',
      '--scorer',
      'contains:verdict',
      '--scorer',
      'regex:^(buy|sell)$:verdict',
      '--scorer',
      'jsonata:output.double = expected.double',
      '--json',
      '--no-progress',
      '--interval',
      '100',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const evaluation = JSON.parse(result.stdout);
    expect(evaluation.scorers).toMatchObject([
      { type: 'exact', field: 'verdict' },
      { type: 'numeric', tolerance: 0.5, field: 'double' },
      { type: 'contains', field: 'verdict' },
      { type: 'regex', pattern: '^(buy|sell)$', field: 'verdict' },
      { type: 'jsonata', expression: 'output.double = expected.double' },
    ]);
    const [v1, v2] = evaluation.versions;
    expect(v1.score).toBe(1);
    expect(v1.scorers.map((s: { score: number }) => s.score)).toEqual([1, 1, 1, 1, 1]);
    expect(v2.scorers.map((s: { score: number }) => s.score)).toEqual([0.5, 0, 0.5, 1, 0]);

    const table = await assay(['eval', 'get', evaluation.id]);
    expect(table.code, table.stderr).toBe(0);
    const header = table.stdout.split('\n').find((line) => line.startsWith('VERSION')) as string;
    for (const s of v1.scorers as Array<{ scorer: string }>) expect(header).toContain(s.scorer.toUpperCase());
  });

  it('refuses a bad --scorer, --versions or missing rows before sending anything (exit 2, naming it)', async () => {
    // A server that cannot be reached: a request would exit 1, not 2.
    const offline = { ASSAY_URL: 'http://127.0.0.1:9' };
    const fuzzy = await assay(['eval', 'run', workflowId, '--versions', '1', '--inputs', '[{"n":1}]', '--scorer', 'fuzzy'], offline);
    expect(fuzzy.code).toBe(2);
    expect(fuzzy.stdout).toBe('');
    expect(fuzzy.stderr).toMatch(/^error: --scorer "fuzzy": unknown scorer "fuzzy"/m);

    const tolerance = await assay(
      ['eval', 'run', workflowId, '--versions', '1', '--inputs', '[{"n":1}]', '--scorer', 'numeric:lots'],
      offline,
    );
    expect(tolerance.code).toBe(2);
    expect(tolerance.stderr).toContain('--scorer "numeric:lots"');

    const regex = await assay(
      ['eval', 'run', workflowId, '--versions', '1', '--inputs', '[{"n":1}]', '--scorer', 'regex:(unclosed'],
      offline,
    );
    expect(regex.code).toBe(2);
    expect(regex.stderr).toContain('--scorer "regex:(unclosed": not a regular expression');

    const versions = await assay(['eval', 'run', workflowId, '--versions', '1,one', '--inputs', '[{"n":1}]', '--scorer', 'exact'], offline);
    expect(versions.code).toBe(2);
    expect(versions.stderr).toContain("'--versions <list>' argument '1,one' is invalid");

    const noRows = await assay(['eval', 'run', workflowId, '--versions', '1', '--scorer', 'exact'], offline);
    expect(noRows.code).toBe(2);
    expect(noRows.stderr).toContain('give the rows with --dataset <name or id> or --inputs');

    const notAList = await assay(['eval', 'run', workflowId, '--versions', '1', '--inputs', '{"n":1}', '--scorer', 'exact'], offline);
    expect(notAList.code).toBe(2);
    expect(notAList.stderr).toContain('--inputs must be a JSON array of objects');
  });

  it('takes the rows from a dataset named by its name (or id), and names a dataset that does not exist', async () => {
    const dataset = await server.api('POST', '/v1/datasets', { name: 'companies', rows: ROWS });
    expect(dataset.status).toBe(201);
    const byName = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1',
      '--dataset',
      'companies',
      '--expect',
      'verdict=expectedVerdict',
      '--scorer',
      'exact',
      '--min-score',
      '0.9',
      '--no-progress',
      '--json',
    ]);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({ status: 'completed', rows: ROWS.length, versions: [{ version: 1, score: 1 }] });
    const missing = await assay([
      'eval',
      'run',
      workflowId,
      '--versions',
      '1',
      '--dataset',
      'nope',
      '--scorer',
      'exact',
      '--expect',
      'verdict=v',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no dataset named "nope"');
  });

  it("exits 1 with the server's message for a version or a workflow that does not exist", async () => {
    const unknownVersion = await evaluate('1,9', ['--scorer', 'exact']);
    expect(unknownVersion.code).toBe(1);
    expect(unknownVersion.stdout).toBe('');
    expect(unknownVersion.stderr).toMatch(/^error: .*version 9 .*not found/m);
    expect(unknownVersion.stderr).toContain('versions[1]');

    const unknownWorkflow = await assay([
      'eval',
      'run',
      'f'.repeat(24),
      '--versions',
      '1',
      '--inputs',
      JSON.stringify(ROWS),
      '--expect',
      'verdict=expectedVerdict',
    ]);
    expect(unknownWorkflow.code).toBe(1);
    expect(unknownWorkflow.stdout).toBe('');
    expect(unknownWorkflow.stderr).toMatch(/^error: .*not found/m);
  });
});
