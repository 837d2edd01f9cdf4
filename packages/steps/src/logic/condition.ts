import { evaluateExpression, defineStepType } from '@assay/engine';
import { z } from 'zod';

const Config = z.object({ expression: z.string().min(1).max(100_000) }).strict();

/**
 * `condition`: evaluates a JSONata expression to `{ result }`. Branches are steps with
 * `if: "steps.<id>.output.result"` (or its negation); untaken branches are recorded as skipped.
 */
export const conditionStep = defineStepType<z.infer<typeof Config>>({
  type: 'condition',
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
