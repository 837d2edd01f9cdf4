import { evaluateExpression, defineStepType } from '@assay/engine';
import { z } from 'zod';

const Config = z
  .object({ expression: z.string().min(1).max(100_000).describe('JSONata over `{ input, steps }`; its value is the output') })
  .strict();

/** `transform`: a JSONata expression over `{ input, steps }`; its value is the step's output. */
export const transformStep = defineStepType<z.infer<typeof Config>>({
  type: 'transform',
  example: { id: 'totals', with: { expression: '{ "count": $count(input.orders), "revenue": $sum(input.orders.amount) }' } },
  family: 'logic',
  scopeExpressionKeys: ['expression'],
  description: 'Reshape data with a JSONata expression over the inputs and earlier steps.',
  config: Config,
  expressionKeys: ['expression'],
  async execute(config, context) {
    const output = await evaluateExpression(config.expression, context.scope, `steps.${context.stepId}.with.expression`, {
      signal: context.signal,
    });
    return { kind: 'completed', output: output ?? null };
  },
});
