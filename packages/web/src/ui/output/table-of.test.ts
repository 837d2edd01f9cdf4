import { describe, expect, it } from 'vitest';
import { cellText, tableOf } from './table-of';

describe('tableOf', () => {
  it('draws a list of records itself, with the union of their fields', () => {
    expect(tableOf([{ a: 1 }, { a: 2, b: 'x' }])).toEqual({ path: '', columns: ['a', 'b'], rows: [{ a: 1 }, { a: 2, b: 'x' }], total: 2 });
  });

  it("finds a lookup's rows or a search's results one or two levels down", () => {
    expect(tableOf({ count: 1, rows: [{ name: 'Acme' }] })?.path).toBe('rows');
    expect(tableOf({ data: { results: [{ url: 'u' }] } })?.path).toBe('data.results');
    expect(tableOf({ a: { b: { c: [{ x: 1 }] } } })).toBeNull();
  });

  it('is nothing for scalars, lists of scalars and empty lists', () => {
    expect(tableOf('text')).toBeNull();
    expect(tableOf([1, 2])).toBeNull();
    expect(tableOf([])).toBeNull();
    expect(tableOf({ rows: [] })).toBeNull();
  });

  it('caps the rows drawn but counts them all', () => {
    const table = tableOf(Array.from({ length: 500 }, (_, i) => ({ i })))!;
    expect(table.rows).toHaveLength(200);
    expect(table.total).toBe(500);
  });
});

describe('cellText', () => {
  it('writes scalars plainly and the rest as JSON, cut short', () => {
    expect(cellText(12)).toBe('12');
    expect(cellText(null)).toBe('');
    expect(cellText({ a: [1] })).toBe('{"a":[1]}');
    expect(cellText('x'.repeat(200), 10)).toBe('xxxxxxxxxx…');
  });
});
