import { AssayError, type ErrorDetail } from '@assay/schema';
import type { JSONSchema7 } from 'ai';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

// `strict: false`: unknown keywords and formats are ignored rather than rejected, as providers do.
const draft7 = new Ajv({ allErrors: true, strict: false, logger: false });
const draft2020 = new Ajv2020({ allErrors: true, strict: false, logger: false });

/** The result of checking a model's answer. */
export type SchemaCheck = { ok: true; value: unknown } | { ok: false; problems: ErrorDetail[] };

/**
 * Compiled validators by schema text, most recently used last. Ajv keeps every schema object it
 * compiled; steps parse their schemas afresh on every execution, so without this the server would
 * keep one compiled copy per execution for ever. Evicted schemas are removed from Ajv too.
 */
const compiled = new Map<string, { validate: ValidateFunction; schema: JSONSchema7; ajv: Pick<Ajv, 'removeSchema'> }>();
const MAX_COMPILED = 500;

/** Compiles a JSON Schema (once per distinct schema); an unusable schema is the author's error (`invalid_input`). */
export function compileSchema(schema: JSONSchema7): ValidateFunction {
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known) {
    compiled.delete(key);
    compiled.set(key, known);
    return known.validate;
  }
  const ajv = typeof schema.$schema === 'string' && schema.$schema.includes('2020-12') ? draft2020 : draft7;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new AssayError('invalid_input', `schema: not a usable JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
  }
  compiled.set(key, { validate, schema, ajv });
  if (compiled.size > MAX_COMPILED) {
    const [oldestKey, oldest] = compiled.entries().next().value as [string, { schema: JSONSchema7; ajv: Pick<Ajv, 'removeSchema'> }];
    compiled.delete(oldestKey);
    oldest.ajv.removeSchema(oldest.schema);
  }
  return validate;
}

/** Parses a model's text as JSON (tolerating a Markdown code fence) and validates it. */
export function parseAndValidate(text: string, validate: ValidateFunction): SchemaCheck {
  let value: unknown;
  try {
    value = JSON.parse(stripFence(text));
  } catch (error) {
    const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    return {
      ok: false,
      problems: [
        { path: '$', message: `not JSON (${error instanceof Error ? error.message : 'parse error'}): ${JSON.stringify(preview)}` },
      ],
    };
  }
  if (validate(value)) return { ok: true, value };
  return { ok: false, problems: (validate.errors ?? []).map(toDetail) };
}

/** Validates a value (not text) against a compiled schema. */
export function checkValue(value: unknown, validate: ValidateFunction): SchemaCheck {
  if (validate(value)) return { ok: true, value };
  return { ok: false, problems: (validate.errors ?? []).map(toDetail) };
}

function toDetail(error: ErrorObject): ErrorDetail {
  const path = `$${error.instancePath.replace(/\/([^/]*)/g, (_, part: string) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`))}`;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'enum')
    message += ` (${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  if (error.keyword === 'additionalProperties') message += ` ("${(error.params as { additionalProperty: string }).additionalProperty}")`;
  return { path, message };
}

/** `path message; path message` for error messages. */
export function describeProblems(problems: ErrorDetail[]): string {
  const shown = problems.slice(0, 10).map((p) => `${p.path} ${p.message}`);
  if (problems.length > 10) shown.push(`and ${problems.length - 10} more`);
  return shown.join('; ');
}

function stripFence(text: string): string {
  const trimmed = text.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  return fenced ? fenced[1]! : trimmed;
}
