import { AssayError, type ErrorDetail, type InputField } from '@assay/schema';

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matches(field: InputField, value: unknown): boolean {
  switch (field.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeOf(value) === 'object';
    default:
      return typeOf(value) === field.type;
  }
}

/**
 * Checks a run's input against the workflow's declared inputs and applies defaults. Every problem
 * is reported with its field (`input.companyId`): missing required fields, wrong types, values
 * outside an enum, and fields the workflow does not declare.
 */
export function validateRunInput(inputs: Record<string, InputField>, input: Record<string, unknown>): Record<string, unknown> {
  const details: ErrorDetail[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(inputs)) {
    const value = input[name] === undefined ? field.default : input[name];
    const path = `input.${name}`;
    if (value === undefined || value === null) {
      if (field.required) details.push({ path, message: `required ${field.type} is missing` });
      else if (value === null) out[name] = null;
      continue;
    }
    if (!matches(field, value))
      details.push({
        path,
        message: `must be ${field.type === 'integer' || field.type === 'array' || field.type === 'object' ? 'an' : 'a'} ${field.type}, got ${typeOf(value)}`,
      });
    else if (field.enum && !field.enum.includes(value as string | number))
      details.push({ path, message: `must be one of ${field.enum.map((v) => JSON.stringify(v)).join(', ')}` });
    else out[name] = value;
  }
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(inputs, name)) details.push({ path: `input.${name}`, message: 'is not an input of this workflow' });
  }
  if (details.length > 0) {
    throw new AssayError('invalid_input', `${details[0]?.path}: ${details[0]?.message}`, { details });
  }
  return out;
}
