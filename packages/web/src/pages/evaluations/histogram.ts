import type { EvaluationRow } from '@assay/schema';

/** One bar group of a histogram: values from `from` (inclusive) to `to` (exclusive; the last bin includes its end). */
export interface Bin {
  from: number;
  to: number;
  /** How many values of each series fall in the bin. */
  counts: number[];
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 2.5, 5, 10]) if (factor * power >= raw - 1e-9 * power) return factor * power;
  return 10 * power;
}

/**
 * Bins shared by every series (so their bars line up): about `target` bins of a round width over
 * the range of all the values together. No values, no bins; all values equal, one bin.
 */
export function histogram(series: ReadonlyArray<readonly number[]>, target = 10): Bin[] {
  const all = series.flat().filter((value) => Number.isFinite(value));
  if (all.length === 0) return [];
  const min = Math.min(...all);
  const max = Math.max(...all);
  if (min === max) return [{ from: min, to: max, counts: series.map((values) => values.filter((value) => value === min).length) }];
  const width = niceStep((max - min) / Math.max(1, target));
  const start = Math.floor(min / width) * width;
  const count = Math.max(1, Math.ceil((max - start) / width - 1e-9));
  const bins: Bin[] = Array.from({ length: count }, (_, index) => ({
    from: start + index * width,
    to: start + (index + 1) * width,
    counts: series.map(() => 0),
  }));
  series.forEach((values, which) => {
    for (const value of values) {
      if (!Number.isFinite(value)) continue;
      const index = Math.min(count - 1, Math.max(0, Math.floor((value - start) / width)));
      (bins[index] as Bin).counts[which]! += 1;
    }
  });
  return bins;
}

/** Each version's run latencies (ms) across the rows, in the order of `versions`; rows not finished are left out. */
export function latencySeries(rows: readonly EvaluationRow[], versions: readonly number[]): number[][] {
  return versions.map((version) =>
    rows.flatMap((row) => {
      const latency = row.versions.find((entry) => entry.version === version)?.latencyMs;
      return latency === null || latency === undefined ? [] : [latency];
    }),
  );
}

/** `120–140 ms`, `1.5–2 s`: a bin's range in one unit. */
export function binLabel(bin: Pick<Bin, 'from' | 'to'>): string {
  const seconds = bin.to >= 2000;
  const show = (ms: number) => (seconds ? `${trim(ms / 1000)}` : `${trim(ms)}`);
  const unit = seconds ? 's' : 'ms';
  return bin.from === bin.to ? `${show(bin.from)} ${unit}` : `${show(bin.from)}–${show(bin.to)} ${unit}`;
}

function trim(value: number): string {
  return String(Math.round(value * 100) / 100);
}
