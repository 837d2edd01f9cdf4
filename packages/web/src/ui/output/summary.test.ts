import { describe, expect, it } from 'vitest';
import { outputSummary } from './summary';

describe('outputSummary', () => {
  const ok = (output: unknown) => outputSummary({ status: 'completed', output });
  it('counts records, items, fields and characters', () => {
    expect(ok({ count: 2, rows: [{ a: 1 }, { a: 2 }] })).toBe('✓ 2 records in rows');
    expect(ok([{ a: 1 }])).toBe('✓ 1 record');
    expect(ok([1, 2, 3])).toBe('✓ 3 items');
    expect(ok({ score: 3, verdict: 'buy', reasons: [], extra: 1 })).toBe('✓ score, verdict, reasons, +1');
    expect(ok('hello')).toBe('✓ text, 5 characters');
    expect(ok(42)).toBe('✓ 42');
    expect(ok(null)).toBe('✓ no output');
  });
  it('says when it failed', () => {
    expect(outputSummary({ status: 'failed', output: null })).toBe('✗ failed');
  });
});
