import Papa from 'papaparse';
import type { Mapping } from '../../ui/input-mapping';

export { autoMapping, unmappedRequired, type InputSpec, type Mapping } from '../../ui/input-mapping';

export interface ParsedCsv {
  columns: string[];
  rows: Array<Record<string, string>>;
  /** Rows Papa Parse found malformed (too few or too many fields), as messages. */
  problems: string[];
}

/** Reads a CSV text with a header row; blank lines are skipped, header names trimmed. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (header) => header.trim(),
  });
  const columns = (result.meta.fields ?? []).filter((field) => field !== '');
  // A file of one column has no delimiter to find: Papa Parse's guess warning says nothing is wrong.
  const problems = result.errors
    .filter((error) => error.code !== 'UndetectableDelimiter')
    .slice(0, 5)
    .map((error) => (error.row !== undefined ? `row ${error.row + 1}: ${error.message}` : error.message));
  return { columns, rows: result.data, problems };
}

/**
 * The CSV the server is sent: a header naming the mapped inputs, then each row's mapped cells. The
 * server types the cells by the inputs' declared types, as it does for any CSV upload; columns
 * not mapped to an input are left out (the server would refuse them as unknown inputs).
 */
export function mappedCsv(parsed: ParsedCsv, mapping: Mapping): string {
  const inputs = Object.keys(mapping).filter((input) => mapping[input]);
  const data = parsed.rows.map((row) => inputs.map((input) => row[mapping[input] as string] ?? ''));
  return Papa.unparse({ fields: inputs, data }, { newline: '\n' });
}
