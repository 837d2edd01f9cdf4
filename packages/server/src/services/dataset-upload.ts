import { pipeline, Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AssayError } from '@assay/schema';
import type { ColumnType, DatasetLoader, DatasetRecord, Row } from '@assay/store';
import { parse } from 'csv-parse';

/** Default key columns: `id` and columns named like `companyId` or `company_id`. */
export function defaultKeys(columns: string[]): string[] {
  return columns.filter((c) => /^id$|_id$|[a-z0-9]Id$/.test(c));
}

/** Rows read before column types are inferred (the rest stream straight through). */
const SAMPLE = 1000;

/** Where an upload's rows come from: a CSV or NDJSON stream, or rows already parsed from JSON. */
export type RowSource = { kind: 'csv' | 'ndjson'; stream: ReadableStream<Uint8Array> } | { kind: 'rows'; rows: unknown[] };

/** The upload formats by content type; null for one we do not read. */
export function sourceKind(contentType: string | undefined): 'csv' | 'ndjson' | 'json' | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/ndjson') return 'ndjson';
  if (type === 'application/json') return 'json';
  return null;
}

async function* records(source: RowSource): AsyncGenerator<{ row: Row; line: number }> {
  if (source.kind === 'rows') {
    for (const [i, row] of source.rows.entries()) {
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        throw new AssayError('invalid_input', `rows[${i}]: must be an object`, {
          details: [{ path: `rows[${i}]`, message: 'must be an object' }],
        });
      yield { row: row as Row, line: i + 1 };
    }
    return;
  }
  const stream = Readable.fromWeb(source.stream as WebReadableStream);
  if (source.kind === 'csv') {
    const parser = parse({ columns: true, bom: true, skip_empty_lines: true, trim: true });
    // pipeline (unlike pipe) passes a failing upload on to the parser, whose iteration then throws.
    pipeline(stream, parser, () => undefined);
    let line = 1;
    for await (const row of parser) yield { row: row as Row, line: ++line };
    return;
  }
  let line = 0;
  for await (const text of lines(stream)) {
    line++;
    if (!text.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch {
      throw new AssayError('invalid_input', `line ${line}: not valid JSON`, {
        details: [{ path: `line ${line}`, message: 'not valid JSON' }],
      });
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row))
      throw new AssayError('invalid_input', `line ${line}: must be a JSON object`);
    yield { row: row as Row, line };
  }
}

/** The lines of a byte stream (stream errors surface to the caller). */
async function* lines(stream: Readable): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of stream) {
    rest += decoder.decode(chunk as Uint8Array, { stream: true });
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

function inferType(values: unknown[]): ColumnType {
  const present = values.filter((v) => v !== null && v !== undefined && v !== '');
  if (present.length === 0) return 'string';
  if (present.some((v) => typeof v === 'object')) return 'json';
  const texts = present.map(String);
  // Leading zeros mean an identifier or a code ("007", zero-padded ids), not a number.
  if (texts.some((t) => /^-?0\d/.test(t))) return texts.every((t) => t === 'true' || t === 'false') ? 'boolean' : 'string';
  if (texts.every((t) => /^-?\d+$/.test(t) && Number.isSafeInteger(Number(t)))) return 'integer';
  if (texts.every((t) => t.trim() !== '' && Number.isFinite(Number(t)))) return 'number';
  if (texts.every((t) => t === 'true' || t === 'false')) return 'boolean';
  return 'string';
}

function convert(value: unknown, type: ColumnType, where: string): unknown {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'integer':
    case 'number': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (!Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n)))
        throw new AssayError('invalid_input', `${where}: "${String(value)}" is not ${type === 'integer' ? 'an integer' : 'a number'}`, {
          details: [{ path: where, message: `not ${type === 'integer' ? 'an integer' : 'a number'}` }],
        });
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = String(value).trim().toLowerCase();
      if (text === 'true' || text === 'false') return text === 'true';
      throw new AssayError('invalid_input', `${where}: "${String(value)}" is not true or false`, {
        details: [{ path: where, message: 'not a boolean' }],
      });
    }
    case 'json':
      return value;
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/**
 * Streams rows into a dataset: types come from the dataset's declared columns, or are inferred from
 * the first rows; every value is converted (a bad one is a 400 naming its row and column); nothing
 * is visible until the whole upload is in. Returns the dataset as it is afterwards.
 */
export async function loadRows(options: {
  dataset: DatasetRecord;
  loader: DatasetLoader;
  source: RowSource;
  inferKeys?: boolean;
}): Promise<DatasetRecord> {
  const { dataset, loader } = options;
  const columns = { ...dataset.columns };
  let sample: Array<{ row: Row; line: number }> | null = [];
  const push = async (batch: Array<{ row: Row; line: number }>) => {
    const typed = batch.map(({ row, line }) =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          convert(value, columns[column] ?? 'string', `row ${line}, column "${column}"`),
        ]),
      ),
    );
    await loader.add(typed);
  };
  const settleTypes = async () => {
    if (!sample) return;
    const rows = sample;
    sample = null;
    const names = new Set(rows.flatMap(({ row }) => Object.keys(row)));
    for (const name of names) columns[name] ??= inferType(rows.map(({ row }) => row[name]));
    if (options.inferKeys) dataset.keys = defaultKeys(Object.keys(columns));
    for (const key of dataset.keys)
      if (!(key in columns))
        throw new AssayError('invalid_input', `keys: "${key}" is not a column of the data`, {
          details: [{ path: 'keys', message: `no column "${key}"` }],
        });
    dataset.columns = columns; // the loader records the final column types when it finishes
    await push(rows);
  };
  try {
    for await (const record of records(options.source)) {
      if (sample) {
        sample.push(record);
        if (sample.length >= SAMPLE) await settleTypes();
      } else {
        for (const name of Object.keys(record.row)) columns[name] ??= 'string';
        await push([record]);
      }
    }
    await settleTypes();
    return await loader.finish();
  } catch (error) {
    await loader.abandon();
    if (error instanceof AssayError) throw error;
    throw new AssayError('invalid_input', `could not read the upload: ${error instanceof Error ? error.message : String(error)}`);
  }
}
