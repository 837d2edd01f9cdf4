import type { Cost, Evaluation, EvaluationStatus, EvaluationVersion } from '@assay/schema';

/** The statuses an evaluation ends in (a local list: importing @assay/schema at runtime would pull zod into the bundle). */
const FINISHED: ReadonlySet<EvaluationStatus> = new Set(['completed', 'failed', 'cancelled']);

export function evaluationFinished(evaluation: Pick<Evaluation, 'status'>): boolean {
  return FINISHED.has(evaluation.status);
}

/** A 0..1 share as a percentage: whole numbers as such (`100%`), others with one decimal (`66.7%`); null as a dash. */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const value = Math.round(share * 1000) / 10;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`;
}

/** Dollars, small amounts with two significant digits (`$0.0042`). */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (value < 1) return `$${value.toPrecision(2)}`;
  return `$${value.toFixed(2)}`;
}

/** `$0.012 · 1,234 tokens`, or `none` for nothing spent. */
export function costText(cost: Cost | null | undefined): string {
  if (!cost || (cost.usd === 0 && cost.tokens === 0)) return 'none';
  return `${usd(cost.usd)} · ${cost.tokens.toLocaleString('en-US')} tokens`;
}

/** A value as one line: strings as they are, everything else as JSON. */
export function valueText(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A value as JSON (strings quoted), for diffs where `"42"` and `42` differ. */
export function jsonText(value: unknown): string {
  if (value === undefined) return '(none)';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `n: 7, company: Acme`: a row's fields on one line, cut at `max` characters. */
export function inputSummary(input: Record<string, unknown>, max = 80): string {
  const text = Object.entries(input)
    .map(([key, value]) => `${key}: ${valueText(value)}`)
    .join(', ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Runs of a version that finished (completed or failed). */
export function finishedRuns(version: Pick<EvaluationVersion, 'runs'>): number {
  return version.runs.completed + version.runs.failed;
}

/** Share of a version's runs that finished, 0..1. */
export function versionProgress(version: Pick<EvaluationVersion, 'runs'>): number {
  return version.runs.total > 0 ? finishedRuns(version) / version.runs.total : 0;
}

/** Share of all runs of the evaluation that finished, 0..1. */
export function evaluationProgress(evaluation: Pick<Evaluation, 'versions'>): number {
  const total = evaluation.versions.reduce((sum, version) => sum + version.runs.total, 0);
  const done = evaluation.versions.reduce((sum, version) => sum + finishedRuns(version), 0);
  return total > 0 ? done / total : 0;
}

/**
 * Changes whenever more rows were scored (what a table of rows shows moves on) and when the
 * evaluation ends: a key to reload the rows by.
 */
export function progressKey(evaluation: Pick<Evaluation, 'versions' | 'status'>): string {
  return `${evaluation.status}:${evaluation.versions.map((version) => `${version.scored}/${finishedRuns(version)}`).join(',')}`;
}

/**
 * Like `progressKey`, but moving on only at each tenth of the runs (and at the end): for loads too
 * big to repeat every second, such as every row's latency for the chart.
 */
export function progressMilestone(evaluation: Pick<Evaluation, 'versions' | 'status'>): string {
  if (evaluationFinished(evaluation)) return evaluation.status;
  return `${evaluation.status}:${Math.floor(evaluationProgress(evaluation) * 10)}`;
}

/** The version with the highest score (the first of equals), or null before any is scored. */
export function bestVersion(evaluation: Pick<Evaluation, 'versions'>): EvaluationVersion | null {
  let best: EvaluationVersion | null = null;
  for (const version of evaluation.versions)
    if (version.score !== null && (best === null || version.score > (best.score as number))) best = version;
  return best;
}
