import type { ErrorDetail } from '@assay/schema';
import type { JSONSchema7 } from 'ai';
import { checkValue, compileSchema } from '../ai/validate';

/** What is wrong with a signal's payload for a `wait.signal` step's schema (`$.field` paths); empty when it fits. */
export function checkSignalPayload(schema: Record<string, unknown>, payload: unknown): ErrorDetail[] {
  const check = checkValue(payload, compileSchema(schema as JSONSchema7));
  return check.ok ? [] : check.problems;
}
