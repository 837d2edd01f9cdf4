import type { WorkflowDefinition } from '@assay/schema';
import type { BatchResultRow, Store } from '@assay/store';
import { spreadsheetCsv } from './spreadsheet-csv';

export type ResultsFormat = 'csv' | 'jsonl';

/** Runs read per query while the export streams: memory stays flat at any batch size. */
const PAGE = 500;
/** The columns every export ends with. */
const TRAILING = ['status', 'error', 'runId'] as const;

/** One column of the export: its header and where its value comes from. */
interface Column {
  header: string;
  value(row: BatchResultRow): unknown;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The paths of an object's leaves: nested objects become dotted keys (`a.b`), anything else is a leaf. */
function leafPaths(value: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(value).flatMap(([key, inner]) =>
    isPlainObject(inner) && Object.keys(inner).length > 0 ? leafPaths(inner, [...prefix, key]) : [[...prefix, key]],
  );
}

function at(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/**
 * The output's column paths. The definition's output mapping gives them when it has one (known
 * before any run finished); a mapped field whose value in the sample is an object (`memo:
 * '{{ steps.write.output }}'`) spreads into its leaves like any nested object, as the web app's
 * results table shows it. Without a mapping the sample's shape gives them; null: one `output` column.
 */
function outputPaths(mapping: unknown, sample: unknown): string[][] | null {
  if (!isPlainObject(mapping)) return isPlainObject(sample) ? leafPaths(sample) : null;
  return leafPaths(mapping).flatMap((path) => {
    const value = at(sample, path);
    return isPlainObject(value) && Object.keys(value).length > 0 ? leafPaths(value, path) : [path];
  });
}

/**
 * The export's columns: the workflow's inputs, its output flattened to dotted columns (arrays stay
 * one JSON cell), then status, error and runId (see `outputPaths`). An output column whose name is
 * taken by an input or a trailing column is called `output.<name>`.
 */
export function resultColumns(definition: WorkflowDefinition, sampleOutput: unknown): Column[] {
  const inputs: Column[] = Object.keys(definition.inputs).map((name) => ({ header: name, value: (row) => row.input[name] }));
  const paths = outputPaths(definition.output, sampleOutput);
  const taken = new Set<string>([...Object.keys(definition.inputs), ...TRAILING]);
  const outputs: Column[] = paths
    ? paths.map((path) => {
        const name = path.join('.');
        return { header: taken.has(name) ? `output.${name}` : name, value: (row) => at(row.output, path) };
      })
    : [{ header: taken.has('output') ? 'output.output' : 'output', value: (row) => row.output }];
  const trailing: Column[] = [
    { header: 'status', value: (row) => row.status },
    { header: 'error', value: (row) => row.error?.message ?? null },
    { header: 'runId', value: (row) => row.id },
  ];
  return [...inputs, ...outputs, ...trailing];
}

/**
 * The batch's results, one line per run in input order, as a byte stream that reads the runs a
 * page at a time (keyset on the run id) only as fast as the client takes them. CSV cells that a
 * spreadsheet would run as formulas are neutralised (see `spreadsheetCsv`); JSON Lines carry the
 * values exactly.
 */
export function resultsStream(store: Store, batchId: string, columns: Column[], format: ResultsFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = '';
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (format === 'csv' && !headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(spreadsheetCsv([columns.map((c) => c.header)])));
          return;
        }
        const rows = await store.batches.resultsPage(batchId, after, PAGE);
        if (rows.length === 0) {
          controller.close();
          return;
        }
        after = rows[rows.length - 1]?.id ?? after;
        const text =
          format === 'csv'
            ? spreadsheetCsv(rows.map((row) => columns.map((c) => c.value(row))))
            : rows.map((row) => JSON.stringify(Object.fromEntries(columns.map((c) => [c.header, c.value(row) ?? null])))).join('\n') + '\n';
        controller.enqueue(encoder.encode(text));
      },
    },
    { highWaterMark: 2 },
  );
}
