import { z } from 'zod';
import { Id } from './ids';
import { ListQuery, RunListQuery, WorkflowVersionNumber } from './requests';
import { Budget, Cost } from './budgets';

const Timestamp = z.string().meta({ description: 'ISO 8601 time', example: '2026-01-01T00:00:00.000Z' });

export const BATCH_STATUSES = ['running', 'completed', 'cancelled'] as const;
export const BatchStatus = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof BatchStatus>;

/** The most inputs one batch takes. */
export const MAX_BATCH_ROWS = 100_000;
/** The most refused rows a batch (or a 400 answer) lists; the count covers them all. */
export const MAX_LISTED_INVALID_ROWS = 1000;

/** Batch priority bounds: the same as a single run's. Claims take higher priorities first. */
const Priority = z.number().int().min(-100).max(100);
const Concurrency = z.number().int().min(1).max(10_000);

/** One row refused by validation. Rows are numbered from 1: the first input, CSV data row (after the header) or dataset row. */
export const InvalidRow = z
  .object({
    row: z.number().int().meta({ description: '1-based data row number (the CSV header is not counted)' }),
    field: z.string().meta({ description: 'The input (or CSV column) at fault' }),
    reason: z.string(),
  })
  .meta({ id: 'InvalidRow' });
export type InvalidRow = z.infer<typeof InvalidRow>;

export const BatchCounts = z
  .object({
    queued: z.number().int(),
    running: z.number().int(),
    waiting: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  })
  .meta({ id: 'BatchCounts', description: "The batch's runs per status (runs held back by the concurrency cap count as queued)" });
export type BatchCounts = z.infer<typeof BatchCounts>;

export const Batch = z
  .object({
    id: Id,
    workflowId: Id,
    workflowVersion: z.number().int(),
    status: BatchStatus.meta({
      description: '`running` until every run finished; `cancelled` once cancelled (runs already running still finish)',
    }),
    source: z.enum(['json', 'csv', 'dataset']),
    total: z.number().int().meta({ description: 'Runs in the batch (refused rows are not counted)' }),
    counts: BatchCounts,
    progress: z.number().meta({ description: 'Finished runs (completed, failed or cancelled) / total, 0..1' }),
    invalid: z.array(InvalidRow).meta({ description: `Rows refused with skipInvalid (the first ${MAX_LISTED_INVALID_ROWS})` }),
    invalidCount: z.number().int(),
    concurrency: z.number().int().nullable().meta({ description: 'At most this many of its runs in progress at once (null: no cap)' }),
    priority: z.number().int(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable().meta({ description: "When the batch's first run started" }),
    completedAt: Timestamp.nullable().meta({ description: 'When its last run finished' }),
    throughput: z.number().meta({ description: 'Finished runs per second since the first run started' }),
    budget: Budget.nullable().meta({ description: "The batch's spending limit on model calls over all its runs, if any" }),
    cost: Cost.meta({ description: "What its runs' model calls cost (each run's as of its last park or end)" }),
    budgetExceededAt: Timestamp.nullable().meta({
      description: 'When its cost reached its budget: its queued runs are held (runs already executing finish) until the budget is raised',
    }),
  })
  .meta({ id: 'Batch' });
export type Batch = z.infer<typeof Batch>;

/** Options every way of creating a batch takes (as JSON fields, or as query parameters with a CSV body). */
const BatchOptions = {
  concurrency: Concurrency.optional().meta({
    description: 'Run at most this many of the batch at once (default: no cap beyond the workers)',
  }),
  priority: Priority.optional().meta({
    description: 'Priority of the batch runs, -100..100 (default 0, like single runs); higher is claimed first',
  }),
  skipInvalid: z
    .boolean()
    .optional()
    .meta({ description: 'Run the valid rows and report the invalid ones on the batch, instead of refusing the batch' }),
  budget: Budget.optional().meta({
    description:
      "A spending limit on model calls over all the batch's runs: once their cost reaches it the batch stops releasing runs (each run keeps the workflow's own budget)",
  }),
  version: WorkflowVersionNumber.optional().meta({
    description: 'The workflow version every run of the batch runs (default: the current one)',
  }),
};

export const CreateBatchBody = z
  .object({
    // Items are checked row by row with the rows' other problems (a non-object is an invalid row), not copied here.
    inputs: z
      .array(z.unknown())
      .optional()
      .meta({ description: `One run per input object (at most ${MAX_BATCH_ROWS})` }),
    datasetId: Id.optional().meta({ description: 'One run per row of this dataset (instead of `inputs`)' }),
    mapping: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: 'With datasetId: input name → dataset column (default: the columns named like the inputs)' }),
    ...BatchOptions,
  })
  .strict()
  .meta({ id: 'CreateBatchBody' });
export type CreateBatchBody = z.infer<typeof CreateBatchBody>;

const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The options of a CSV upload, as query parameters. */
export const CreateBatchQuery = z.object({
  concurrency: z.coerce.number().pipe(Concurrency).optional(),
  budgetUsd: z.coerce.number().positive().max(1_000_000).optional().meta({ description: "With a CSV body: the batch's budget in USD" }),
  budgetTokens: z.coerce
    .number()
    .int()
    .positive()
    .max(10_000_000_000)
    .optional()
    .meta({ description: "With a CSV body: the batch's budget in tokens" }),
  priority: z.coerce.number().pipe(Priority).optional(),
  version: z.coerce.number().pipe(WorkflowVersionNumber).optional().meta({ description: 'With a CSV body: the workflow version to run' }),
  skipInvalid: queryBoolean.optional(),
  cache: z
    .enum(['bypass'])
    .optional()
    .meta({ description: "bypass: the batch's cached steps execute (and refresh the cache) instead of reusing earlier outputs" }),
});

export const BatchListQuery = ListQuery.extend({
  workflowId: Id.optional(),
  status: BatchStatus.optional(),
});
export type BatchListQuery = z.infer<typeof BatchListQuery>;

export const BatchRunsQuery = RunListQuery.omit({ batchId: true });

export const BatchResultsQuery = z.object({
  format: z
    .enum(['csv', 'jsonl'])
    .optional()
    .meta({ description: 'Default: from the Accept header (application/x-ndjson → jsonl), else csv' }),
});
