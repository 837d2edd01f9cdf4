import type { InputField } from '@assay/schema';

/**
 * The run form's pure side: which control each declared input gets, the form's starting values
 * (defaults prefilled) and the conversion of what was typed into the run's `input`, with a message
 * per field the browser can already tell is wrong. The server checks everything again.
 */

/** A declared input as definitions write it (`required` may be left out). */
export type InputSpec = Omit<InputField, 'required'> & { required?: boolean };

export type Control = 'text' | 'number' | 'checkbox' | 'select' | 'json';

/** What a field holds while being edited: text for every control except the checkbox. */
export type FieldValue = string | boolean;

export function controlOf(spec: InputSpec): Control {
  if (spec.enum) return 'select';
  switch (spec.type) {
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'checkbox';
    case 'object':
    case 'array':
      return 'json';
    default:
      return 'text';
  }
}

export function initialValue(spec: InputSpec): FieldValue {
  const value = spec.default;
  switch (controlOf(spec)) {
    case 'checkbox':
      return value === true;
    case 'select':
      // The select's options are the enum's positions, so numbers and strings stay apart.
      return value === undefined ? '' : String(spec.enum?.findIndex((option) => option === value) ?? -1);
    case 'json':
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    default:
      return value === undefined || value === null ? '' : String(value);
  }
}

export function initialValues(inputs: Record<string, InputSpec>): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(inputs).map(([name, spec]) => [name, initialValue(spec)]));
}

type Parsed = { value: unknown } | { error: string } | { missing: true };

/** One field's typed value, a message saying why it has none, or `missing` when left empty. */
export function parseField(spec: InputSpec, raw: FieldValue): Parsed {
  if (typeof raw === 'boolean') return { value: raw };
  const text = raw.trim();
  const control = controlOf(spec);
  if (control !== 'text' && text === '') return { missing: true };
  switch (control) {
    case 'select': {
      const option = spec.enum?.[Number(text)];
      return option === undefined ? { error: 'choose one of the options' } : { value: option };
    }
    case 'number': {
      const number = Number(text);
      if (!Number.isFinite(number)) return { error: 'must be a number' };
      if (spec.type === 'integer' && !Number.isInteger(number)) return { error: 'must be a whole number' };
      return { value: number };
    }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        return { error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (spec.type === 'array' && !Array.isArray(value)) return { error: 'must be a JSON array ([…])' };
      if (spec.type === 'object' && (value === null || typeof value !== 'object' || Array.isArray(value)))
        return { error: 'must be a JSON object ({…})' };
      return { value };
    }
    default:
      // An empty text is still a string; only a required one left empty is refused.
      return raw === '' ? { missing: true } : { value: raw };
  }
}

/** The run's input from the form, or the messages of the fields that need fixing first. */
export function formToInput(
  inputs: Record<string, InputSpec>,
  values: Record<string, FieldValue>,
): { input: Record<string, unknown>; errors: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const parsed = parseField(spec, values[name] ?? initialValue(spec));
    if ('error' in parsed) errors[name] = parsed.error;
    else if ('value' in parsed) input[name] = parsed.value;
    // Left empty: the server applies the default, or refuses a required input.
    else if (spec.required && spec.default === undefined) errors[name] = 'required';
  }
  return { input, errors };
}

/** The server's `details` about `input.<field>`, by field; the rest stay general. */
export function fieldErrorsOf(details: ReadonlyArray<{ path: string; message: string }>): {
  byField: Record<string, string>;
  general: Array<{ path: string; message: string }>;
} {
  const byField: Record<string, string> = {};
  const general: Array<{ path: string; message: string }> = [];
  for (const detail of details) {
    const field = /^input\.([A-Za-z0-9_]+)/.exec(detail.path)?.[1];
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${detail.message}` : detail.message;
    else general.push(detail);
  }
  return { byField, general };
}
