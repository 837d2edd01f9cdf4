import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AssayError, MAX_BATCH_ROWS, MAX_LISTED_INVALID_ROWS, type InputField, type InvalidRow } from '@assay/schema';
import { parse } from 'csv-parse';
import { validateRunInput } from './run-input';

/** A cell from a CSV file or a dataset row, typed for the input it fills, or why it cannot be. */
type Coerced = { value: unknown } | { reason: string };

/**
 * Types a cell by the input's declared type: numbers, integers and booleans are parsed, objects and
 * arrays read as JSON, strings kept (a dataset's numbers become their text). An empty cell is a
 * missing value (the input's default applies; a required input is then refused).
 */
export function coerceCell(field: InputField, value: unknown): Coerced {
  if (value === null || value === undefined || value === '') return { value: undefined };
  if (typeof value !== 'string') {
    if (field.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return { value: String(value) };
    return { value };
  }
  const text = value.trim();
  switch (field.type) {
    case 'string':
      return { value };
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (text === '' || !Number.isFinite(n)) return { reason: `"${clip(value)}" is not a number` };
      if (field.type === 'integer' && !Number.isInteger(n)) return { reason: `"${clip(value)}" is not an integer` };
      return { value: n };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (lower === 'true' || lower === '1') return { value: true };
      if (lower === 'false' || lower === '0') return { value: false };
      return { reason: `"${clip(value)}" is not true or false` };
    }
    case 'object':
    case 'array': {
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { reason: `"${clip(value)}" is not JSON (an ${field.type} is written as JSON)` };
      }
    }
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * The rows of a batch as they are read: each is validated like a single run's input and kept as
 * JSON text (what the runs table stores), or recorded as refused. Rows are numbered from 1.
 */
export class BatchRows {
  /** Valid inputs, serialized, in input order. */
  readonly inputs: string[] = [];
  /** Refused rows (the first MAX_LISTED_INVALID_ROWS problems). */
  readonly invalid: InvalidRow[] = [];
  invalidCount = 0;
  private rows = 0;

  constructor(private readonly fields: Record<string, InputField>) {}

  /** Adds one row; `problems` are those found before validation (cells that could not be typed). */
  add(input: unknown, problems: Array<{ field: string; reason: string }> = []): void {
    const row = ++this.rows;
    if (row > MAX_BATCH_ROWS)
      throw new AssayError('invalid_input', `a batch takes at most ${MAX_BATCH_ROWS} rows`, {
        details: [{ path: 'inputs', message: `more than ${MAX_BATCH_ROWS} rows` }],
      });
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      this.refuse(row, [{ field: WHOLE_ROW, reason: 'must be an object' }]);
      return;
    }
    let found = problems;
    try {
      const valid = validateRunInput(this.fields, input as Record<string, unknown>);
      if (found.length === 0) {
        this.inputs.push(JSON.stringify(valid));
        return;
      }
    } catch (error) {
      if (!(error instanceof AssayError) || !error.details) throw error;
      // A cell that could not be typed was left out: "required … is missing" would say it twice.
      const reported = new Set(problems.map((p) => p.field));
      const more = error.details
        .map((d) => ({ field: d.path.replace(/^input\./, ''), reason: d.message }))
        .filter((p) => !reported.has(p.field));
      found = [...problems, ...more];
    }
    this.refuse(row, found);
  }

  private refuse(row: number, problems: Array<{ field: string; reason: string }>): void {
    this.invalidCount++;
    for (const problem of problems) if (this.invalid.length < MAX_LISTED_INVALID_ROWS) this.invalid.push({ row, ...problem });
  }

  /** Rows read so far (valid and invalid). */
  get count(): number {
    return this.rows;
  }
}

/** The `field` of a problem with the row as a whole (not an object). */
export const WHOLE_ROW = '(row)';

/** `rows[3].name`, or `rows[3]` for the row as a whole. */
export function rowPath(problem: InvalidRow): string {
  return problem.field === WHOLE_ROW ? `rows[${problem.row}]` : `rows[${problem.row}].${problem.field}`;
}

/** Thrown when rows are invalid and `skipInvalid` was not set: a 400 listing them. */
export class InvalidRowsError extends AssayError {
  constructor(
    readonly rows: InvalidRow[],
    readonly invalidCount: number,
    total: number,
  ) {
    const first = rows[0];
    super(
      'invalid_input',
      `${invalidCount} of ${total} rows are invalid${first ? `; first: ${rowPath(first)}: ${first.reason}` : ''} (rows are numbered from 1; send skipInvalid to run the valid ones)`,
      {
        details: rows.map((r) => ({ path: rowPath(r), message: r.reason })),
      },
    );
  }
}

/**
 * Reads a CSV upload (header row, then one run per row) as it streams in. The header must name
 * inputs of the workflow; every cell is typed by its input's declared type.
 */
export async function readCsvRows(stream: ReadableStream<Uint8Array>, fields: Record<string, InputField>, rows: BatchRows): Promise<void> {
  let header: string[] | null = null;
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    columns: (names: string[]) => {
      header = names.map((n) => n.trim());
      const unknown = header.filter((name) => name !== '' && !Object.hasOwn(fields, name));
      if (unknown.length > 0) {
        const known = Object.keys(fields).join(', ') || '(none)';
        throw new AssayError('invalid_input', `CSV column "${unknown[0]}" is not an input of this workflow (its inputs: ${known})`, {
          details: unknown.map((name) => ({ path: `columns.${name}`, message: 'is not an input of this workflow' })),
        });
      }
      return header;
    },
  });
  // pipeline (unlike pipe) passes a failing upload (too large, aborted) on to the parser.
  pipeline(Readable.fromWeb(stream as WebReadableStream), parser, () => undefined);
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      const input: Record<string, unknown> = {};
      const problems: Array<{ field: string; reason: string }> = [];
      for (const [name, cell] of Object.entries(record)) {
        const field = fields[name];
        if (!field) continue; // a column without a name
        const typed = coerceCell(field, cell);
        if ('reason' in typed) problems.push({ field: name, reason: typed.reason });
        else if (typed.value !== undefined) input[name] = typed.value;
      }
      rows.add(input, problems);
    }
  } catch (error) {
    if (error instanceof AssayError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof AssayError) throw cause;
    throw new AssayError('invalid_input', `the CSV could not be read: ${error instanceof Error ? error.message : String(error)}`, {
      details: [{ path: '(body)', message: 'not valid CSV' }],
    });
  }
  if (header === null)
    throw new AssayError('invalid_input', 'the CSV is empty: send a header row naming the inputs, then one row per run', {
      details: [{ path: '(body)', message: 'empty' }],
    });
}

/**
 * Which dataset column fills which input: the given mapping (checked against both), else each
 * input from the column of the same name.
 */
export function datasetMapping(
  fields: Record<string, InputField>,
  columns: string[],
  mapping: Record<string, string> | undefined,
): Record<string, string> {
  if (mapping === undefined)
    return Object.fromEntries(
      Object.keys(fields)
        .filter((name) => columns.includes(name))
        .map((name) => [name, name]),
    );
  const details = Object.entries(mapping).flatMap(([input, column]) => [
    ...(Object.hasOwn(fields, input) ? [] : [{ path: `mapping.${input}`, message: 'is not an input of this workflow' }]),
    ...(columns.includes(column) ? [] : [{ path: `mapping.${input}`, message: `the dataset has no column "${column}"` }]),
  ]);
  if (details.length > 0) throw new AssayError('invalid_input', `${details[0]?.path}: ${details[0]?.message}`, { details });
  return mapping;
}

/** One dataset row as a run input, through the mapping, typed like a CSV cell. */
export function addDatasetRow(
  row: Record<string, unknown>,
  fields: Record<string, InputField>,
  mapping: Record<string, string>,
  rows: BatchRows,
): void {
  const input: Record<string, unknown> = {};
  const problems: Array<{ field: string; reason: string }> = [];
  for (const [name, column] of Object.entries(mapping)) {
    const field = fields[name];
    if (!field) continue;
    const typed = coerceCell(field, row[column]);
    if ('reason' in typed) problems.push({ field: name, reason: typed.reason });
    else if (typed.value !== undefined) input[name] = typed.value;
  }
  rows.add(input, problems);
}
