import type { ItemResult, StepContext, StepOutcome } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { ChildRuns } from './workflow-run';

/** How long a parked map waits before looking at its children anyway (a child's finish wakes it sooner). */
const RECHECK_MS = 60_000;

/**
 * `map` over a workflow: one child run per item (the item, an object, is the child's input), at most
 * `concurrency` at a time. The map never holds a worker while children run: it starts what it may,
 * checkpoints each item as `running` with its child's id, and suspends; every child that finishes
 * wakes it to collect results and start more.
 */
export async function mapOverWorkflow(options: {
  children: ChildRuns;
  workflowId: string;
  items: unknown[];
  concurrency: number;
  onError: 'fail' | 'collect';
  context: StepContext;
}): Promise<StepOutcome> {
  const { children, context, items } = options;
  const state = await context.items.load();
  let running = 0;
  for (const [index, result] of state) {
    if (result.status !== 'running') continue;
    const childRunId = (result.output as { childRunId: string }).childRunId;
    const child = await children.get(context.workspaceId, childRunId);
    if (!child || child.status === 'failed' || child.status === 'cancelled') {
      const message = `child run ${childRunId} ${child?.status ?? 'disappeared'}${child?.error ? `: ${child.error.message}` : ''}`;
      if (options.onError === 'fail') throw new AssayError('step_failed', `item ${index}: ${message}`);
      await record(context, state, index, {
        status: 'failed',
        output: null,
        error: { code: 'step_failed', message, stepId: context.stepId },
      });
    } else if (child.status === 'completed') {
      await record(context, state, index, { status: 'completed', output: child.output, error: null });
    } else {
      running++;
    }
  }
  for (let index = 0; index < items.length && running < options.concurrency; index++) {
    if (state.has(index)) continue;
    const item = items[index];
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new AssayError('invalid_input', `item ${index}: a map over a workflow needs objects (each is a child run's input)`);
    }
    const childRunId = await children.start({
      workspaceId: context.workspaceId,
      workflowId: options.workflowId,
      input: item as Record<string, unknown>,
      parentRunId: context.runId,
      stepId: `${context.stepId}#${index}`,
    });
    await record(context, state, index, { status: 'running', output: { childRunId }, error: null });
    running++;
  }
  if (state.size === items.length && running === 0) {
    const output = items.map((_, i) => {
      const result = state.get(i);
      return result?.status === 'completed' ? result.output : { error: result?.error?.message ?? 'failed' };
    });
    return { kind: 'completed', output };
  }
  return { kind: 'suspend', until: context.now() + RECHECK_MS, state: { running } };
}

async function record(context: StepContext, state: Map<number, ItemResult>, index: number, result: ItemResult): Promise<void> {
  await context.items.save(index, result);
  state.set(index, result);
}
