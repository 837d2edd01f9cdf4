import Papa from 'papaparse';
import type { InputField } from '@assay/schema';

/** A declared input as definitions write it (`required` may be left out). */
export type InputSpec = Omit<InputField, 'required'> & { required?: boolean };

/** Input name → the CSV or dataset column that feeds it; an input left out gets no value (its default). */
export type Mapping = Record<string, string>;

/** Each input fed by the column of the same name, ignoring case (an exact match wins over a case-insensitive one). */
export function autoMapping(inputs: readonly string[], columns: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const input of inputs) {
    const column = columns.find((c) => c === input) ?? columns.find((c) => c.toLowerCase() === input.toLowerCase());
    if (column !== undefined) mapping[input] = column;
  }
  return mapping;
}

/** Required inputs without a default that no column feeds: every run would be refused. */
export function unmappedRequired(inputs: Record<string, InputSpec>, mapping: Mapping): string[] {
  return Object.entries(inputs)
    .filter(([name, spec]) => spec.required && spec.default === undefined && !mapping[name])
    .map(([name]) => name);
}

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
  const problems = result.errors
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
