import type { Scorer } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import type { ModelResolver } from '../ai/providers';
import { asNumber, sameValue, valueAt, withinTolerance } from './compare';
import { scoreRow, scorerLabels, scorerProblem } from './scorers';

const noModels = {
  ai: {
    resolve: () => {
      throw new Error('no models here');
    },
    redact: (text: string) => text,
  } as ModelResolver,
  defaultModel: null,
  signal: new AbortController().signal,
};

describe('comparing an output with what was expected', () => {
  it('treats a value and its text as equal (CSV cells are text), and nothing looser', () => {
    expect(sameValue(42, '42', true)).toBe(true);
    expect(sameValue(true, ' true ', true)).toBe(true);
    expect(sameValue('Buy', 'buy', true)).toBe(false);
    expect(sameValue('Buy', 'buy', false)).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1 }, true)).toBe(true);
    expect(sameValue({ a: 1 }, '{"a":1}', true)).toBe(false);
    expect(sameValue(null, '', true)).toBe(true);
    expect(sameValue(undefined, 'x', true)).toBe(false);
  });

  it('reads numbers from numbers and numeric text only', () => {
    expect(asNumber('1,250.5')).toBe(1250.5);
    expect(asNumber(' -3e2 ')).toBe(-300);
    expect(asNumber('12 million')).toBeNull();
    expect(asNumber('')).toBeNull();
    expect(asNumber(Number.NaN)).toBeNull();
    expect(asNumber(true)).toBeNull();
  });

  it('checks tolerances absolutely or relative to the expected value, with float slack', () => {
    expect(withinTolerance(0.1 + 0.2, 0.3, 0, false)).toBe(true);
    expect(withinTolerance(105, 100, 5, false)).toBe(true);
    expect(withinTolerance(106, 100, 5, false)).toBe(false);
    expect(withinTolerance(104, 100, 0.05, true)).toBe(true);
    expect(withinTolerance(-106, -100, 0.05, true)).toBe(false);
  });

  it('finds values at dotted paths', () => {
    const output = { figures: { revenue: 12.5 }, list: [1] };
    expect(valueAt(output, 'figures.revenue')).toBe(12.5);
    expect(valueAt(output, '')).toBe(output);
    expect(valueAt(output, 'figures.missing')).toBeUndefined();
    expect(valueAt(output, 'toString')).toBeUndefined();
  });
});

describe('scorers', () => {
  const parse = (scorers: unknown[]) => scorers as Scorer[];

  it('labels each scorer by name, field or type, numbering repeats', () => {
    const scorers = parse([
      { type: 'exact' },
      { type: 'exact', field: 'verdict' },
      { type: 'jsonata', name: 'agrees', expression: 'true' },
      { type: 'exact' },
      { type: 'judge', rubric: 'r' },
    ]);
    expect(scorerLabels(scorers)).toEqual(['exact', 'exact:verdict', 'agrees', 'exact#2', 'judge']);
  });

  it('names what a scorer lacks before anything runs', () => {
    expect(scorerProblem({ type: 'exact', caseSensitive: true }, [])).toMatch(/expected/);
    expect(scorerProblem({ type: 'exact', caseSensitive: true, field: 'x' }, ['verdict'])).toMatch(/"x"/);
    expect(scorerProblem({ type: 'regex', pattern: '(' }, [])).toMatch(/not a regular expression/);
    expect(scorerProblem({ type: 'regex', pattern: '^ok$' }, [])).toBeNull();
    expect(scorerProblem({ type: 'jsonata', expression: 'output.(' }, [])).toMatch(/does not compile/);
    expect(scorerProblem({ type: 'judge', rubric: 'r' }, [])).toBeNull();
  });

  it('scores each expected field, averages the scorers and passes only when all pass', async () => {
    const scorers = parse([
      { type: 'exact', caseSensitive: true },
      { type: 'numeric', field: 'revenue', tolerance: 0.05, relative: true },
      { type: 'contains', field: 'summary', caseSensitive: false },
      { type: 'jsonata', expression: 'output.revenue > 10 ? 1 : 0.25', threshold: 0.5 },
    ]);
    const row = {
      output: { verdict: 'buy', revenue: 12.9, summary: 'Revenue GREW strongly' },
      expected: { verdict: 'buy', revenue: '12.5', summary: 'grew' },
      input: { company: 'Acme' },
    };
    const scored = await scoreRow(scorers, row, noModels);
    expect(scored.scores.map((s) => [s.scorer, s.score, s.passed])).toEqual([
      // exact compares every expected field: revenue 12.9 ≠ 12.5 and the summary differs.
      ['exact', 1 / 3, false],
      ['numeric:revenue', 1, true],
      ['contains:summary', 1, true],
      ['jsonata', 1, true],
    ]);
    expect(scored.scores[0]!.reason).toBe('revenue: expected "12.5", got 12.9; summary: expected "grew", got "Revenue GREW strongly"');
    expect(scored.score).toBeCloseTo((1 / 3 + 3) / 4);
    expect(scored.passed).toBe(false);
  });

  it('scores a broken expression or a judge without a model as a failure with the reason, not an error', async () => {
    const scorers = parse([
      { type: 'jsonata', expression: '"text"' },
      { type: 'judge', rubric: 'Is it right?' },
    ]);
    const scored = await scoreRow(scorers, { output: {}, expected: {}, input: {} }, noModels);
    expect(scored.scores[0]).toMatchObject({ score: 0, passed: false, reason: expect.stringMatching(/not true\/false or a number/) });
    expect(scored.scores[1]).toMatchObject({ score: 0, passed: false, reason: expect.stringMatching(/ASSAY_AI_DEFAULT_MODEL/) });
    expect(scored.judgeCost).toEqual({ usd: 0, tokens: 0 });
  });
});
