import { describe, expect, it } from 'vitest';
import { compareFields, fieldDiff, formatPath } from './field-diff';

describe('fieldDiff', () => {
  it('finds nothing between equal values', () => {
    const value = { verdict: 'buy', figures: { revenue: 12, years: [2023, 2024] }, notes: null };
    expect(fieldDiff(value, structuredClone(value))).toEqual([]);
    expect(fieldDiff([1, [2, { a: 3 }]], [1, [2, { a: 3 }]])).toEqual([]);
    expect(fieldDiff('text', 'text')).toEqual([]);
    expect(fieldDiff(null, null)).toEqual([]);
    expect(fieldDiff(undefined, undefined)).toEqual([]);
  });

  it('names nested changes by dotted path, with the values before and after', () => {
    const before = { verdict: 'hold', figures: { revenue: 12, margin: { gross: 0.4, net: 0.1 } } };
    const after = { verdict: 'buy', figures: { revenue: 15, margin: { gross: 0.4, net: 0.12 } } };
    expect(fieldDiff(before, after)).toEqual([
      { path: 'verdict', type: 'changed', before: 'hold', after: 'buy' },
      { path: 'figures.revenue', type: 'changed', before: 12, after: 15 },
      { path: 'figures.margin.net', type: 'changed', before: 0.1, after: 0.12 },
    ]);
  });

  it('lists added and removed keys with the one value they have', () => {
    const changes = fieldDiff({ a: 1, gone: { deep: true } }, { a: 1, fresh: [1, 2] });
    expect(changes).toEqual([
      { path: 'gone', type: 'removed', before: { deep: true } },
      { path: 'fresh', type: 'added', after: [1, 2] },
    ]);
    expect(changes[0]).not.toHaveProperty('after');
    expect(changes[1]).not.toHaveProperty('before');
  });

  it('compares list items by position: [n] in the path, items added or removed at the end', () => {
    expect(
      fieldDiff(
        { items: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] },
        { items: [{ name: 'a' }, { name: 'b' }, { name: 'C' }, { name: 'd' }] },
      ),
    ).toEqual([
      { path: 'items[2].name', type: 'changed', before: 'c', after: 'C' },
      { path: 'items[3]', type: 'added', after: { name: 'd' } },
    ]);
    expect(fieldDiff([1, 2, 3], [1, 2])).toEqual([{ path: '[2]', type: 'removed', before: 3 }]);
    expect(fieldDiff({ m: [[1, 2]] }, { m: [[1, 5]] })).toEqual([{ path: 'm[0][1]', type: 'changed', before: 2, after: 5 }]);
  });

  it('reports a change of type as one change of the whole value', () => {
    expect(fieldDiff({ a: { x: 1 } }, { a: [1] })).toEqual([{ path: 'a', type: 'changed', before: { x: 1 }, after: [1] }]);
    expect(fieldDiff({ a: { x: 1 } }, { a: null })).toEqual([{ path: 'a', type: 'changed', before: { x: 1 }, after: null }]);
    expect(fieldDiff({ a: '1' }, { a: 1 })).toEqual([{ path: 'a', type: 'changed', before: '1', after: 1 }]);
    expect(fieldDiff({ a: 0 }, { a: false })).toEqual([{ path: 'a', type: 'changed', before: 0, after: false }]);
    // At the top: the value as a whole, path "".
    expect(fieldDiff({ a: 1 }, [1])).toEqual([{ path: '', type: 'changed', before: { a: 1 }, after: [1] }]);
    expect(fieldDiff(null, { a: 1 })).toEqual([{ path: '', type: 'changed', before: null, after: { a: 1 } }]);
    expect(fieldDiff('old', 'new')).toEqual([{ path: '', type: 'changed', before: 'old', after: 'new' }]);
    expect(fieldDiff(undefined, 3)).toEqual([{ path: '', type: 'added', after: 3 }]);
    expect(fieldDiff({ a: 1 }, undefined)).toEqual([{ path: '', type: 'removed', before: { a: 1 } }]);
  });

  it('quotes keys that are not identifiers, and treats keys like __proto__ and toString as data', () => {
    const before = JSON.parse('{"a b": 1, "2024": {"q.1": 2}, "é": 3, "": 4, "__proto__": {"x": 1}, "ok": {"\\"": 5}}');
    const after = JSON.parse('{"a b": 2, "2024": {"q.1": 3}, "é": 4, "": 5, "__proto__": {"x": 2}, "ok": {"\\"": 6}, "toString": 7}');
    expect(fieldDiff(before, after)).toEqual([
      { path: '["2024"]["q.1"]', type: 'changed', before: 2, after: 3 },
      { path: '["a b"]', type: 'changed', before: 1, after: 2 },
      { path: '["é"]', type: 'changed', before: 3, after: 4 },
      { path: '[""]', type: 'changed', before: 4, after: 5 },
      { path: '__proto__.x', type: 'changed', before: 1, after: 2 },
      { path: 'ok["\\""]', type: 'changed', before: 5, after: 6 },
      { path: 'toString', type: 'added', after: 7 },
    ]);
    // A key the other side lacks is not found on its prototype.
    expect(fieldDiff({ constructor: 1, hasOwnProperty: 2 }, {})).toEqual([
      { path: 'constructor', type: 'removed', before: 1 },
      { path: 'hasOwnProperty', type: 'removed', before: 2 },
    ]);
    expect(fieldDiff({}, { valueOf: 1 })).toEqual([{ path: 'valueOf', type: 'added', after: 1 }]);
  });

  it('stops at the limit, and compareFields says the list was cut', () => {
    const before = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, i]));
    const after = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}`, -i]));
    // k0: 0 and -0 are the same JSON.
    expect(fieldDiff(before, after)).toHaveLength(29);
    expect(fieldDiff(before, after, 10).map((c) => c.path)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10']);
    expect(fieldDiff(before, after, 0)).toEqual([]);
    expect(compareFields(before, after, { limit: 10 })).toMatchObject({ truncated: true });
    expect(compareFields(before, after, { limit: 29 })).toMatchObject({ truncated: false });
    const items = Array.from({ length: 2000 }, (_, i) => i);
    expect(fieldDiff({ items }, { items: items.map((i) => i + 1) })).toHaveLength(1000);
  });

  it('compares normalised strings but reports the original values', () => {
    const before = { url: '/v1/workflow-runs/aaa/artifacts/memo.md', title: 'Run aaa', other: '/v1/workflow-runs/aaa/artifacts/x.md' };
    const after = { url: '/v1/workflow-runs/bbb/artifacts/memo.md', title: 'Run bbb', other: '/v1/workflow-runs/bbb/artifacts/y.md' };
    const own = (id: string) => (text: string) => text.replaceAll(`/v1/workflow-runs/${id}/`, '/v1/workflow-runs/{run}/');
    expect(compareFields(before, after, { normaliseBefore: own('aaa'), normaliseAfter: own('bbb') }).changes).toEqual([
      { path: 'title', type: 'changed', before: 'Run aaa', after: 'Run bbb' },
      { path: 'other', type: 'changed', before: before.other, after: after.other },
    ]);
  });

  it('formats paths', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['figures', 'revenue'])).toBe('figures.revenue');
    expect(formatPath(['items', 2, 'name'])).toBe('items[2].name');
    expect(formatPath([0, '$ref', '_x1'])).toBe('[0].$ref._x1');
    expect(formatPath(['a-b', 'c'])).toBe('["a-b"].c');
  });
});
