import type { Evaluation } from '@assay/schema';
import { binLabel, histogram } from './histogram';

/** A bar per version: its score as a percentage (0 before it is scored). */
export function scoreBars(evaluation: Pick<Evaluation, 'versions'>): Array<{ name: string; score: number; passRate: number }> {
  return evaluation.versions.map((version) => ({
    name: `v${version.version}`,
    score: Math.round((version.score ?? 0) * 1000) / 10,
    passRate: Math.round((version.passRate ?? 0) * 1000) / 10,
  }));
}

/**
 * A stacked bar per version: its runs' model calls and its judges' calls, in dollars; in tokens when
 * nothing was priced (a local model, or no model at all).
 */
export function costBars(evaluation: Pick<Evaluation, 'versions'>): {
  unit: 'usd' | 'tokens';
  bars: Array<{ name: string; runs: number; judge: number }>;
} {
  const priced = evaluation.versions.some((version) => version.cost.usd > 0 || version.judgeCost.usd > 0);
  const unit = priced ? 'usd' : 'tokens';
  return {
    unit,
    bars: evaluation.versions.map((version) => ({
      name: `v${version.version}`,
      runs: version.cost[unit],
      judge: version.judgeCost[unit],
    })),
  };
}

/** Histogram rows for grouped bars: the bin's label and, per version (`v1`, `v2`…), how many runs took that long. */
export function latencyBars(
  series: ReadonlyArray<readonly number[]>,
  versions: readonly number[],
  target = 10,
): Array<Record<string, number | string>> {
  return histogram(series, target).map((bin) => {
    const row: Record<string, number | string> = { name: binLabel(bin) };
    versions.forEach((version, index) => {
      row[`v${version}`] = bin.counts[index] ?? 0;
    });
    return row;
  });
}
