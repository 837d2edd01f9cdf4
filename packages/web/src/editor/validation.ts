import type { DefinitionProblem } from '@assay/schema';

/** One problem the server found in the definition (POST /v1/workflows/validate): an error, or a warning placed the same way. */
export type DefinitionError = DefinitionProblem;

/** Problems (errors or warnings) sorted for display: per step (for nodes and the step form), and the rest (workflow-level). */
export interface ErrorIndex {
  /** Step id → every message about it. */
  byStep: Map<string, string[]>;
  /** Step id → config field (`template`) or step field (`if`, `needs`) → messages. */
  byField: Map<string, Map<string, string[]>>;
  /** Errors not about one step (name, inputs, output), with their paths. */
  workflow: DefinitionError[];
}

/**
 * Sorts server errors (or warnings: the same placement) by step and field. `stepIds` resolves
 * `steps[3]…` paths that carry no stepId.
 */
export function indexErrors(errors: readonly DefinitionError[], stepIds: readonly string[]): ErrorIndex {
  const byStep = new Map<string, string[]>();
  const byField = new Map<string, Map<string, string[]>>();
  const workflow: DefinitionError[] = [];
  for (const error of errors) {
    const match = /^steps\[(\d+)\](?:\.(with\.)?([A-Za-z0-9_-]+))?/.exec(error.path);
    const stepId = error.stepId ?? (match ? stepIds[Number(match[1])] : undefined);
    if (!stepId) {
      workflow.push(error);
      continue;
    }
    byStep.set(stepId, [...(byStep.get(stepId) ?? []), fieldLabel(match?.[3], error.message)]);
    const field = match?.[3] ? (match[2] ? match[3] : `.${match[3]}`) : '';
    const fields = byField.get(stepId) ?? new Map<string, string[]>();
    fields.set(field, [...(fields.get(field) ?? []), error.message]);
    byField.set(stepId, fields);
  }
  return { byStep, byField, workflow };
}

function fieldLabel(field: string | undefined, message: string): string {
  return field ? `${field}: ${message}` : message;
}
