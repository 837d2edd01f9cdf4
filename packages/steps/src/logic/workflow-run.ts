import { defineStepType, type StepType } from '@assay/engine';
import { AssayError, type RunError, type RunStatus } from '@assay/schema';
import { z } from 'zod';

/** What `workflow.run` needs from the rest of Assay: starting a child run and reading it. */
export interface ChildRuns {
  /**
   * Starts (once: again for the same parent run and step returns the same child) a run of another
   * workflow of the workspace, linked to its parent. Refuses beyond the nesting depth limit.
   */
  start(options: {
    workspaceId: string;
    workflowId: string;
    input: Record<string, unknown>;
    parentRunId: string;
    /** The step that starts it, with the sub-graph execution it is in (`items/7/score`): one child per such place. */
    stepId: string;
  }): Promise<string>;
  get(workspaceId: string, runId: string): Promise<{ status: RunStatus; output: unknown; error: RunError | null } | null>;
}

const Config = z
  .object({
    workflow: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'must be a workflow id')
      .describe('The id of a workflow of the same workspace'),
    input: z.record(z.string(), z.unknown()).default({}).describe('The child run’s input'),
  })
  .strict();

/** How long a parked parent sleeps before looking at its child anyway (the child's finish wakes it sooner). */
const RECHECK_MS = 60_000;

/**
 * `workflow.run`: runs another workflow as a child run and outputs the child's output. The parent is
 * parked while it waits (holding no worker) and woken when the child finishes; the child records its
 * parent (`parentRunId`), the step its child (`usage.childRunId`).
 */
export function createWorkflowRunStep(children: ChildRuns): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'workflow.run',
    example: { id: 'enrich', with: { workflow: '65f0c2a1b3d4e5f601234567', input: { company: '{{ input.company }}' } } },
    family: 'logic',
    description: 'Run another workflow as a child run and use its output.',
    config: Config,
    async execute(config, context) {
      const state = context.previous?.suspended ? (context.previous.output as { childRunId?: string } | null) : null;
      const childRunId =
        state?.childRunId ??
        (await children.start({
          workspaceId: context.workspaceId,
          workflowId: config.workflow,
          input: config.input,
          parentRunId: context.runId,
          stepId: context.instance ? `${context.instance}/${context.stepId}` : context.stepId,
        }));
      const child = await children.get(context.workspaceId, childRunId);
      if (!child) throw new AssayError('step_failed', `child run ${childRunId} disappeared`);
      if (child.status === 'completed') return { kind: 'completed', output: child.output, usage: { childRunId } };
      if (child.status === 'failed' || child.status === 'cancelled') {
        throw new AssayError('step_failed', `child run ${childRunId} ${child.status}${child.error ? `: ${child.error.message}` : ''}`);
      }
      return { kind: 'suspend', until: context.now() + RECHECK_MS, state: { childRunId } };
    },
  });
}
