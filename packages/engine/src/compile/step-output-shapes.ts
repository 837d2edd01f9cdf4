import type { StepDefinition, WorkflowDefinition } from '@assay/schema';
import type { KnownShapes, StepType } from '../step-type';
import { object, STRING, UNKNOWN, jsonSchemaShape, type Shape } from './value-shapes';

/** A step's output shape, from its type's output schema for its literal config. */
export function stepOutputShape(step: StepDefinition, type: StepType | undefined, known: KnownShapes): Shape {
  const schema = type?.outputSchema?.(step.with, known);
  return schema ? jsonSchemaShape(schema) : UNKNOWN;
}

/** What `steps.<id>` holds in the scope (`run-scope.ts`): the output, and whether it completed or was skipped. */
export function stepRecordShape(step: StepDefinition, type: StepType | undefined, known: KnownShapes): Shape {
  return object({ output: stepOutputShape(step, type, known), status: STRING });
}

/**
 * The datasets a definition's `dataset.lookup` steps name literally (in sub-graphs too), whose
 * columns the server looks up for `KnownShapes`. A name with a template in it is left out.
 */
export function literalDatasetNames(definition: WorkflowDefinition): string[] {
  const names = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((item) => visit(item, depth + 1));
    const node = value as { type?: unknown; with?: { dataset?: unknown } };
    const dataset = node.type === 'dataset.lookup' ? node.with?.dataset : undefined;
    if (typeof dataset === 'string' && !dataset.includes('{{') && !dataset.includes('{%')) names.add(dataset);
    for (const child of Object.values(value)) visit(child, depth + 1);
  };
  visit(definition.steps, 0);
  return [...names];
}

/** How deep sub-graphs are searched (a map in an agent's tool in a map is 12 levels of JSON). */
const MAX_DEPTH = 32;
