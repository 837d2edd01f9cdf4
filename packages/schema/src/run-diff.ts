import { z } from 'zod';
import { FieldChange } from './evaluations';
import { Id } from './ids';
import { RunError, RunStatus, StepStatus } from './resources';

/** Limits of one run comparison (`GET /v1/workflow-runs/{a}/diff/{b}`). */
export const RUN_DIFF_LIMITS = {
  /** Changes listed per compared value (the input, the output, each step's output). */
  changesPerValue: 1000,
  /** Changes listed over all the steps together. */
  stepChanges: 10_000,
  /** Documents compared per run (matched by name). */
  documents: 50,
  /** A text document larger than this is compared by size and SHA-256 only. */
  textBytes: 1_000_000,
  /** The most patch text one document's diff gives. */
  patchChars: 200_000,
} as const;

const Timestamp = z.string().meta({ description: 'ISO 8601 time' });

/** The field-level differences of two values, `a`'s as `before` and `b`'s as `after`. */
export const FieldChanges = z
  .object({
    changes: z
      .array(FieldChange)
      .meta({ description: 'Each field added, removed or changed (path `""`: the value as a whole); list items compared by position' }),
    truncated: z.boolean().meta({ description: 'More changes than listed (the list stops at its limit)' }),
  })
  .meta({ id: 'FieldChanges' });
export type FieldChanges = z.infer<typeof FieldChanges>;

/** One of the two runs compared. */
export const RunDiffSide = z
  .object({
    id: Id,
    workflowId: Id,
    workflowVersion: z.number().int(),
    status: RunStatus,
    error: RunError.nullable(),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: 'RunDiffSide' });
export type RunDiffSide = z.infer<typeof RunDiffSide>;

const Change = z.enum(['added', 'removed', 'changed', 'unchanged']);

const StepSide = z.object({
  type: z.string(),
  status: StepStatus,
  error: z.string().nullable().meta({ description: "The step's error message" }),
});

/** One step of either run, matched by id. */
export const StepDiff = z
  .object({
    id: z.string(),
    change: Change.meta({
      description: 'added: only in run b; removed: only in run a; changed: its type, status, error or output differs',
    }),
    before: StepSide.nullable().meta({ description: 'The step in run a (null: added)' }),
    after: StepSide.nullable().meta({ description: 'The step in run b (null: removed)' }),
    output: FieldChanges.meta({ description: "The step's output, field by field (empty for an added or removed step)" }),
  })
  .meta({ id: 'StepDiff' });
export type StepDiff = z.infer<typeof StepDiff>;

const DocumentSide = z.object({
  contentType: z.string(),
  bytes: z.number().int(),
  sha256: z.string().meta({ description: 'SHA-256 of its bytes, hex' }),
});

/** One document (artifact) of either run, matched by name. */
export const DocumentDiff = z
  .object({
    name: z.string().meta({ example: 'memo.md' }),
    change: Change,
    comparedBy: z.enum(['lines', 'hash']).meta({
      description:
        'lines: a text document (Markdown, HTML, text, JSON, CSV) diffed line by line; hash: by size and SHA-256 only (other files, text over 1 MB, or text too different to diff in time)',
    }),
    before: DocumentSide.nullable().meta({ description: 'The file in run a (null: added)' }),
    after: DocumentSide.nullable().meta({ description: 'The file in run b (null: removed)' }),
    patch: z
      .string()
      .nullable()
      .meta({ description: 'A unified diff (`--- a/<name>`, `+++ b/<name>`) when a text document changed; otherwise null' }),
    patchTruncated: z.boolean().meta({ description: 'The patch stops early (at about 200 KB)' }),
  })
  .meta({ id: 'DocumentDiff' });
export type DocumentDiff = z.infer<typeof DocumentDiff>;

/** `GET /v1/workflow-runs/{a}/diff/{b}`: what differs between two runs of the workspace, `a` as before and `b` as after. */
export const RunDiff = z
  .object({
    a: RunDiffSide,
    b: RunDiffSide,
    identical: z.boolean().meta({ description: 'Nothing below differs: status, input, output, steps and documents' }),
    statusChanged: z.boolean(),
    input: FieldChanges,
    output: FieldChanges,
    steps: z
      .array(StepDiff)
      .meta({ description: "Every step of either run's workflow version: run a's in order, then those only in run b" }),
    documents: z.array(DocumentDiff).meta({ description: "The runs' documents, matched by name: run a's first, then those only in run b" }),
    documentsTruncated: z
      .boolean()
      .meta({ description: 'The runs have more than 50 documents between them: the first 50 names are compared' }),
    truncated: z.boolean().meta({ description: 'Something was cut short: a list of changes, the documents, or a patch' }),
  })
  .meta({ id: 'RunDiff' });
export type RunDiff = z.infer<typeof RunDiff>;
