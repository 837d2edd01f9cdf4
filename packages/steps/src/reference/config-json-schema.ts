import type { StepType } from '@assay/engine';
import { z } from 'zod';
import type { JsonSchema } from './schema-fields';

/**
 * A step type's `with` as JSON Schema, exactly as `GET /v1/step-types` presents it
 * (packages/server/src/routes/step-types.ts): the input side, so fields with a default are optional
 * and show it; anything zod cannot express left open.
 */
export function configJsonSchema(type: StepType): JsonSchema {
  try {
    return z.toJSONSchema(type.config, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    // A schema zod cannot render (e.g. a cycle it cannot name): the route falls back to an open object too.
    return { type: 'object' };
  }
}
