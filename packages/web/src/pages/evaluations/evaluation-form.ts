import type { ErrorDetail, Scorer } from '@assay/schema';
import type { InputSpec } from '../../ui/input-mapping';

/** At most this many versions are compared at once (the server's MAX_EVALUATION_VERSIONS; a local copy keeps zod out of the bundle). */
export const MAX_VERSIONS = 5;
/** At most this many scorers (MAX_EVALUATION_SCORERS). */
export const MAX_SCORERS = 10;

export type ScorerType = Scorer['type'];

/** The scorer types in the order the form offers them, with what each is called there. */
export const SCORER_TYPES: ReadonlyArray<{ type: ScorerType; label: string }> = [
  { type: 'exact', label: 'Exact match' },
  { type: 'numeric', label: 'Number within a tolerance' },
  { type: 'contains', label: 'Contains the expected text' },
  { type: 'regex', label: 'Matches a pattern' },
  { type: 'jsonata', label: 'JSONata expression' },
  { type: 'judge', label: 'AI judge' },
];

/** A scorer as the form edits it: every field of every type, as text where the user types it. */
export interface ScorerForm {
  type: ScorerType;
  /** Output path of `expected` it looks at; empty: each of them. */
  field: string;
  caseSensitive: boolean;
  tolerance: string;
  relative: boolean;
  pattern: string;
  flags: string;
  name: string;
  expression: string;
  rubric: string;
  model: string;
  threshold: string;
}

/** A new scorer of `type`, with the server's defaults shown (exact compares case, contains ignores it). */
export function blankScorer(type: ScorerType = 'exact'): ScorerForm {
  return {
    type,
    field: '',
    caseSensitive: type !== 'contains',
    tolerance: '',
    relative: false,
    pattern: '',
    flags: '',
    name: '',
    expression: '',
    rubric: '',
    model: '',
    threshold: '',
  };
}

/** Switches a scorer's type, keeping what both types share (field, name) and taking the new type's defaults. */
export function changeScorerType(form: ScorerForm, type: ScorerType): ScorerForm {
  return { ...blankScorer(type), field: form.field, name: form.name };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function optionalText(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

function thresholdOf(text: string): Parsed<number | undefined> {
  if (text.trim() === '') return { ok: true, value: undefined };
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 1) return { ok: false, error: 'the threshold is a number from 0 to 1' };
  return { ok: true, value };
}

/**
 * The `Scorer` the server is sent, or what is missing. Only what the form can know is checked here
 * (required fields, numbers); the rest (a pattern's flags, an expression's syntax) is the server's
 * to refuse, naming the field.
 */
export function scorerFromForm(form: ScorerForm): Parsed<Scorer> {
  const field = optionalText(form.field);
  switch (form.type) {
    case 'exact':
      return { ok: true, value: { type: 'exact', field, caseSensitive: form.caseSensitive } };
    case 'contains':
      return { ok: true, value: { type: 'contains', field, caseSensitive: form.caseSensitive } };
    case 'numeric': {
      const tolerance = Number(form.tolerance);
      if (form.tolerance.trim() === '' || !Number.isFinite(tolerance) || tolerance < 0)
        return { ok: false, error: 'give the tolerance: a number, 0 or more' };
      return { ok: true, value: { type: 'numeric', field, tolerance, relative: form.relative } };
    }
    case 'regex': {
      const pattern = form.pattern === '' ? undefined : form.pattern;
      return { ok: true, value: { type: 'regex', field, pattern, flags: optionalText(form.flags) } };
    }
    case 'jsonata': {
      const expression = form.expression.trim();
      if (expression === '') return { ok: false, error: 'write the expression' };
      const threshold = thresholdOf(form.threshold);
      if (!threshold.ok) return threshold;
      return { ok: true, value: { type: 'jsonata', name: optionalText(form.name), expression, threshold: threshold.value } };
    }
    case 'judge': {
      const rubric = form.rubric.trim();
      if (rubric === '') return { ok: false, error: 'write the rubric' };
      const threshold = thresholdOf(form.threshold);
      if (!threshold.ok) return threshold;
      return {
        ok: true,
        value: { type: 'judge', name: optionalText(form.name), rubric, model: optionalText(form.model), threshold: threshold.value },
      };
    }
  }
}

/** A scorer as its result columns name it: `exact:verdict`, `numeric`, a JSONata scorer's or judge's name, `jsonata`, `judge`. */
export function scorerLabel(scorer: Scorer): string {
  if (scorer.type === 'jsonata' || scorer.type === 'judge') return scorer.name ?? scorer.type;
  return scorer.field ? `${scorer.type}:${scorer.field}` : scorer.type;
}

/** A scorer in words, for the evaluation's page. */
export function describeScorer(scorer: Scorer): string {
  const on = 'field' in scorer && scorer.field ? ` on ${scorer.field}` : '';
  switch (scorer.type) {
    case 'exact':
      return `Exact match${on}${scorer.caseSensitive === false ? ', ignoring case' : ''}`;
    case 'contains':
      return `Contains the expected text${on}${scorer.caseSensitive ? ', matching case' : ''}`;
    case 'numeric':
      return `Number${on} within ${scorer.relative ? `${scorer.tolerance * 100}%` : `± ${scorer.tolerance}`}`;
    case 'regex':
      return `Matches ${scorer.pattern ? `/${scorer.pattern}/${scorer.flags ?? ''}` : 'the expected pattern'}${on}`;
    case 'jsonata':
      return `${scorer.name ?? 'JSONata'}: ${scorer.expression}`;
    case 'judge':
      return `${scorer.name ?? 'AI judge'}${scorer.model ? ` (${scorer.model})` : ''}: ${scorer.rubric}`;
  }
}

export { autoMapping as defaultMapping, unmappedRequired, type InputSpec } from '../../ui/input-mapping';

/** The inputs of several versions together (a later version's declaration of a name wins). */
export function mergedInputs(definitions: ReadonlyArray<{ inputs?: Record<string, InputSpec> } | undefined>): Record<string, InputSpec> {
  return Object.assign({}, ...definitions.map((definition) => definition?.inputs ?? {})) as Record<string, InputSpec>;
}

/** Every key of the rows, in the order first seen. */
export function columnsOfRows(rows: ReadonlyArray<Record<string, unknown>>): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/** Pasted rows: a JSON array of objects, or one object per line (JSON Lines). */
export function parseJsonRows(text: string): Parsed<Array<Record<string, unknown>>> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'paste the rows: a JSON array of objects' };
  let rows: unknown;
  try {
    rows = JSON.parse(trimmed);
  } catch (error) {
    const lines = trimmed.split('\n').filter((line) => line.trim() !== '');
    try {
      rows = lines.map((line) => JSON.parse(line) as unknown);
    } catch {
      return { ok: false, error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  if (!Array.isArray(rows)) rows = [rows];
  const list = rows as unknown[];
  if (list.length === 0) return { ok: false, error: 'the array has no rows' };
  const bad = list.findIndex((row) => typeof row !== 'object' || row === null || Array.isArray(row));
  if (bad >= 0) return { ok: false, error: `row ${bad + 1} is not an object` };
  return { ok: true, value: list as Array<Record<string, unknown>> };
}

/** One line of the form's "expected" table: an output path and the column holding its expected value. */
export interface ExpectedEntry {
  path: string;
  column: string;
}

const OUTPUT_PATH = /^[A-Za-z_$][\w$]*(\.[\w$]+)*$/;

/**
 * Expected fields guessed from the columns: `expectedVerdict`, `expected_verdict` and
 * `expected.verdict` hold the expected `verdict`.
 */
export function defaultExpected(columns: readonly string[]): ExpectedEntry[] {
  return columns.flatMap((column) => {
    const match = /^expected[._\s-]?(.+)$/i.exec(column);
    if (!match) return [];
    const rest = match[1] as string;
    const path = /^[A-Z][a-z]/.test(rest) ? rest[0]!.toLowerCase() + rest.slice(1) : rest;
    return OUTPUT_PATH.test(path) ? [{ path, column }] : [];
  });
}

/** The `expected` object the server is sent (rows with a path and a column), or what is wrong. */
export function expectedRecord(entries: readonly ExpectedEntry[]): Parsed<Record<string, string>> {
  const expected: Record<string, string> = {};
  for (const entry of entries) {
    const path = entry.path.trim();
    if (path === '' && entry.column === '') continue;
    if (path === '') return { ok: false, error: `name the output path for the column ${entry.column}` };
    if (!OUTPUT_PATH.test(path))
      return { ok: false, error: `${path} is not a dotted path into the output, like verdict or figures.revenue` };
    if (entry.column === '') return { ok: false, error: `choose the column holding the expected ${path}` };
    if (path in expected) return { ok: false, error: `${path} is named twice` };
    expected[path] = entry.column;
  }
  return { ok: true, value: expected };
}

/**
 * The server's complaints by the part of the form they belong to: `versions`, `rows` (`datasetId`
 * or `inputs`), `mapping`, `expected`, `scorers[2]`, `concurrency`, `name`, `workflowId`, or
 * `form` for the body as a whole.
 */
export function fieldErrors(details: readonly ErrorDetail[]): Map<string, ErrorDetail[]> {
  const sections = new Map<string, ErrorDetail[]>();
  for (const detail of details) {
    const section = sectionOf(detail.path);
    sections.set(section, [...(sections.get(section) ?? []), detail]);
  }
  return sections;
}

export function sectionOf(path: string): string {
  const scorer = /^scorers\[(\d+)\]/.exec(path);
  if (scorer) return `scorers[${scorer[1]}]`;
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  if (head === 'datasetId' || head === 'inputs') return 'rows';
  if (['versions', 'mapping', 'expected', 'scorers', 'concurrency', 'name', 'workflowId', 'budget'].includes(head)) return head;
  return 'form';
}
