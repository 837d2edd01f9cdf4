import { defineStepType, evaluateExpression, jsonSize, limits, RunStopped, type StepType } from '@assay/engine';
import { AssayError, StepDefinition, toAssayError } from '@assay/schema';
import { z } from 'zod';
import { mapOverWorkflow } from './map-workflow';
import type { ChildRuns } from './workflow-run';

/** The most items one `map` step takes. */
export const MAX_MAP_ITEMS = 10_000;

const Config = z
  .object({
    items: z.string().min(1).max(10_000).describe('JSONata giving the list to work through'),
    steps: z
      .array(StepDefinition)
      .min(1)
      .max(100)
      .optional()
      .describe('The steps run for each item (give this or `workflow`); the last one’s output is the item’s result'),
    workflow: z
      .string()
      .regex(/^[0-9a-f]{24}$/, 'must be a workflow id')
      .optional()
      .describe('A workflow run as a child run per item, with the item as its input (instead of `steps`)'),
    concurrency: z.number().int().min(1).max(100).default(4).describe('Items in progress at once'),
    onError: z
      .enum(['fail', 'collect'])
      .default('fail')
      .describe('`fail`: the first failed item fails the step; `collect`: a failed item’s place holds `{ error }` and the others go on'),
  })
  .strict()
  .refine((c) => (c.steps === undefined) !== (c.workflow === undefined), {
    message: 'give exactly one of "steps" (a sub-graph) or "workflow" (a workflow id)',
  });

/**
 * `map`: runs a sub-graph (`steps`), or a workflow as child runs (`workflow`), once per item of a list (`items`, JSONata), with `item` and `index` in
 * scope, at most `concurrency` at a time. The output is the sub-graph's last step output per item,
 * in input order. Every finished item is checkpointed, so a crash or a retry resumes after the items
 * already done. With `onError: fail` the first failing item fails the step; with `collect` a failed
 * item's place holds `{ error }` and the others go on.
 */
export function createMapStep(children: ChildRuns): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'map',
    example: {
      id: 'pages',
      with: {
        items: 'input.urls',
        concurrency: 4,
        onError: 'collect',
        steps: [{ id: 'page', type: 'web.extract', with: { url: '{{ item }}' } }],
      },
    },
    family: 'logic',
    scopeExpressionKeys: ['items'],
    description: 'Run steps once per item of a list, with a concurrency cap; results in input order.',
    config: Config,
    expressionKeys: ['items', 'steps'],
    subgraphKey: 'steps',
    subgraphScope: ['item', 'index'],
    async execute(config, context) {
      const list = await evaluateExpression(config.items, context.scope, `steps.${context.stepId}.with.items`, { signal: context.signal });
      const items = list === undefined || list === null ? [] : Array.isArray(list) ? list : [list];
      if (items.length > MAX_MAP_ITEMS)
        throw new AssayError('invalid_input', `map over ${items.length} items: at most ${MAX_MAP_ITEMS} per step`);
      if (config.workflow)
        return mapOverWorkflow({
          children,
          workflowId: config.workflow,
          items,
          concurrency: config.concurrency,
          onError: config.onError,
          context,
        });
      const steps = config.steps ?? [];
      const results: unknown[] = new Array(items.length).fill(null);
      const done = await context.items.load();
      for (const [index, result] of done)
        if (index < items.length)
          results[index] = result.status === 'completed' ? result.output : { error: result.error?.message ?? 'failed' };
      const todo = items.map((_, i) => i).filter((i) => !done.has(i));

      // Fail fast: the first failure stops the items still running.
      const stop = new AbortController();
      const signal = AbortSignal.any([context.signal, stop.signal]);
      let failure: AssayError | null = null;
      let next = 0;
      // The results are held until the step ends: their total is capped as they arrive, not at the end.
      const maxBytes = limits().maxOutputBytes;
      let held = 0;
      for (const value of results) held += jsonSize(value, maxBytes);
      const worker = async () => {
        while (next < todo.length && !failure) {
          const index = todo[next++] as number;
          try {
            const instance = `${context.instance ? `${context.instance}/` : ''}${context.stepId}/${index}`;
            const output = await context.subgraph.run(steps, { ...context.scope, item: items[index], index }, signal, instance);
            await context.items.save(index, { status: 'completed', output, error: null });
            results[index] = output;
            held += jsonSize(output, maxBytes);
            if (held > maxBytes && !failure) {
              failure = new AssayError(
                'output_too_large',
                `steps.${context.stepId}: the results of its items are ${held.toLocaleString('en-US')} bytes or more of JSON, over the limit of ${maxBytes.toLocaleString('en-US')} bytes (ASSAY_MAX_OUTPUT_BYTES)`,
              );
              stop.abort(failure);
              return;
            }
          } catch (thrown) {
            if (context.signal.aborted || thrown instanceof RunStopped) throw thrown;
            if (stop.signal.aborted) return;
            const error = toAssayError(thrown, 'step_failed');
            if (config.onError === 'fail') {
              failure = new AssayError(error.code, `item ${index}: ${error.message}`, {
                retryable: error.retryable,
                retryAfterMs: error.retryAfterMs,
              });
              stop.abort(failure);
              return;
            }
            await context.items.save(index, {
              status: 'failed',
              output: null,
              error: { code: error.code, message: error.message, stepId: context.stepId },
            });
            results[index] = { error: error.message };
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(config.concurrency, todo.length) }, worker));
      if (failure) throw failure;
      return { kind: 'completed', output: results };
    },
  });
}
