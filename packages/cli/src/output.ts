import { AssayApiError } from '@assay/sdk';
import type { Command } from 'commander';
import { err, out, statusColour } from './colour';
import { fieldsToFlags, hintFlags } from './flag-hints';
import { cutToWidth, fitWidths, GAP, outputWidth, padToWidth, stringWidth } from './table-width';

/** Columns whose values are statuses, coloured by what they mean. */
const STATUS_COLUMNS = new Set(['status', 'enabled']);

/**
 * Prints rows as left-aligned columns under an upper-case header, for people: cut to the terminal's
 * width (cells end in `…`; `--json` has every value whole), statuses in colour on a terminal.
 */
export function printTable(rows: ReadonlyArray<object>, columns: string[]): void {
  const headers = columns.map((c) => c.toUpperCase());
  const cells = rows.map((row) => columns.map((column) => format((row as Record<string, unknown>)[column])));
  const natural = headers.map((header, i) => Math.max(stringWidth(header), ...cells.map((row) => stringWidth(row[i] ?? ''))));
  const widths = fitWidths(natural, outputWidth(), columns.map(isIdColumn));
  const line = (values: string[], style: (value: string, column: number) => string) =>
    values
      .map((value, i) => {
        const cut = cutToWidth(value, widths[i] ?? 0);
        // The last column is not padded: no trailing spaces.
        const padding = i === values.length - 1 ? '' : ' '.repeat(Math.max(0, (widths[i] ?? 0) - stringWidth(cut)));
        return style(cut, i) + padding;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  process.stdout.write(`${line(headers, (header) => out.bold(header))}\n`);
  for (const row of cells)
    process.stdout.write(`${line(row, (value, i) => (STATUS_COLUMNS.has(columns[i] ?? '') ? statusColour(value) : value))}\n`);
  if (rows.length === 0) process.stdout.write(`${out.dim('(none)')}\n`);
}

/** `id`, `workflowId`, `clientId`…: the values people copy into the next command, cut last. */
function isIdColumn(column: string): boolean {
  return column === 'id' || /[a-z]Id$/.test(column);
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
  for (const [key, value] of Object.entries(record)) {
    const text = format(value);
    const shown = STATUS_COLUMNS.has(key) ? statusColour(text) : text;
    process.stdout.write(`${out.dim(padToWidth(key, width))}  ${shown}\n`);
  }
}

/** One table cell: `-` for nothing, JSON for objects, one line at most. */
function format(value: unknown): string {
  if (value === null || value === undefined) return '-';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * Describes an error for stderr: `error: <message>`, then each field an API error names. With the
 * command that failed, the API's field names it has flags for are shown as those flags
 * (`skipInvalid` → `--skip-invalid`): the person typed the flag, not the field.
 */
export function describeError(error: unknown, command?: Command): string {
  const label = err.red(err.bold('error:'));
  if (error instanceof AssayApiError) {
    const flags = command ? fieldsToFlags(command) : new Map<string, string>();
    const message = hintFlags(error.message, flags);
    const details = error.details
      .map((d) => `${hintFlags(d.path, flags, true)}: ${hintFlags(d.message, flags)}`)
      .filter((line) => line !== message)
      .map((line) => `\n  ${line}`)
      .join('');
    return `${label} ${message}${details}`;
  }
  return `${label} ${error instanceof Error ? error.message : String(error)}`;
}
