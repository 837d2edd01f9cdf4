import { stringify } from 'csv-stringify/sync';

/**
 * The text of one CSV cell before quoting: nothing for null, JSON text for objects and lists,
 * `true`/`false` for booleans. Numbers stay numbers so the formula guard can tell a number's minus
 * sign from text that starts with `-`.
 */
function cellValue(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * CSV lines (one per record, each ending in a newline) that are safe to open in a spreadsheet.
 * Every CSV Assay writes goes through here: a cell whose text starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return (or their full-width forms) is prefixed with `'`, so Excel, LibreOffice and
 * Google Sheets show it as text instead of running it as a formula (OWASP "CSV Injection"). Cells
 * are then quoted as RFC 4180 requires, with the `'` inside the quotes. A cell holding a JSON
 * number keeps its minus sign (`-2` cannot be a formula); a string `-2` is neutralised like any
 * other text. Headers are cells too: pass them as the first record.
 */
export function spreadsheetCsv(records: ReadonlyArray<ReadonlyArray<unknown>>): string {
  return stringify(
    records.map((record) => record.map(cellValue)),
    { escape_formulas: true },
  );
}
