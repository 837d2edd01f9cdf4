import { z } from 'zod';
import { Budget, Cost } from './budgets';
import { Id } from './ids';
import { ListQuery } from './requests';

const Timestamp = z.string().meta({ description: 'ISO 8601 time' });

/** Limits of one evaluation. */
export const MAX_EVALUATION_VERSIONS = 5;
export const MAX_EVALUATION_ROWS = 10_000;
export const MAX_EVALUATION_SCORERS = 10;

/** A dotted path into a run's output (`verdict`, `figures.revenue`); empty: the whole output. */
const OutputPath = z
  .string()
  .max(200)
  .regex(/^$|^[A-Za-z_$][\w$]*(\.[\w$]+)*$/, 'must be a dotted path into the output, like verdict or figures.revenue');

/** Which expected fields a scorer looks at (default: every field `expected` names). */
const ScorerField = OutputPath.min(1).optional().meta({ description: 'One output path of `expected` (default: each of them)' });
const Threshold = z.number().min(0).max(1).optional();

/** How a row's output is scored against what was expected: each scorer gives 0..1 and passes at its threshold. */
export const Scorer = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('exact'),
        field: ScorerField,
        caseSensitive: z.boolean().default(true).meta({ description: 'Compare text exactly (default) or ignoring case' }),
      })
      .strict()
      .meta({ description: 'The output equals the expected value (a value and its text form count as equal: 42 and "42")' }),
    z
      .object({
        type: z.literal('numeric'),
        field: ScorerField,
        tolerance: z.number().min(0).max(1e15).meta({ description: 'Largest difference that still passes' }),
        relative: z.boolean().default(false).meta({ description: 'The tolerance is a fraction of the expected value' }),
      })
      .strict()
      .meta({ description: 'The output is a number within `tolerance` of the expected one' }),
    z
      .object({
        type: z.literal('contains'),
        field: ScorerField,
        caseSensitive: z.boolean().default(false),
      })
      .strict()
      .meta({ description: 'The output text contains the expected text' }),
    z
      .object({
        type: z.literal('regex'),
        field: ScorerField,
        pattern: z.string().min(1).max(1000).optional().meta({ description: 'Default: the expected value is the pattern' }),
        flags: z
          .string()
          .regex(/^[imsu]*$/, 'only the flags i, m, s and u')
          .max(4)
          .optional(),
      })
      .strict()
      .meta({ description: 'The output text matches the pattern (run in an isolate under the expression limits)' }),
    z
      .object({
        type: z.literal('jsonata'),
        name: z.string().min(1).max(100).optional(),
        expression: z.string().min(1).max(10_000),
        threshold: Threshold,
      })
      .strict()
      .meta({ description: 'A JSONata predicate over { output, expected, input }: true/false, or a number from 0 to 1' }),
    z
      .object({
        type: z.literal('judge'),
        name: z.string().min(1).max(100).optional(),
        rubric: z.string().min(1).max(20_000),
        model: z.string().min(1).max(200).optional().meta({ description: 'Default: the workspace default model (ASSAY_AI_DEFAULT_MODEL)' }),
        threshold: Threshold.meta({ description: 'Default 0.5' }),
      })
      .strict()
      .meta({ description: 'A model grades the output against the rubric (and the expected values): a score from 0 to 1 and a reason' }),
  ])
  .meta({ id: 'Scorer' });
export type Scorer = z.infer<typeof Scorer>;

export const CreateEvaluationBody = z
  .object({
    workflowId: Id,
    name: z.string().min(1).max(200).optional(),
    versions: z
      .array(z.number().int().min(1).max(2_147_483_647))
      .min(1)
      .max(MAX_EVALUATION_VERSIONS)
      .refine((versions) => new Set(versions).size === versions.length, 'each version once')
      .meta({ description: 'The workflow versions to compare; every row runs on each' }),
    datasetId: Id.optional().meta({ description: 'The rows: a dataset (or give `inputs`)' }),
    inputs: z
      .array(z.record(z.string(), z.unknown()))
      .min(1)
      .max(MAX_EVALUATION_ROWS)
      .optional()
      .meta({ description: 'The rows as objects (instead of a dataset)' }),
    mapping: z
      .record(z.string(), z.string().min(1).max(200))
      .optional()
      .meta({ description: 'Workflow input → row column (default: the columns named like the inputs; other columns are ignored)' }),
    expected: z
      .record(OutputPath, z.string().min(1).max(200))
      .refine((expected) => Object.keys(expected).length <= 50, 'at most 50 fields')
      .default({})
      .meta({ description: 'Output path → the row column holding its expected value (`{ "verdict": "expectedVerdict" }`)' }),
    scorers: z.array(Scorer).min(1).max(MAX_EVALUATION_SCORERS),
    concurrency: z.number().int().min(1).max(100).default(4).meta({ description: 'Runs of each version at once' }),
    budget: Budget.optional().meta({ description: "Spending limit of each version's runs (its batch's budget)" }),
    replayFrom: Id.optional().meta({
      description:
        "An earlier evaluation of the same workflow and rows: each run replays that evaluation's run of its row (of the same version, else its first), reusing every step whose resolved config is unchanged",
    }),
  })
  .strict()
  .refine((body) => (body.datasetId === undefined) !== (body.inputs === undefined), {
    message: 'give datasetId or inputs (one of them)',
    path: ['datasetId'],
  })
  .meta({ id: 'CreateEvaluationBody' });
export type CreateEvaluationBody = z.infer<typeof CreateEvaluationBody>;

export const EVALUATION_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
export const EvaluationStatus = z.enum(EVALUATION_STATUSES);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

/** What one version scored. */
export const EvaluationVersion = z
  .object({
    version: z.number().int(),
    batchId: Id,
    score: z.number().nullable().meta({ description: 'Mean row score, 0 to 1 (a failed run scores 0); null until scored' }),
    passRate: z.number().nullable().meta({ description: 'Share of rows passing every scorer, 0 to 1' }),
    runs: z.object({ total: z.number().int(), completed: z.number().int(), failed: z.number().int() }),
    scored: z.number().int().meta({ description: 'Rows scored so far' }),
    cost: Cost.meta({ description: "The version's runs' model calls" }),
    judgeCost: Cost.meta({ description: 'The AI judges’ calls for this version' }),
    latencyMs: z.object({ p50: z.number(), p95: z.number() }).nullable().meta({ description: 'Run duration of finished runs' }),
    scorers: z
      .array(z.object({ scorer: z.string(), score: z.number().nullable(), passRate: z.number().nullable() }))
      .meta({ description: 'Each scorer’s mean score and pass rate' }),
  })
  .meta({ id: 'EvaluationVersion' });
export type EvaluationVersion = z.infer<typeof EvaluationVersion>;

export const Evaluation = z
  .object({
    id: Id,
    name: z.string(),
    workflowId: Id,
    workflowName: z.string(),
    status: EvaluationStatus,
    rows: z.number().int(),
    versions: z.array(EvaluationVersion),
    scorers: z.array(Scorer),
    mapping: z.record(z.string(), z.string()),
    expected: z.record(z.string(), z.string()),
    concurrency: z.number().int(),
    replayFrom: Id.nullable().meta({ description: 'The evaluation whose runs this one replays' }),
    error: z.string().nullable(),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Evaluation' });
export type Evaluation = z.infer<typeof Evaluation>;

/** One scorer's verdict on one row of one version. */
export const ScoreResult = z
  .object({
    scorer: z.string().meta({ description: 'The scorer’s label: `exact:verdict`, a name, or `judge`' }),
    score: z.number().meta({ description: '0 to 1' }),
    passed: z.boolean(),
    reason: z.string().nullable().meta({ description: 'Why (a judge’s reason, or what differed)' }),
  })
  .meta({ id: 'ScoreResult' });
export type ScoreResult = z.infer<typeof ScoreResult>;

/** A field that differs between a version's output and the first version's. */
export const FieldChange = z
  .object({
    path: z.string().meta({ description: 'Dotted path; [n] for list items' }),
    type: z.enum(['added', 'removed', 'changed']),
    before: z.unknown().optional(),
    after: z.unknown().optional(),
  })
  .meta({ id: 'FieldChange' });
export type FieldChange = z.infer<typeof FieldChange>;

export const EvaluationRow = z
  .object({
    index: z.number().int().meta({ description: 'Position in the dataset or inputs, from 0' }),
    input: z.record(z.string(), z.unknown()),
    expected: z.record(z.string(), z.unknown()),
    versions: z.array(
      z.object({
        version: z.number().int(),
        runId: Id.nullable(),
        status: z.string().meta({ description: "The run's status" }),
        output: z.unknown(),
        error: z.string().nullable(),
        score: z.number().nullable(),
        passed: z.boolean().nullable(),
        scores: z.array(ScoreResult),
        latencyMs: z.number().nullable(),
        cost: Cost,
        diff: z.array(FieldChange).meta({ description: "Fields that differ from the first version's output (empty for the first)" }),
      }),
    ),
  })
  .meta({ id: 'EvaluationRow' });
export type EvaluationRow = z.infer<typeof EvaluationRow>;

export const EvaluationListQuery = ListQuery.extend({ workflowId: Id.optional(), status: EvaluationStatus.optional() });
export type EvaluationListQuery = z.infer<typeof EvaluationListQuery>;

export const EvaluationRowsQuery = z.object({
  after: z.coerce.number().int().min(-1).default(-1).meta({ description: 'Rows after this index (default: from the first)' }),
  limit: z.coerce
    .number()
    .int()
    .optional()
    .transform((n) => Math.min(500, Math.max(1, n ?? 100))),
  failing: z.enum(['true', 'false']).optional().meta({ description: '`true`: only rows that did not pass on some version' }),
});
export type EvaluationRowsQuery = z.infer<typeof EvaluationRowsQuery>;

export const EvaluationResultsQuery = z.object({ format: z.enum(['csv', 'jsonl']).default('jsonl') });
