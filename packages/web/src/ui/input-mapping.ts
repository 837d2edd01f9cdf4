import type { InputField } from '@assay/schema';

/** A declared input as definitions write it (`required` may be left out). */
export type InputSpec = Omit<InputField, 'required'> & { required?: boolean };

/** Input name → the CSV, dataset or row column that feeds it; an input left out gets no value (its default). */
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
