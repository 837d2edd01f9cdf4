import { z } from 'zod';
import { WorkflowDefinition } from './definition';
import { Budget } from './budgets';
import { Id } from './ids';
import { KeyScope, RunStatus } from './resources';
import { RunMetadataInput } from './run-metadata';

/** Query parameters every list endpoint accepts (SPEC §3). Out-of-range limits are clamped. */
export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .optional()
    .transform((n) => Math.min(1000, Math.max(1, n ?? 100))),
  page: z.coerce.number().int().min(1).max(100).default(1),
  lt: Id.optional().meta({ description: 'Cursor: only items whose id is below this one' }),
  gt: Id.optional().meta({ description: 'Cursor: only items whose id is above this one' }),
  sort: z.enum(['id', 'createdAt']).default('id'),
  direction: z.enum(['asc', 'desc']).default('desc'),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const RunListQuery = ListQuery.extend({
  status: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      const statuses = s.split(',').map((x) => x.trim().toLowerCase());
      for (const status of statuses) {
        if (!RunStatus.safeParse(status).success) {
          ctx.addIssue({ code: 'custom', message: `unknown status "${status}"` });
          return z.NEVER;
        }
      }
      return statuses as RunStatus[];
    }),
  batchId: Id.optional(),
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  createdBefore: z.iso.datetime({ offset: true }).optional(),
});
export type RunListQuery = z.infer<typeof RunListQuery>;

export const CreateWorkflowBody = WorkflowDefinition;

/** The rule for every URL Assay calls later (event endpoints, callbacks), for API descriptions. */
export const CALLED_URL_RULE =
  'Must reach a public (globally routable unicast) address, checked now and at every send, unless ASSAY_HTTP_ALLOW allows the host';

/** A workflow version number (32-bit integers in the store: a larger one is refused here, not by PostgreSQL). */
export const WorkflowVersionNumber = z.number().int().min(1).max(2_147_483_647);

export const CreateRunBody = z
  .object({
    input: z.record(z.string(), z.unknown()).default({}),
    callbackUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional()
      .meta({ description: `Receives the signed run.completed / run.failed / run.cancelled event. ${CALLED_URL_RULE}` }),
    idempotencyKey: z.string().min(1).max(255).optional(),
    priority: z.number().int().min(-100).max(100).optional(),
    budget: Budget.optional().meta({
      description: "The run's spending limit on model calls (default: the workflow's `budget`); crossing it parks the run",
    }),
    metadata: RunMetadataInput.optional(),
    version: WorkflowVersionNumber.optional().meta({ description: 'The workflow version to run (default: the current one)' }),
  })
  .strict()
  .meta({ id: 'CreateRunBody' });
export type CreateRunBody = z.infer<typeof CreateRunBody>;

export const RerunBody = z
  .object({
    version: z
      .union([WorkflowVersionNumber, z.literal('current')])
      .optional()
      .meta({ description: "Default: the original run's version; a number, or `current` for the workflow's current version" }),
  })
  .strict()
  .meta({ id: 'RerunBody' });
export type RerunBody = z.infer<typeof RerunBody>;

export const ReplayBody = z
  .object({ version: WorkflowVersionNumber.optional().meta({ description: 'The version to replay on (default: the current one)' }) })
  .strict()
  .meta({ id: 'ReplayBody' });

export const RestoreVersionBody = z.object({ version: WorkflowVersionNumber }).strict();

export const CreateKeyBody = z
  .object({ name: z.string().min(1).max(200), scope: KeyScope.default('run') })
  .strict()
  .meta({ id: 'CreateKeyBody' });
