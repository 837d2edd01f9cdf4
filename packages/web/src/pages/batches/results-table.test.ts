import { describe, expect, it } from 'vitest';
import { flattenOutput, outputColumns, sortRows, type RunRow } from './results-table';

const row = (id: string, output: unknown, extra: Partial<RunRow> = {}): RunRow => ({
  id,
  workflowId: 'w',
  workflowVersion: 1,
  status: 'completed',
  input: {},
  output,
  error: null,
  createdAt: `2026-01-01T00:00:0${id}.000Z`,
  startedAt: '2026-01-01T00:00:00.000Z',
  completedAt: '2026-01-01T00:00:01.000Z',
  trigger: 'batch',
  batchId: 'b',
  parentRunId: null,
  replayOf: null,
  budget: null,
  cost: { usd: 0, tokens: 0 },
  waitReason: null,
  metadata: {},
  ...extra,
});

describe('batch results table', () => {
  it('flattens outputs to dotted columns at any depth, as the CSV export does', () => {
    expect(flattenOutput({ score: 3, memo: { url: '/x', bytes: 2, meta: { pages: 4 } }, tags: ['a'], empty: {} })).toEqual({
      score: 3,
      'memo.url': '/x',
      'memo.bytes': 2,
      'memo.meta.pages': 4,
      tags: ['a'],
      empty: {},
    });
    expect(flattenOutput('text')).toEqual({ output: 'text' });
    expect(flattenOutput(null)).toEqual({});
    expect(outputColumns([row('1', { a: 1 }), row('2', { b: { c: 2 } }), row('3', null)])).toEqual(['a', 'b.c']);
  });

  it('sorts by output fields numerically, empty cells last', () => {
    const rows = [row('1', { score: 10 }), row('2', { score: 9 }), row('3', null, { status: 'failed' }), row('4', { score: 100 })];
    expect(sortRows(rows, 'output:score', 'asc').map((r) => r.id)).toEqual(['2', '1', '4', '3']);
    expect(sortRows(rows, 'output:score', 'desc').map((r) => r.id)).toEqual(['4', '1', '2', '3']);
    expect(sortRows(rows, 'status', 'asc').map((r) => r.id)).toEqual(['1', '2', '4', '3']);
    expect(sortRows(rows, 'createdAt', 'desc').map((r) => r.id)).toEqual(['4', '3', '2', '1']);
  });
});
