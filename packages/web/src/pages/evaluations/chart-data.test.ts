import { describe, expect, it } from 'vitest';
import type { EvaluationVersion } from '@assay/schema';
import { costBars, latencyBars, scoreBars } from './chart-data';

function version(version: number, overrides: Partial<EvaluationVersion> = {}): EvaluationVersion {
  return {
    version,
    batchId: `bat_${version}`,
    score: null,
    passRate: null,
    runs: { total: 4, completed: 4, failed: 0 },
    scored: 4,
    cost: { usd: 0, tokens: 0 },
    judgeCost: { usd: 0, tokens: 0 },
    latencyMs: null,
    scorers: [],
    ...overrides,
  };
}

describe('chart data', () => {
  it('has a score bar per version, in percent', () => {
    expect(scoreBars({ versions: [version(1, { score: 1, passRate: 1 }), version(2, { score: 0.5, passRate: 0.5 }), version(3)] })).toEqual(
      [
        { name: 'v1', score: 100, passRate: 100 },
        { name: 'v2', score: 50, passRate: 50 },
        { name: 'v3', score: 0, passRate: 0 },
      ],
    );
  });

  it('charts cost in dollars, or in tokens when nothing was priced', () => {
    const priced = costBars({
      versions: [version(1, { cost: { usd: 0.02, tokens: 900 }, judgeCost: { usd: 0.01, tokens: 300 } }), version(2)],
    });
    expect(priced).toEqual({
      unit: 'usd',
      bars: [
        { name: 'v1', runs: 0.02, judge: 0.01 },
        { name: 'v2', runs: 0, judge: 0 },
      ],
    });
    const unpriced = costBars({ versions: [version(1, { cost: { usd: 0, tokens: 900 } })] });
    expect(unpriced).toEqual({ unit: 'tokens', bars: [{ name: 'v1', runs: 900, judge: 0 }] });
  });

  it('groups latency counts by bin, a column per version', () => {
    expect(
      latencyBars(
        [
          [10, 12, 25],
          [30, 31],
        ],
        [1, 2],
        2,
      ),
    ).toEqual([
      // 10 to 31 in about two bins: a round width of 20, from 0
      { name: '0–20 ms', v1: 2, v2: 0 },
      { name: '20–40 ms', v1: 1, v2: 2 },
    ]);
    expect(latencyBars([[], []], [1, 2])).toEqual([]);
  });
});
