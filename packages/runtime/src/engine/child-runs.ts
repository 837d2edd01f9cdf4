import { createHash } from 'node:crypto';
import { AssayError } from '@assay/schema';
import type { ChildRuns } from '@assay/steps';
import type { Store } from '@assay/store';
import type { RunService } from '@assay/server/services';

/** How deep `workflow.run` may nest (a run of a run of a run …). */
export const MAX_CHILD_DEPTH = 5;

/**
 * Child runs for `workflow.run`, created like API runs (input checked against the child workflow)
 * with an idempotency key per parent run and step, so a step that executes again after a crash
 * finds the child it already started.
 */
export function childRuns(store: Store, runs: () => RunService): ChildRuns {
  return {
    async start({ workspaceId, workflowId, input, parentRunId, stepId }) {
      let depth = 1;
      let ancestor = await store.runs.get(workspaceId, parentRunId);
      while (ancestor?.trigger === 'workflow' && ancestor.parentRunId) {
        depth++;
        if (depth >= MAX_CHILD_DEPTH) throw new AssayError('invalid_input', `workflow.run: runs may nest at most ${MAX_CHILD_DEPTH} deep`);
        ancestor = await store.runs.get(workspaceId, ancestor.parentRunId);
      }
      const { run } = await runs().create({
        workspaceId,
        workflowId,
        input,
        trigger: 'workflow',
        parentRunId,
        // One child per place in the parent; a deep place (nested sub-graphs) is hashed to stay short.
        idempotencyKey: `child:${parentRunId}:${stepId.length > 200 ? createHash('sha256').update(stepId).digest('hex') : stepId}`,
      });
      return run.id;
    },
    async get(workspaceId, runId) {
      const run = await store.runs.get(workspaceId, runId);
      return run ? { status: run.status, output: run.output, error: run.error } : null;
    },
  };
}
