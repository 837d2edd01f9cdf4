import { z } from 'zod';
import { Budget } from './budgets';

/** Step ids: letters, digits, `_` and `-`. References always use ids, never labels. */
export const StepId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"');

/** Input names are plain identifiers so templates can say `input.name`. */
export const InputName = z.string().regex(/^(?!__)[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be an identifier (not starting with "__")');

/** Per-step retry policy: data on the step, not code. */
export const RetryPolicy = z
  .object({
    maxAttempts: z.number().int().min(1).max(50).default(1),
    backoff: z.enum(['exponential', 'fixed']).default('exponential'),
    initialDelayMs: z.number().int().min(0).max(3_600_000).default(1000),
    maxDelayMs: z.number().int().min(0).max(86_400_000).default(300_000),
  })
  .strict()
  .meta({ id: 'RetryPolicy' });
export type RetryPolicy = z.infer<typeof RetryPolicy>;

export const InputType = z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']);
export type InputType = z.infer<typeof InputType>;

/** One declared workflow input. */
export const InputField = z
  .object({
    type: InputType,
    required: z.boolean().default(false),
    description: z.string().max(2000).optional(),
    default: z.unknown().optional(),
    enum: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
  })
  .strict()
  .meta({ id: 'InputField' });
export type InputField = z.infer<typeof InputField>;
/** An input field as written (before defaults: `required` may be left out). */
export type InputFieldInput = z.input<typeof InputField>;

/** One node of the workflow graph. `with` holds the step type's config (templates allowed). */
export const StepDefinition = z
  .object({
    id: StepId,
    type: z.string().min(1).max(100),
    label: z.string().max(200).optional(),
    with: z.record(z.string(), z.unknown()).default({}),
    needs: z.array(StepId).max(100).default([]),
    if: z.string().min(1).max(10_000).optional(),
    retry: RetryPolicy.optional(),
    timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
    cache: z
      .object({ ttlSeconds: z.number().int().min(1).max(2_592_000) })
      .strict()
      .optional()
      .meta({
        description:
          'Reuse the output of an earlier execution in the workspace with the same type, resolved config and credentials, within ttlSeconds (at most 30 days); only side-effect-free step types',
      }),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
  })
  .strict()
  .meta({ id: 'StepDefinition' });
export type StepDefinition = z.infer<typeof StepDefinition>;

/** A workflow definition (SPEC §2), as JSON or the same as YAML. */
export const WorkflowDefinition = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(10_000).optional(),
    inputs: z.record(InputName, InputField).default({}),
    steps: z.array(StepDefinition).min(1).max(500),
    output: z.record(z.string(), z.unknown()).optional(),
    timeoutMs: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400_000)
      .optional(),
    concurrency: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .optional()
      .meta({ description: 'At most this many runs of the workflow execute at once, across every worker process' }),
    budget: Budget.optional().meta({
      description: 'The default spending limit of each run on model calls (a run created with its own `budget` uses that)',
    }),
    onFailure: z
      .object({ workflow: z.string().regex(/^[0-9a-f]{24}$/, 'must be a workflow id') })
      .strict()
      .optional()
      .meta({
        description:
          "A workflow of the workspace to run when a run of this one fails: its input is the failed run's summary (workflowId, workflowName, runId, failedStep, error, input, failedAt), the fields it declares",
      }),
  })
  .strict()
  .meta({ id: 'WorkflowDefinition' });
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;
/** The definition as authors write it (defaults not yet applied). */
export type WorkflowDefinitionInput = z.input<typeof WorkflowDefinition>;
