import { AssayApiError } from '@assay/sdk';

/** Prints rows as left-aligned columns under an upper-case header, for people. */
export function printTable(rows: ReadonlyArray<object>, columns: string[]): void {
  const cells = rows.map((row) => columns.map((column) => format((row as Record<string, unknown>)[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns.map((c) => c.toUpperCase()))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
  if (rows.length === 0) process.stdout.write('(none)\n');
}

/** Prints a value as indented JSON, for scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints a value as one line of JSON (a stream of these is NDJSON). */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Prints aligned `key  value` lines for one record. */
export function printRecord(record: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  for (const [key, value] of Object.entries(record)) process.stdout.write(`${key.padEnd(width)}  ${format(value)}\n`);
}

/** One table cell: `-` for nothing, JSON for objects, one line at most. */
function format(value: unknown): string {
  if (value === null || value === undefined) return '-';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Describes an error for stderr: `error: <message>`, then each field an API error names. */
export function describeError(error: unknown): string {
  if (error instanceof AssayApiError) {
    const details = error.details
      .map((d) => `${d.path}: ${d.message}`)
      .filter((line) => line !== error.message)
      .map((line) => `\n  ${line}`)
      .join('');
    return `error: ${error.message}${details}`;
  }
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
