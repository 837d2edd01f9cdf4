import type { ClaimedRun, RunTriggerRequest, StepRecord } from '../ports';
import type { CompiledWorkflow } from '../compile/compile-workflow';

/** The `{ input, steps, run, workflow, assay, trigger }` scope templates and expressions see. */
export interface RunScope extends Record<string, unknown> {
  input: Record<string, unknown>;
  /** A webhook run's request `{ body, headers, query }`; null for runs started otherwise. */
  trigger: RunTriggerRequest | null;
  steps: Record<string, { output: unknown; status: string }>;
  run: { id: string; createdAt: string };
  workflow: { id: string; version: number; name: string };
  assay: Record<string, unknown>;
}

export function createRunScope(
  run: ClaimedRun,
  workflow: CompiledWorkflow,
  records: Iterable<StepRecord>,
  environment: Record<string, unknown> = {},
): RunScope {
  const scope: RunScope = {
    input: run.input,
    trigger: run.trigger ?? null,
    steps: {},
    run: { id: run.id, createdAt: new Date(run.createdAt).toISOString() },
    workflow: { id: run.workflowId, version: run.workflowVersion, name: workflow.definition.name },
    assay: environment,
  };
  for (const record of records) updateScope(scope, record);
  return scope;
}

/** Makes a settled step's output visible to the steps after it. */
export function updateScope(scope: RunScope, record: StepRecord): void {
  if (record.status === 'completed' || record.status === 'skipped') {
    scope.steps[record.stepId] = { output: record.status === 'completed' ? record.output : null, status: record.status };
  }
}
