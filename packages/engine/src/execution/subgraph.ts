import { AssayError, type StepDefinition } from '@assay/schema';
import { compileWorkflow, type CompiledWorkflow } from '../compile/compile-workflow';
import { evaluateExpression } from '../expressions/jsonata';
import type { ArtifactWriter, ClaimedRun, Clock, CredentialReader, Logger, StepRecord } from '../ports';
import { decide } from '../scheduling/decide';
import type { ItemCheckpoints, StepRegistry, SubgraphRunner } from '../step-type';
import { sleep } from './abort';
import { executeAttempt } from './step-attempt';
import type { StepCache } from './step-cache';
import type { StepBudget } from './run-budget';

export interface SubgraphDeps {
  registry: StepRegistry;
  clock: Clock;
  logger: Logger;
  credentials: CredentialReader;
  artifacts: ArtifactWriter;
  run: ClaimedRun;
  scrub<T>(value: T): T;
  cache: StepCache;
  budget: StepBudget;
}

/** How often a step of a sub-graph that waits on a child run checks on it. */
const SUSPENDED_RECHECK_MS = 250;

/** Items of a map nested inside a sub-graph are not checkpointed on their own: their item is. */
const NO_CHECKPOINTS: ItemCheckpoints = { load: async () => new Map(), save: async () => undefined, announce: async () => undefined };

/**
 * Runs a sub-graph (the steps of one `map` item) in process with the same scheduling decisions as a
 * run: dependencies, `if`, skips, retries with backoff and sleeps, but no per-step checkpoints — the
 * caller checkpoints each item's result. Returns the output of the sub-graph's last step.
 */
export function createSubgraphRunner(deps: SubgraphDeps): SubgraphRunner {
  const compiled = new WeakMap<StepDefinition[], CompiledWorkflow>();
  const runner: SubgraphRunner = {
    async run(steps, scope, signal, instance) {
      const outer = (scope.steps ?? {}) as Record<string, unknown>;
      const input = (scope.input ?? {}) as Record<string, unknown>;
      let workflow = compiled.get(steps);
      if (!workflow) {
        const inputs = Object.fromEntries(Object.keys(input).map((name) => [name, { type: 'object' as const, required: false }]));
        workflow = compileWorkflow({ name: 'subgraph', inputs, steps }, deps.registry, { outerSteps: new Set(Object.keys(outer)) });
        compiled.set(steps, workflow);
      }
      const records = new Map<string, StepRecord>();
      const innerSteps: Record<string, unknown> = { ...outer };
      const innerScope = { ...scope, steps: innerSteps };
      const settle = (settled: StepRecord) => {
        // A step waiting on something outside the run (a child run) checks again soon: in a sub-graph
        // the run is not parked, and nothing but this check notices that the child finished.
        const record =
          settled.suspended && settled.wakeAt !== null
            ? { ...settled, wakeAt: Math.min(settled.wakeAt, deps.clock.now() + SUSPENDED_RECHECK_MS) }
            : settled;
        records.set(record.stepId, record);
        if (record.status === 'completed' || record.status === 'skipped')
          innerSteps[record.stepId] = { output: record.status === 'completed' ? record.output : null, status: record.status };
      };
      const blank = (id: string): StepRecord => ({
        stepId: id,
        type: workflow.steps.get(id)?.definition.type ?? '',
        status: 'pending',
        attempts: 0,
        startedAt: null,
        completedAt: null,
        config: null,
        output: null,
        error: null,
        usage: null,
        wakeAt: null,
      });

      for (;;) {
        if (signal.aborted) throw signal.reason ?? new AssayError('cancelled', 'aborted');
        const now = deps.clock.now();
        const decision = decide(workflow, records, new Set(), now);
        if (decision.failed) {
          const error = decision.failed.error;
          throw new AssayError(
            (error?.code as 'step_failed') ?? 'step_failed',
            `step "${decision.failed.stepId}": ${error?.message ?? 'failed'}`,
          );
        }
        if (decision.done) {
          const last = workflow.order[workflow.order.length - 1];
          return last === undefined ? null : (records.get(last)?.output ?? null);
        }
        for (const id of decision.skip) settle({ ...blank(id), status: 'skipped', completedAt: now });
        for (const id of decision.wake) settle({ ...(records.get(id) as StepRecord), status: 'completed', completedAt: now, wakeAt: null });
        if (decision.skip.length + decision.wake.length > 0) continue;
        if (decision.start.length === 0) {
          if (decision.nextTimerAt === null) throw new AssayError('internal', 'sub-graph cannot make progress');
          await sleep(deps.clock, decision.nextTimerAt - now, signal);
          continue;
        }
        await Promise.all(
          decision.start.map(async (id) => {
            const step = workflow.steps.get(id);
            if (!step) return;
            const previous = records.get(id);
            if (
              step.definition.if !== undefined &&
              previous === undefined &&
              !(await evaluateExpression(step.definition.if, innerScope, `${id}.if`, { signal }))
            ) {
              settle({ ...blank(id), status: 'skipped', completedAt: deps.clock.now() });
              return;
            }
            settle(
              await executeAttempt({
                run: deps.run,
                step,
                attempt: (previous?.attempts ?? 0) + 1,
                scope: innerScope,
                runSignal: signal,
                previous,
                clock: deps.clock,
                logger: deps.logger,
                credentials: deps.credentials,
                artifacts: deps.artifacts,
                items: NO_CHECKPOINTS,
                subgraph: runner,
                scrub: deps.scrub,
                cache: deps.cache,
                budget: deps.budget,
                instance,
              }),
            );
          }),
        );
      }
    },
  };
  return runner;
}
