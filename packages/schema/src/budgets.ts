import { z } from 'zod';

/**
 * A spending limit on model calls: US dollars, tokens (input and output together), or both. AI
 * steps check it before each model call and after it; crossing it parks the run (see SPEC).
 */
export const Budget = z
  .object({
    usd: z.number().positive().max(1_000_000).optional().meta({ description: 'US dollars of model calls at most' }),
    tokens: z
      .number()
      .int()
      .positive()
      .max(10_000_000_000)
      .optional()
      .meta({ description: 'Tokens of model calls (input and output) at most' }),
  })
  .strict()
  .refine((budget) => budget.usd !== undefined || budget.tokens !== undefined, { message: 'give usd, tokens or both' })
  .meta({ id: 'Budget' });
export type Budget = z.infer<typeof Budget>;

/** What model calls have cost so far. `usd` counts the calls whose model has a price (see ASSAY_AI_PRICES). */
export const Cost = z
  .object({
    usd: z.number(),
    tokens: z.number().int(),
  })
  .meta({ id: 'Cost' });
export type Cost = z.infer<typeof Cost>;

/**
 * A new budget for a run or a batch (`POST …/budget`): each limit given replaces the old one, `null`
 * removes it, an absent one stays as it was.
 */
export const SetBudgetBody = z
  .object({
    usd: z.number().positive().max(1_000_000).nullable().optional(),
    tokens: z.number().int().positive().max(10_000_000_000).nullable().optional(),
  })
  .strict()
  .refine((body) => body.usd !== undefined || body.tokens !== undefined, { message: 'give usd, tokens or both' })
  .meta({ id: 'SetBudgetBody' });
export type SetBudgetBody = z.infer<typeof SetBudgetBody>;

/** Why a `waiting` run waits: a durable timer (a sleep, a retry, a child run), its budget, a person's decision, or a system's signal. */
export const WAIT_REASONS = ['timer', 'budget_exceeded', 'approval', 'signal'] as const;
export const WaitReason = z.enum(WAIT_REASONS);
export type WaitReason = z.infer<typeof WaitReason>;
