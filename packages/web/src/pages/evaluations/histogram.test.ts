import { describe, expect, it } from 'vitest';
import type { EvaluationRow } from '@assay/schema';
import { binLabel, histogram, latencySeries, niceStep } from './histogram';

describe('latency histogram', () => {
  it('rounds bin widths to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.3)).toBe(2);
    expect(niceStep(2.2)).toBe(2.5);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.03)).toBeCloseTo(0.05);
    expect(niceStep(450)).toBe(500);
    expect(niceStep(0)).toBe(1);
  });

  it('has no bins without values, and one bin when every value is the same', () => {
    expect(histogram([])).toEqual([]);
    expect(histogram([[], []])).toEqual([]);
    expect(histogram([[5, 5], [5]])).toEqual([{ from: 5, to: 5, counts: [2, 1] }]);
  });

  it('shares round bins between the series and counts every value once', () => {
    const fast = [12, 15, 18, 22, 31];
    const slow = [45, 58, 61, 99, 100];
    const bins = histogram([fast, slow], 10);
    expect(bins[0]!.from).toBe(10);
    expect(bins.at(-1)!.to).toBe(100);
    for (const bin of bins) expect(bin.to - bin.from).toBe(10);
    expect(bins.map((bin) => bin.counts)).toEqual([
      [3, 0],
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [0, 1],
      [0, 0],
      [0, 0],
      [0, 2], // 99 and 100: the last bin includes its end
    ]);
    const total = (which: number) => bins.reduce((sum, bin) => sum + bin.counts[which]!, 0);
    expect(total(0)).toBe(fast.length);
    expect(total(1)).toBe(slow.length);
  });

  it('skips values that are not finite', () => {
    const bins = histogram([[1, Number.NaN, 3, Number.POSITIVE_INFINITY]], 2);
    expect(bins.reduce((sum, bin) => sum + bin.counts[0]!, 0)).toBe(2);
  });

  it('labels bins in ms, or in seconds from 2 s up', () => {
    expect(binLabel({ from: 100, to: 200 })).toBe('100–200 ms');
    expect(binLabel({ from: 1500, to: 2000 })).toBe('1.5–2 s');
    expect(binLabel({ from: 40, to: 40 })).toBe('40 ms');
  });

  it("reads each version's latencies from the rows", () => {
    const entry = (version: number, latencyMs: number | null) => ({
      version,
      runId: null,
      status: 'completed',
      output: null,
      error: null,
      score: null,
      passed: null,
      scores: [],
      latencyMs,
      cost: { usd: 0, tokens: 0 },
      diff: [],
    });
    const rows: EvaluationRow[] = [
      { index: 0, input: {}, expected: {}, versions: [entry(1, 10), entry(2, 20)] },
      { index: 1, input: {}, expected: {}, versions: [entry(1, null), entry(2, 25)] },
      { index: 2, input: {}, expected: {}, versions: [entry(1, 12)] },
    ];
    expect(latencySeries(rows, [1, 2, 3])).toEqual([[10, 12], [20, 25], []]);
  });
});
