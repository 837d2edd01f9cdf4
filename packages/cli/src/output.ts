import { AssayApiError } from '@assay/sdk';

/** Prints rows as left-aligned columns with a header, for people. */
export function printTable(rows: Array<Record<string, unknown>>, columns: string[]): void {
  const cells = rows.map((row) => columns.map((column) => format(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const line = (values: string[]) => values.map((value, i) => value.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`${line(columns.map((c) => c.toUpperCase()))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
  if (rows.length === 0) process.stdout.write('(none)\n');
}

/** Prints a value as indented JSON, for scripts. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints `key: value` lines for one record. */
export function printRecord(record: Record<string, unknown>): void {
  const width = Math.max(...Object.keys(record).map((k) => k.length));
  for (const [key, value] of Object.entries(record)) process.stdout.write(`${key.padEnd(width)}  ${format(value)}\n`);
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Describes an API error with every field it names. */
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
