import { describe, expect, it } from 'vitest';
import type { FieldChange } from '@assay/schema';
import { changeAt, changedPaths, changeText, flattenValue } from './row-diff';

describe('row diffs', () => {
  it('flattens an output into the paths the diff names', () => {
    expect(flattenValue({ verdict: 'buy', figures: { revenue: 3 }, items: [{ name: 'a' }, 2], none: {}, empty: [] })).toEqual([
      { path: 'verdict', value: 'buy' },
      { path: 'figures.revenue', value: 3 },
      { path: 'items[0].name', value: 'a' },
      { path: 'items[1]', value: 2 },
      { path: 'none', value: {} },
      { path: 'empty', value: [] },
    ]);
    expect(flattenValue('plain')).toEqual([{ path: '', value: 'plain' }]);
    expect(flattenValue(null)).toEqual([{ path: '', value: null }]);
  });

  it('finds the change touching a field, inside or around it', () => {
    const diff: FieldChange[] = [
      { path: 'verdict', type: 'changed', before: 'sell', after: 'buy' },
      { path: 'figures', type: 'added', after: { revenue: 3 } },
      { path: 'items[0].name', type: 'removed', before: 'a' },
    ];
    expect(changeAt('verdict', diff)?.after).toBe('buy');
    expect(changeAt('verdicts', diff)).toBeNull();
    expect(changeAt('figures.revenue', diff)?.type).toBe('added');
    expect(changeAt('items[0]', diff)?.type).toBe('removed');
    expect(changeAt('items[1]', diff)).toBeNull();
    expect(changeAt('', diff)?.path).toBe('verdict');
    expect(changeAt('anything', [{ path: '', type: 'changed', before: 1, after: 2 }])?.path).toBe('');
  });

  it('gathers the paths other versions changed', () => {
    expect(
      changedPaths([
        [],
        [{ path: 'a', type: 'changed' }],
        [
          { path: 'a', type: 'changed' },
          { path: 'b', type: 'added' },
        ],
      ]),
    ).toEqual(['a', 'b']);
  });

  it('describes changes in words, values as JSON', () => {
    expect(changeText({ path: 'verdict', type: 'changed', before: 'sell', after: 'buy' })).toBe('verdict: "sell" → "buy"');
    expect(changeText({ path: 'notes', type: 'added', after: 'new' })).toBe('notes added: "new"');
    expect(changeText({ path: 'score', type: 'removed', before: 3 })).toBe('score removed (was 3)');
    expect(changeText({ path: '', type: 'changed', before: 1, after: 2 })).toBe('(output): 1 → 2');
  });
});
