import { evaluateExpression, defineStepType } from '@assay/engine';
import { z } from 'zod';

const Config = z
  .object({ expression: z.string().min(1).max(100_000).describe('JSONata over `{ input, steps }`; its truth is `output.result`') })
  .strict();

/**
 * `condition`: evaluates a JSONata expression to `{ result }`. Branches are steps with
 * `if: "steps.<id>.output.result"` (or its negation); untaken branches are recorded as skipped.
 */
export const conditionStep = defineStepType<z.infer<typeof Config>>({
  type: 'condition',
  example: { id: 'isLarge', with: { expression: 'input.amount > 1000' } },
  family: 'logic',
  scopeExpressionKeys: ['expression'],
  outputSchema: () => ({ type: 'object', properties: { result: { type: 'boolean' } } }),
  description: 'Decide between branches: steps after it use `if: steps.<id>.output.result`.',
  config: Config,
  expressionKeys: ['expression'],
  async execute(config, context) {
    const value = await evaluateExpression(config.expression, context.scope, `steps.${context.stepId}.with.expression`, {
      signal: context.signal,
    });
    return { kind: 'completed', output: { result: Boolean(value) } };
  },
});
