import type { CompiledWorkflow } from '../compile/compile-workflow';

/** What a draft run executes: its unsaved definition and the steps of it that run. */
export interface DraftDefinition {
  definition: CompiledWorkflow['definition'];
  /** The step ids it executes; the others are never started (a dependency's output was given, or it is not involved). */
  executes: string[];
}

/**
 * `target` and every step it depends on, directly or not (needs and references), in the
 * workflow's order: what "Run to here" executes. The target comes last (everything else is upstream of it).
 */
export function upstreamSteps(workflow: CompiledWorkflow, target: string): string[] {
  const wanted = new Set<string>();
  const visit = (id: string) => {
    if (wanted.has(id)) return;
    wanted.add(id);
    for (const dependency of workflow.steps.get(id)?.dependencies ?? []) visit(dependency);
  };
  visit(target);
  return workflow.order.filter((id) => wanted.has(id));
}

/**
 * The workflow narrowed to `executes`: only those steps are decided on, and the run is done when
 * they are. Their dependencies outside the set must hold records already (given outputs). The
 * run's `output` mapping is dropped (it may name steps that do not run): the output is that of the
 * last step executed, the target.
 */
export function restrictWorkflow(workflow: CompiledWorkflow, executes: readonly string[]): CompiledWorkflow {
  const kept = new Set(executes);
  const { output: _unused, ...definition } = workflow.definition;
  return {
    definition,
    steps: new Map([...workflow.steps].filter(([id]) => kept.has(id))),
    order: workflow.order.filter((id) => kept.has(id)),
  };
}
