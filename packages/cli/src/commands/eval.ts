import path from 'node:path';
import { MAX_EVALUATION_VERSIONS, type Evaluation, type EvaluationRow, type InputField } from '@assay/schema';
import type { AssayClient, EvaluationOptions } from '@assay/sdk';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { integer, parseJson, readText } from '../args';
import { clientFor, globals, UsageError } from '../client';
import { printJson, printRecord, printTable } from '../output';

/** Without a terminal, a progress line is printed at most this often (and only when it changed). */
const PLAIN_PROGRESS_EVERY_MS = 3000;

/** Inputs and outputs longer than this are cut in the rows' table (`--json` has them whole). */
const SUMMARY_WIDTH = 40;

/** A dotted path into a run's output, as the API takes it (`verdict`, `figures.revenue`). */
const OUTPUT_PATH = /^[A-Za-z_$][\w$]*(\.[\w$]+)*$/;

/** The scorer types `--scorer` takes (a judge is `--judge`). */
const SCORER_TYPES = ['exact', 'contains', 'numeric', 'regex', 'jsonata'] as const;

type ScorerSpec = EvaluationOptions['scorers'][number];

/** `--versions 3,4`: each a whole number ≥ 1, each once. */
function versionList(value: string): number[] {
  const versions = value.split(',').map((part) => part.trim());
  if (versions.some((v) => !/^\d+$/.test(v) || Number(v) < 1))
    throw new InvalidArgumentError('expected workflow versions separated by commas, like 3,4.');
  const numbers = versions.map(Number);
  if (new Set(numbers).size !== numbers.length) throw new InvalidArgumentError('name each version once.');
  if (numbers.length > MAX_EVALUATION_VERSIONS) throw new InvalidArgumentError(`at most ${MAX_EVALUATION_VERSIONS} versions.`);
  return numbers;
}

/** `--min-score`, from 0 to 1. */
function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1.');
  return n;
}

/** Collects a repeatable option's values (no commander default: help would show `(default: [])`). */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--map input=column` and `--expect path=column` as an object; `option` names the flag in errors. */
function pairs(values: string[], option: string, key: string, check?: (name: string) => string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf('=');
    const name = at < 0 ? '' : value.slice(0, at).trim();
    const column = at < 0 ? '' : value.slice(at + 1).trim();
    if (!name || !column) throw new UsageError(`${option} "${value}": expected ${key}=column`);
    const problem = check?.(name);
    if (problem) throw new UsageError(`${option} "${value}": ${problem}`);
    if (Object.hasOwn(out, name)) throw new UsageError(`${option}: ${key} "${name}" is given twice`);
    out[name] = column;
  }
  return out;
}

/** Splits a trailing `:field` off a spec, when what follows the last colon is an output path. */
function splitField(rest: string): { head: string; field?: string } {
  const at = rest.lastIndexOf(':');
  if (at < 0) return { head: rest };
  return { head: rest.slice(0, at), field: rest.slice(at + 1) };
}

function checkField(spec: string, field: string | undefined): string | undefined {
  if (field === undefined) return undefined;
  if (!OUTPUT_PATH.test(field))
    throw new UsageError(`--scorer "${spec}": "${field}" is not an output path (like verdict or figures.revenue)`);
  return field;
}

/**
 * One `--scorer` spec as the API's scorer: `exact[:field]`, `contains[:field]`,
 * `numeric:<tolerance>[:field]` (a tolerance like `5%` is relative), `regex[:<pattern>][:field]` (or
 * `regex:/<pattern>/<flags>[:field]`), `jsonata:<expression>`. For `regex`, a trailing `:name` is the
 * field only when `--expect` names that output path (so patterns may hold colons).
 */
export function parseScorer(spec: string, expectedPaths: ReadonlySet<string>): ScorerSpec {
  const colon = spec.indexOf(':');
  const type = (colon < 0 ? spec : spec.slice(0, colon)).trim();
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  switch (type) {
    case 'exact':
    case 'contains': {
      if (colon >= 0 && rest === '') throw new UsageError(`--scorer "${spec}": give a field after the colon, or leave the colon out`);
      return { type, ...(colon >= 0 && { field: checkField(spec, rest) }) };
    }
    case 'numeric': {
      const [tolerance = '', field, ...more] = rest.split(':');
      if (more.length > 0) throw new UsageError(`--scorer "${spec}": expected numeric:<tolerance>[:field]`);
      const relative = tolerance.trim().endsWith('%');
      const text = relative ? tolerance.trim().slice(0, -1) : tolerance.trim();
      const n = Number(text);
      if (text === '' || !Number.isFinite(n) || n < 0)
        throw new UsageError(
          `--scorer "${spec}": expected numeric:<tolerance>[:field], the tolerance a number ≥ 0 (or a percentage, like 5%)`,
        );
      return {
        type: 'numeric',
        tolerance: relative ? n / 100 : n,
        ...(relative && { relative: true }),
        ...(field !== undefined && { field: checkField(spec, field) }),
      };
    }
    case 'regex': {
      let pattern = rest;
      let flags: string | undefined;
      let field: string | undefined;
      const literal = /^\/(.+)\/([a-z]*)(?::([^:]+))?$/s.exec(rest);
      if (literal) {
        [, pattern = '', flags, field] = literal;
        if (flags && !/^[imsu]*$/.test(flags)) throw new UsageError(`--scorer "${spec}": only the regex flags i, m, s and u`);
      } else {
        const split = splitField(rest);
        if (split.field !== undefined && expectedPaths.has(split.field)) ({ head: pattern, field } = split);
      }
      try {
        if (pattern) new RegExp(pattern, flags);
      } catch (error) {
        throw new UsageError(`--scorer "${spec}": not a regular expression: ${(error as Error).message}`);
      }
      return {
        type: 'regex',
        ...(pattern && { pattern }),
        ...(flags && { flags }),
        ...(field !== undefined && { field: checkField(spec, field) }),
      };
    }
    case 'jsonata': {
      if (!rest.trim())
        throw new UsageError(`--scorer "${spec}": expected jsonata:<expression>, e.g. 'jsonata:output.total = expected.total'`);
      return { type: 'jsonata', expression: rest };
    }
    default:
      throw new UsageError(
        `--scorer "${spec}": unknown scorer "${type}" (expected ${SCORER_TYPES.join(', ')}; --judge for a model grading by a rubric)`,
      );
  }
}

/** Types a CSV cell for the input it fills, as the server does for batches: numbers, booleans, JSON. */
function typeCell(field: InputField, cell: string, where: string): unknown {
  const text = cell.trim();
  switch (field.type) {
    case 'string':
      return cell;
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n)))
        throw new UsageError(`${where}: "${cell}" is not ${field.type === 'integer' ? 'an integer' : 'a number'}`);
      return n;
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return true;
      if (lower === 'false' || lower === '0') return false;
      throw new UsageError(`${where}: "${cell}" is not true or false`);
    }
    case 'object':
    case 'array':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new UsageError(`${where}: "${cell}" is not JSON (an ${field.type} is written as JSON)`);
      }
  }
}

/**
 * The declared inputs of the evaluated versions (the first version declaring an input decides its
 * type), to type CSV cells. Empty when they cannot be read: the server then reports what is wrong.
 */
async function inputFields(client: AssayClient, workflowId: string, versions: number[]): Promise<Record<string, InputField>> {
  try {
    const wanted = new Set(versions);
    const found = new Map<number, Record<string, InputField>>();
    let lt: string | undefined;
    for (let page = 0; page < 10 && found.size < wanted.size; page++) {
      const listed = await client.workflows.versions(workflowId, { limit: 1000, lt });
      for (const v of listed.data) if (wanted.has(v.version)) found.set(v.version, v.definition.inputs);
      if (!listed.hasMore || !listed.nextCursor) break;
      lt = listed.nextCursor;
    }
    const fields: Record<string, InputField> = {};
    for (const version of versions) for (const [name, field] of Object.entries(found.get(version) ?? {})) fields[name] ??= field;
    return fields;
  } catch {
    return {};
  }
}

/** Reads `--inputs`: a JSON array, or @file (.csv, .jsonl/.ndjson, else a JSON array). */
async function readInputs(
  value: string,
  csvFields: () => Promise<Record<string, InputField>>,
  mapping: Record<string, string>,
): Promise<Array<Record<string, unknown>>> {
  const file = value.startsWith('@') ? value.slice(1) : null;
  const source = file ?? '--inputs';
  const text = file ? await readText(file) : value;
  const extension = file ? path.extname(file).toLowerCase() : '';
  let rows: unknown[];
  if (extension === '.csv') {
    rows = await readCsv(text, file as string, await csvFields(), mapping);
  } else if (extension === '.jsonl' || extension === '.ndjson') {
    rows = text
      .split('\n')
      .map((line, i) => ({ line: line.trim(), i }))
      .filter(({ line }) => line !== '')
      .map(({ line, i }) => parseJson(line, `${source} line ${i + 1}`));
  } else {
    const parsed = parseJson(text, source);
    if (!Array.isArray(parsed)) throw new UsageError(`${source} must be a JSON array of objects (one per row)`);
    rows = parsed;
  }
  if (rows.length === 0) throw new UsageError(`${source} has no rows`);
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new UsageError(`${source}: row ${i + 1} is not an object`);
  });
  return rows as Array<Record<string, unknown>>;
}

/**
 * A CSV file's rows (a header, then one row each). Columns that fill a workflow input are typed by
 * its declared type (an empty cell is a missing value); the others (expected values) stay text.
 */
async function readCsv(
  text: string,
  file: string,
  fields: Record<string, InputField>,
  mapping: Record<string, string>,
): Promise<Array<Record<string, unknown>>> {
  let records: Array<Record<string, string>>;
  try {
    records = parseCsv(text, { bom: true, columns: (names: string[]) => names.map((n) => n.trim()), skip_empty_lines: true });
  } catch (error) {
    throw new UsageError(`${file} is not valid CSV: ${(error as Error).message}`);
  }
  // Which input each column fills: its --map column, else the column of the same name (as the server reads them).
  const inputOf = new Map<string, InputField>();
  for (const [name, field] of Object.entries(fields)) {
    const column = mapping[name] ?? name;
    if (!inputOf.has(column)) inputOf.set(column, field);
  }
  return records.map((record, i) => {
    const row: Record<string, unknown> = {};
    for (const [column, cell] of Object.entries(record)) {
      if (column === '') continue;
      const field = inputOf.get(column);
      if (!field) row[column] = cell;
      else if (cell.trim() !== '') row[column] = typeCell(field, cell, `${file} row ${i + 1} column ${column}`);
    }
    return row;
  });
}

const score = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toFixed(3));
const percent = (n: number | null | undefined) => (n === null || n === undefined ? null : `${Math.round(n * 1000) / 10}%`);
const usd = (n: number) => n.toFixed(4);
const ms = (n: number | undefined) => (n === undefined ? null : String(Math.round(n)));

/** The results table: a row per version, a column per scorer. */
function printResults(evaluation: Evaluation): void {
  const scorerNames = [...new Set(evaluation.versions.flatMap((v) => v.scorers.map((s) => s.scorer)))];
  const judged = evaluation.scorers.some((s) => s.type === 'judge') || evaluation.versions.some((v) => v.judgeCost.usd > 0);
  const columns = ['version', 'score', 'pass rate', 'runs ok/failed', 'cost usd', ...(judged ? ['judge usd'] : []), 'p50 ms', 'p95 ms'];
  printTable(
    evaluation.versions.map((v) => ({
      version: v.version,
      score: score(v.score),
      'pass rate': percent(v.passRate),
      'runs ok/failed': `${v.runs.completed}/${v.runs.failed}`,
      'cost usd': usd(v.cost.usd),
      'judge usd': usd(v.judgeCost.usd),
      'p50 ms': ms(v.latencyMs?.p50),
      'p95 ms': ms(v.latencyMs?.p95),
      ...Object.fromEntries(scorerNames.map((name) => [name, score(v.scorers.find((s) => s.scorer === name)?.score)])),
    })),
    [...columns, ...scorerNames],
  );
}

/**
 * The verdict as an exit code: 1 when the evaluation did not complete, or a version scored below
 * `minScore` (each named on stderr), else 0.
 */
function gate(evaluation: Evaluation, minScore: number | undefined): void {
  if (evaluation.status !== 'completed') {
    process.stderr.write(
      `evaluation ${evaluation.id} ${evaluation.status}${evaluation.error ? `: ${evaluation.error}` : evaluation.status === 'running' ? ' (not finished)' : ''}\n`,
    );
    process.exitCode = 1;
    return;
  }
  if (minScore === undefined) return;
  const below = evaluation.versions.filter((v) => v.score === null || v.score < minScore);
  for (const v of below)
    process.stderr.write(
      `version ${v.version} ${v.score === null ? 'has no score' : `scored ${score(v.score)}`}, below --min-score ${minScore}\n`,
    );
  if (below.length > 0) process.exitCode = 1;
  else process.stderr.write(`every version scored at least ${minScore}\n`);
}

/** One line about an evaluation's progress: per version, a bar and rows scored of the total. */
export function progressLine(evaluation: Evaluation): string {
  const total = evaluation.rows;
  const parts = evaluation.versions.map((v) => {
    const width = 10;
    const filled = total > 0 ? Math.min(width, Math.floor((v.scored / total) * width)) : 0;
    return `v${v.version} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${v.scored}/${total}${v.runs.failed ? ` (${v.runs.failed} failed)` : ''}`;
  });
  return `${parts.join('  ')}  ${evaluation.status === 'running' ? 'scoring' : evaluation.status}`;
}

/** Progress on stderr: redrawn in place on a terminal, else a line when it changed, every few seconds at most. */
function progressReporter(enabled: boolean): { update(evaluation: Evaluation): void; end(evaluation: Evaluation): void } {
  const tty = process.stderr.isTTY === true;
  let lastPrinted = 0;
  let lastLine = '';
  return {
    update(evaluation) {
      if (!enabled) return;
      const line = progressLine(evaluation);
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else if (line !== lastLine && Date.now() - lastPrinted >= PLAIN_PROGRESS_EVERY_MS) {
        lastPrinted = Date.now();
        lastLine = line;
        process.stderr.write(`${line}\n`);
      }
    },
    end(evaluation) {
      if (!enabled) return;
      const line = progressLine(evaluation);
      if (tty) process.stderr.write(`\r${line}\x1b[K\n`);
      else if (line !== lastLine) process.stderr.write(`${line}\n`);
    },
  };
}

/** A value on one line, cut to `width`. */
function summary(value: unknown, width = SUMMARY_WIDTH): string {
  const text = value === undefined ? '-' : typeof value === 'string' ? value : JSON.stringify(value);
  const line = text.replace(/\s*\n\s*/g, ' ');
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/** Every row of an evaluation (pages of 500). */
async function allRows(client: AssayClient, id: string, failing: boolean): Promise<EvaluationRow[]> {
  const rows: EvaluationRow[] = [];
  let after = -1;
  for (;;) {
    const page = await client.evaluations.rows(id, { after, limit: 500, ...(failing && { failing: true }) });
    rows.push(...page.data);
    const last = page.data.at(-1);
    if (!page.hasMore || !last) return rows;
    after = last.index;
  }
}

function printRows(rows: EvaluationRow[]): void {
  const versions = [...new Set(rows.flatMap((r) => r.versions.map((v) => v.version)))];
  printTable(
    rows.map((row) => ({
      index: row.index,
      input: summary(row.input),
      expected: summary(row.expected),
      ...Object.fromEntries(
        row.versions.flatMap((v) => [
          [`v${v.version} output`, v.status === 'completed' ? summary(v.output) : summary(`${v.status}${v.error ? `: ${v.error}` : ''}`)],
          [`v${v.version} score`, score(v.score)],
          [`v${v.version} passed`, v.passed === null ? null : v.passed ? 'yes' : 'no'],
        ]),
      ),
    })),
    ['index', 'input', 'expected', ...versions.flatMap((v) => [`v${v} output`, `v${v} score`, `v${v} passed`])],
  );
}

interface RunOptions {
  versions: number[];
  dataset?: string;
  inputs?: string;
  map?: string[];
  expect?: string[];
  scorer?: string[];
  judge?: string;
  name?: string;
  concurrency?: number;
  minScore?: number;
  progress: boolean;
  interval: number;
}

const minScoreOption = () =>
  new Option('--min-score <score>', 'exit 1 when any version scores below this (0-1): a gate for CI').argParser(fraction);

/**
 * `assay eval run|get|rows`. `run` exits 1 when a version scored below `--min-score` or the
 * evaluation did not complete, 0 otherwise (2 for a usage mistake, like a bad `--scorer`).
 */
export function registerEvalCommands(program: Command): void {
  const evaluation = program
    .command('eval')
    .description('evaluate workflow versions: run each on the same rows, score the outputs, compare (a CI gate with --min-score)');

  evaluation
    .command('run <workflowId>')
    .description('run the rows on each version, show progress on stderr, then the scores (exit 1 below --min-score)')
    .requiredOption('--versions <list>', 'the workflow versions to compare, e.g. 3,4', versionList)
    .option('--dataset <name or id>', 'the rows: a dataset')
    .option('--inputs <rows>', 'the rows: a JSON array of objects, or @file (.json, .jsonl or .csv with a header row)')
    .option(
      '--map <input=column>',
      'fill a workflow input from this column (repeatable; default: the column named like the input)',
      collect,
    )
    .option('--expect <path=column>', 'the output path must match this column (repeatable), e.g. verdict=expectedVerdict', collect)
    .option(
      '--scorer <spec>',
      'exact[:field] | contains[:field] | numeric:<tolerance>[:field] (5% = relative) | regex[:<pattern>][:field] | jsonata:<expression> (repeatable; default exact with --expect)',
      collect,
    )
    .option('--judge <rubric>', 'a model grades each output by this rubric (or @file)')
    .option('--name <name>', 'a name for the evaluation')
    .option('--concurrency <n>', 'runs of each version at once (1-100, default 4)', integer(1, 100))
    .addOption(minScoreOption())
    .option('--no-progress', 'no progress on stderr')
    .addOption(new Option('--interval <ms>', 'how often to read the progress').argParser(integer(100)).default(1000))
    .action(async (workflowId: string, options: RunOptions, command: Command) => {
      if ((options.dataset === undefined) === (options.inputs === undefined))
        throw new UsageError('give the rows with --dataset <name or id> or --inputs <json>|@file (one of them)');
      const mapping = pairs(options.map ?? [], '--map', 'input');
      const expected = pairs(options.expect ?? [], '--expect', 'path', (name) =>
        OUTPUT_PATH.test(name) ? null : `"${name}" is not an output path (like verdict or figures.revenue)`,
      );
      const expectedPaths = new Set(Object.keys(expected));
      const scorers: ScorerSpec[] = (options.scorer ?? []).map((spec) => parseScorer(spec, expectedPaths));
      if (options.judge !== undefined) {
        const rubric = options.judge.startsWith('@') ? await readText(options.judge.slice(1)) : options.judge;
        if (!rubric.trim()) throw new UsageError('--judge: the rubric is empty');
        scorers.push({ type: 'judge', rubric });
      }
      if (scorers.length === 0) {
        if (expectedPaths.size === 0) throw new UsageError('give a --scorer (or --judge), or --expect path=column to score with exact');
        scorers.push({ type: 'exact' });
      }

      const client = clientFor(command);
      const inputs =
        options.inputs === undefined
          ? undefined
          : await readInputs(options.inputs, () => inputFields(client, workflowId, options.versions), mapping);
      const created = await client.evaluations.create({
        workflowId,
        versions: options.versions,
        ...(options.dataset !== undefined && { datasetId: await datasetId(client, options.dataset) }),
        ...(inputs && { inputs }),
        ...(Object.keys(mapping).length > 0 && { mapping }),
        ...(expectedPaths.size > 0 && { expected }),
        scorers,
        ...(options.name !== undefined && { name: options.name }),
        ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      });
      process.stderr.write(
        `evaluation ${created.id}: ${created.rows} rows on version${created.versions.length === 1 ? '' : 's'} ${created.versions.map((v) => v.version).join(', ')} of ${created.workflowName}\n`,
      );
      const progress = progressReporter(options.progress);
      const done = await client.evaluations.wait(created.id, {
        intervalMs: options.interval,
        onProgress: (e) => (e.status === 'running' ? progress.update(e) : undefined),
      });
      progress.end(done);
      if (globals(command).json) printJson(done);
      else printResults(done);
      gate(done, options.minScore);
    });

  evaluation
    .command('get <id>')
    .description("show an evaluation: its status and each version's scores (exit 1 below --min-score)")
    .addOption(minScoreOption())
    .action(async (id: string, options: { minScore?: number }, command: Command) => {
      const found = await clientFor(command).evaluations.get(id);
      if (globals(command).json) printJson(found);
      else {
        printRecord({
          id: found.id,
          name: found.name,
          workflow: `${found.workflowName} (${found.workflowId})`,
          status: found.status,
          rows: found.rows,
          expected: Object.keys(found.expected).length ? found.expected : null,
          error: found.error,
          created: found.createdAt,
          finished: found.completedAt,
        });
        process.stdout.write('\n');
        printResults(found);
      }
      if (options.minScore !== undefined) gate(found, options.minScore);
    });

  evaluation
    .command('rows <id>')
    .description("show an evaluation's rows: the input, what was expected, and each version's output, score and verdict")
    .option('--failing', 'only rows that did not pass on some version')
    .action(async (id: string, options: { failing?: boolean }, command: Command) => {
      const rows = await allRows(clientFor(command), id, options.failing === true);
      if (globals(command).json) return printJson(rows);
      printRows(rows);
    });
}

/** A dataset named by id, or by name (looked up among the workspace's datasets). */
async function datasetId(client: AssayClient, nameOrId: string): Promise<string> {
  if (/^[0-9a-f]{24}$/.test(nameOrId)) return nameOrId;
  for (let lt: string | undefined; ;) {
    const page = await client.datasets.list({ limit: 1000, ...(lt !== undefined && { lt }) });
    const found = page.data.find((dataset) => dataset.name === nameOrId);
    if (found) return found.id;
    if (!page.hasMore || page.nextCursor === null) throw new UsageError(`--dataset: no dataset named "${nameOrId}" in this workspace`);
    lt = page.nextCursor;
  }
}
