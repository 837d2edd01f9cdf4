import { describe, expect, it } from 'vitest';
import {
  blankScorer,
  changeScorerType,
  columnsOfRows,
  defaultExpected,
  defaultMapping,
  describeScorer,
  expectedRecord,
  fieldErrors,
  mergedInputs,
  parseJsonRows,
  scorerFromForm,
  scorerLabel,
  sectionOf,
  unmappedRequired,
  type ScorerForm,
} from './evaluation-form';

const form = (overrides: Partial<ScorerForm>): ScorerForm => ({ ...blankScorer(overrides.type), ...overrides });

describe('scorer forms', () => {
  it('starts each type from the server defaults', () => {
    expect(blankScorer('exact').caseSensitive).toBe(true);
    expect(blankScorer('contains').caseSensitive).toBe(false);
    expect(blankScorer().type).toBe('exact');
    const switched = changeScorerType(form({ type: 'exact', field: 'verdict', caseSensitive: false }), 'contains');
    expect(switched).toMatchObject({ type: 'contains', field: 'verdict', caseSensitive: false });
    expect(changeScorerType(form({ type: 'contains' }), 'exact').caseSensitive).toBe(true);
  });

  it('turns each form into the Scorer the server takes', () => {
    expect(scorerFromForm(form({ type: 'exact' }))).toEqual({ ok: true, value: { type: 'exact', field: undefined, caseSensitive: true } });
    expect(scorerFromForm(form({ type: 'exact', field: ' verdict ', caseSensitive: false }))).toEqual({
      ok: true,
      value: { type: 'exact', field: 'verdict', caseSensitive: false },
    });
    expect(scorerFromForm(form({ type: 'contains', field: 'summary' }))).toEqual({
      ok: true,
      value: { type: 'contains', field: 'summary', caseSensitive: false },
    });
    expect(scorerFromForm(form({ type: 'numeric', field: 'revenue', tolerance: '0.05', relative: true }))).toEqual({
      ok: true,
      value: { type: 'numeric', field: 'revenue', tolerance: 0.05, relative: true },
    });
    expect(scorerFromForm(form({ type: 'regex', pattern: '^(buy|sell)$', flags: 'i' }))).toEqual({
      ok: true,
      value: { type: 'regex', field: undefined, pattern: '^(buy|sell)$', flags: 'i' },
    });
    expect(scorerFromForm(form({ type: 'regex' }))).toEqual({
      ok: true,
      value: { type: 'regex', field: undefined, pattern: undefined, flags: undefined },
    });
    expect(
      scorerFromForm(form({ type: 'jsonata', name: 'same', expression: ' output.verdict = expected.verdict ', threshold: '' })),
    ).toEqual({
      ok: true,
      value: { type: 'jsonata', name: 'same', expression: 'output.verdict = expected.verdict', threshold: undefined },
    });
    expect(scorerFromForm(form({ type: 'judge', rubric: 'Is it right?', model: 'openai:gpt-4o-mini', threshold: '0.7' }))).toEqual({
      ok: true,
      value: { type: 'judge', name: undefined, rubric: 'Is it right?', model: 'openai:gpt-4o-mini', threshold: 0.7 },
    });
  });

  it('says what a scorer is missing', () => {
    expect(scorerFromForm(form({ type: 'numeric' }))).toMatchObject({ ok: false, error: expect.stringContaining('tolerance') });
    expect(scorerFromForm(form({ type: 'numeric', tolerance: '-1' }))).toMatchObject({ ok: false });
    expect(scorerFromForm(form({ type: 'numeric', tolerance: 'abc' }))).toMatchObject({ ok: false });
    expect(scorerFromForm(form({ type: 'numeric', tolerance: '0' }))).toMatchObject({ ok: true });
    expect(scorerFromForm(form({ type: 'jsonata', expression: '  ' }))).toMatchObject({ ok: false, error: 'write the expression' });
    expect(scorerFromForm(form({ type: 'judge' }))).toMatchObject({ ok: false, error: 'write the rubric' });
    expect(scorerFromForm(form({ type: 'judge', rubric: 'x', threshold: '2' }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('0 to 1'),
    });
  });

  it('labels scorers as their result columns do, and describes them', () => {
    expect(scorerLabel({ type: 'exact', field: 'verdict', caseSensitive: true })).toBe('exact:verdict');
    expect(scorerLabel({ type: 'numeric', tolerance: 1, relative: false })).toBe('numeric');
    expect(scorerLabel({ type: 'judge', rubric: 'r' })).toBe('judge');
    expect(scorerLabel({ type: 'jsonata', name: 'same verdict', expression: 'true' })).toBe('same verdict');
    expect(describeScorer({ type: 'exact', field: 'verdict', caseSensitive: true })).toBe('Exact match on verdict');
    expect(describeScorer({ type: 'exact', caseSensitive: false })).toBe('Exact match, ignoring case');
    expect(describeScorer({ type: 'numeric', field: 'x', tolerance: 0.1, relative: true })).toBe('Number on x within 10%');
    expect(describeScorer({ type: 'numeric', tolerance: 2, relative: false })).toBe('Number within ± 2');
    expect(describeScorer({ type: 'regex', pattern: 'a+', flags: 'i' })).toBe('Matches /a+/i');
    expect(describeScorer({ type: 'judge', rubric: 'Be right', model: 'm' })).toBe('AI judge (m): Be right');
  });
});

describe('rows, mapping and expected values', () => {
  it('maps inputs to same-named columns, ignoring case', () => {
    expect(defaultMapping(['n', 'company', 'year'], ['N', 'company', 'Company', 'expectedVerdict'])).toEqual({
      n: 'N',
      company: 'company',
    });
    expect(defaultMapping(['n'], [])).toEqual({});
  });

  it('names required inputs no column feeds', () => {
    const inputs = { n: { type: 'number' as const, required: true }, m: { type: 'number' as const, required: true, default: 1 } };
    expect(unmappedRequired(inputs, {})).toEqual(['n']);
    expect(unmappedRequired(inputs, { n: 'n' })).toEqual([]);
  });

  it("merges the versions' inputs", () => {
    expect(mergedInputs([{ inputs: { a: { type: 'string' } } }, undefined, { inputs: { b: { type: 'number' } } }])).toEqual({
      a: { type: 'string' },
      b: { type: 'number' },
    });
  });

  it('reads pasted rows as a JSON array or JSON Lines', () => {
    expect(parseJsonRows('[{ "n": 7 }, { "n": 2, "x": 1 }]')).toEqual({ ok: true, value: [{ n: 7 }, { n: 2, x: 1 }] });
    expect(parseJsonRows('{ "n": 7 }\n\n{ "n": 2 }\n')).toEqual({ ok: true, value: [{ n: 7 }, { n: 2 }] });
    expect(parseJsonRows('{ "n": 7 }')).toEqual({ ok: true, value: [{ n: 7 }] });
    expect(parseJsonRows('')).toMatchObject({ ok: false });
    expect(parseJsonRows('[]')).toMatchObject({ ok: false, error: 'the array has no rows' });
    expect(parseJsonRows('[{ "n": 1 }, 2]')).toMatchObject({ ok: false, error: 'row 2 is not an object' });
    expect(parseJsonRows('[{ "n": ')).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
  });

  it("lists the rows' columns in the order first seen", () => {
    expect(
      columnsOfRows([
        { n: 1, expectedVerdict: 'buy' },
        { n: 2, note: 'x' },
      ]),
    ).toEqual(['n', 'expectedVerdict', 'note']);
  });

  it('guesses expected fields from expected… columns', () => {
    expect(defaultExpected(['n', 'expectedVerdict', 'expected_score', 'expected.figures.revenue', 'expected', 'expectedX Y'])).toEqual([
      { path: 'verdict', column: 'expectedVerdict' },
      { path: 'score', column: 'expected_score' },
      { path: 'figures.revenue', column: 'expected.figures.revenue' },
    ]);
    expect(defaultExpected(['expectedURL'])).toEqual([{ path: 'URL', column: 'expectedURL' }]);
  });

  it('builds the expected object, skipping blank lines and naming problems', () => {
    expect(
      expectedRecord([
        { path: 'verdict', column: 'expectedVerdict' },
        { path: '', column: '' },
      ]),
    ).toEqual({
      ok: true,
      value: { verdict: 'expectedVerdict' },
    });
    expect(expectedRecord([])).toEqual({ ok: true, value: {} });
    expect(expectedRecord([{ path: '', column: 'c' }])).toMatchObject({ ok: false });
    expect(expectedRecord([{ path: 'verdict!', column: 'c' }])).toMatchObject({ ok: false, error: expect.stringContaining('dotted path') });
    expect(expectedRecord([{ path: 'verdict', column: '' }])).toMatchObject({ ok: false });
    expect(
      expectedRecord([
        { path: 'a', column: 'x' },
        { path: 'a', column: 'y' },
      ]),
    ).toMatchObject({ ok: false, error: 'a is named twice' });
  });

  it("puts each of the server's complaints with its part of the form", () => {
    expect(sectionOf('scorers[1].flags')).toBe('scorers[1]');
    expect(sectionOf('scorers')).toBe('scorers');
    expect(sectionOf('datasetId')).toBe('rows');
    expect(sectionOf('inputs[3].n')).toBe('rows');
    expect(sectionOf('expected.verdict')).toBe('expected');
    expect(sectionOf('versions[0]')).toBe('versions');
    expect(sectionOf('(body)')).toBe('form');
    const sections = fieldErrors([
      { path: 'scorers[1].flags', message: 'only the flags i, m, s and u' },
      { path: 'versions', message: 'each version once' },
      { path: 'scorers[1].pattern', message: 'too long' },
    ]);
    expect(sections.get('scorers[1]')?.map((detail) => detail.path)).toEqual(['scorers[1].flags', 'scorers[1].pattern']);
    expect(sections.get('versions')).toHaveLength(1);
  });
});
