import { compileExpression, evaluateExpression, isolateFailure, limits, runIsolated, siblingModule, type Logger } from '@assay/engine';
import { AssayError, type Scorer, type ScoreResult } from '@assay/schema';
import type { ModelResolver } from '../ai/providers';
import { asNumber, asText, sameValue, valueAt, withinTolerance } from './compare';
import { judge } from './judge';

const REGEX_TEST = siblingModule(import.meta.url, './regex-test');

/** What scoring needs: models for AI judges. */
export interface ScoringDeps {
  ai: ModelResolver;
  /** The model a judge without `model` uses (ASSAY_AI_DEFAULT_MODEL); null: judges must name one. */
  defaultModel: string | null;
  signal: AbortSignal;
  logger?: Logger;
}

/** A row's scores on one version: each scorer's, their mean, whether all passed, and what the judges cost. */
export interface RowScores {
  scores: ScoreResult[];
  score: number;
  passed: boolean;
  judgeCost: { usd: number; tokens: number };
}

/** What one row of one version offers the scorers. */
export interface ScoredRow {
  output: unknown;
  /** Output path → expected value. */
  expected: Record<string, unknown>;
  input: Record<string, unknown>;
}

/** Each scorer's label in results: `exact:verdict`, a given name, or the type; repeated labels get `#2`, `#3`. */
export function scorerLabels(scorers: readonly Scorer[]): string[] {
  const seen = new Map<string, number>();
  return scorers.map((scorer) => {
    const base =
      'name' in scorer && scorer.name ? scorer.name : 'field' in scorer && scorer.field ? `${scorer.type}:${scorer.field}` : scorer.type;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
}

/** Why a scorer cannot work with this evaluation's `expected` (it needs one), or null. */
export function scorerProblem(scorer: Scorer, expectedPaths: readonly string[]): string | null {
  const needsExpected =
    scorer.type === 'exact' || scorer.type === 'numeric' || scorer.type === 'contains' || (scorer.type === 'regex' && !scorer.pattern);
  if ('field' in scorer && scorer.field !== undefined && !expectedPaths.includes(scorer.field))
    return `field "${scorer.field}" is not one of the output paths in \`expected\``;
  if (scorer.type === 'jsonata') {
    try {
      compileExpression(scorer.expression, 'expression');
    } catch (error) {
      return `the expression does not compile: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (scorer.type === 'regex' && scorer.pattern !== undefined) {
    try {
      // Compiling is safe (only matching can run away): a broken pattern is named now, not per row.
      new RegExp(scorer.pattern, scorer.flags);
    } catch (error) {
      return `the pattern is not a regular expression: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  if (needsExpected && expectedPaths.length === 0)
    return `a ${scorer.type} scorer compares with expected values: map output paths to columns in \`expected\``;
  return null;
}

/** The scores one version's completed run earns on a row. */
export async function scoreRow(scorers: readonly Scorer[], row: ScoredRow, deps: ScoringDeps): Promise<RowScores> {
  const labels = scorerLabels(scorers);
  const judgeCost = { usd: 0, tokens: 0 };
  const scores: ScoreResult[] = [];
  for (const [i, scorer] of scorers.entries()) {
    const label = labels[i]!;
    try {
      if (scorer.type === 'jsonata') {
        const value = await evaluateExpression(
          scorer.expression,
          { output: row.output, expected: row.expected, input: row.input },
          `scorers[${i}].expression`,
          {
            signal: deps.signal,
          },
        );
        const score = typeof value === 'boolean' ? Number(value) : typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
        if (score === null)
          scores.push({
            scorer: label,
            score: 0,
            passed: false,
            reason: `the expression gave ${asText(value).slice(0, 100) || 'nothing'}, not true/false or a number from 0 to 1`,
          });
        else scores.push({ scorer: label, score, passed: score >= (scorer.threshold ?? 1), reason: null });
      } else if (scorer.type === 'judge') {
        const verdict = await judge(scorer, row, deps);
        judgeCost.usd += verdict.cost.usd;
        judgeCost.tokens += verdict.cost.tokens;
        scores.push({ scorer: label, score: verdict.score, passed: verdict.score >= (scorer.threshold ?? 0.5), reason: verdict.reason });
      } else {
        scores.push({ scorer: label, ...(await compareFields(scorer, row, deps.signal)) });
      }
    } catch (error) {
      if (deps.signal.aborted) throw error;
      scores.push({ scorer: label, score: 0, passed: false, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  const score = scores.reduce((sum, s) => sum + s.score, 0) / Math.max(1, scores.length);
  return { scores, score, passed: scores.every((s) => s.passed), judgeCost };
}

/** The field scorers: each expected field (or the one named) is compared; the score is the share that pass. */
async function compareFields(
  scorer: Exclude<Scorer, { type: 'jsonata' } | { type: 'judge' }>,
  row: ScoredRow,
  signal: AbortSignal,
): Promise<Omit<ScoreResult, 'scorer'>> {
  const fields = scorer.field !== undefined ? [scorer.field] : Object.keys(row.expected);
  if (fields.length === 0 && scorer.type === 'regex') fields.push('');
  const misses: string[] = [];
  for (const field of fields) {
    const got = valueAt(row.output, field);
    const want = row.expected[field];
    const miss = await compareOne(scorer, got, want, signal);
    if (miss !== null) misses.push(`${field || 'output'}: ${miss}`);
  }
  const score = fields.length === 0 ? 0 : (fields.length - misses.length) / fields.length;
  return { score, passed: misses.length === 0 && fields.length > 0, reason: misses.length > 0 ? misses.join('; ').slice(0, 2000) : null };
}

/** Null when `got` passes against `want`, else what was wrong. */
async function compareOne(
  scorer: Exclude<Scorer, { type: 'jsonata' } | { type: 'judge' }>,
  got: unknown,
  want: unknown,
  signal: AbortSignal,
): Promise<string | null> {
  const shown = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 200));
  switch (scorer.type) {
    case 'exact':
      return sameValue(got, want, scorer.caseSensitive) ? null : `expected ${shown(want)}, got ${shown(got)}`;
    case 'numeric': {
      const [a, b] = [asNumber(got), asNumber(want)];
      if (b === null) return `the expected value ${shown(want)} is not a number`;
      if (a === null) return `expected a number near ${b}, got ${shown(got)}`;
      return withinTolerance(a, b, scorer.tolerance, scorer.relative)
        ? null
        : `expected ${b} ± ${scorer.tolerance}${scorer.relative ? ' (relative)' : ''}, got ${a}`;
    }
    case 'contains': {
      const [text, part] = scorer.caseSensitive ? [asText(got), asText(want)] : [asText(got).toLowerCase(), asText(want).toLowerCase()];
      return part !== '' && text.includes(part) ? null : `${shown(got)} does not contain ${shown(want)}`;
    }
    case 'regex': {
      const pattern = scorer.pattern ?? asText(want);
      const result = await runIsolated<boolean | string>(
        {
          module: REGEX_TEST,
          exportName: 'testPattern',
          input: { pattern, flags: scorer.flags ?? '', text: asText(got).slice(0, 100_000) },
        },
        { timeoutMs: limits().timeoutMs, signal },
      ).catch((error: unknown) => {
        throw isolateFailure(error, { path: 'scorers.pattern', what: 'the pattern' });
      });
      if (typeof result === 'string')
        throw new AssayError('invalid_input', `the pattern /${pattern}/ is not a regular expression: ${result}`);
      return result ? null : `${shown(got)} does not match /${pattern}/${scorer.flags ?? ''}`;
    }
  }
}
