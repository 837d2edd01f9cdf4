import type { ErrorDetail } from '@assay/schema';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { checkValue, compileSchema } from '../ai/validate';

/**
 * What is wrong with a value for a step's JSON Schema (`$.field` paths), empty when it fits: a
 * signal's payload for `wait.signal`, a reviewer's value for `approval`.
 */
export function checkAgainstSchema(schema: Record<string, unknown>, value: unknown): ErrorDetail[] {
  const check = checkValue(value, compileSchema(schema as JSONSchema7));
  return check.ok ? [] : check.problems;
}

/** A step's `schema` setting: a JSON Schema object, compiled when the workflow is saved so a broken one is refused there. */
export const JsonSchemaSetting = z.record(z.string(), z.unknown()).superRefine((schema, ctx) => {
  try {
    compileSchema(schema as JSONSchema7);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
  }
});
