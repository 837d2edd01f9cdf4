import { z } from 'zod';
import { StepId, WorkflowDefinition } from './definition';
import { Id } from './ids';
import { Run, RunError } from './resources';

/**
 * Draft runs: the editor's "Test step" and "Run to here" on an unsaved definition. A draft run is
 * executed by the normal engine but kept apart: no version is saved, no run list, metric or event
 * endpoint sees it, no `onFailure` workflow starts for it, and it is pruned after
 * ASSAY_DRAFT_RETENTION_HOURS.
 */

/** Unfinished draft runs a workspace may have at once (a new one is refused with 429 beyond). */
export const MAX_UNFINISHED_DRAFT_RUNS = 20;
/** Runs of a workflow `latest-outputs` looks through, newest first. */
export const LATEST_OUTPUT_RUNS = 50;

export const DraftRunMode = z.enum(['step', 'upstream']).meta({
  description:
    '`upstream` ("Run to here"): the target and every step it depends on (needs and references) execute, nothing else. ' +
    '`step` ("Test step"): only the target executes; each step it depends on counts as completed with an output taken from ' +
    '`upstream`, else the pinned sample outputs, else the run `fromRunId`, else the latest output of that step',
});
export type DraftRunMode = z.infer<typeof DraftRunMode>;

/** Where a dependency's output came from in `mode: "step"`, in the order they are tried. */
export const DRAFT_OUTPUT_SOURCES = ['upstream', 'sample', 'run', 'latest'] as const;
export const DraftOutputSource = z.enum(DRAFT_OUTPUT_SOURCES);
export type DraftOutputSource = z.infer<typeof DraftOutputSource>;

/** Body of `POST /v1/workflows/{id}/draft-runs`. */
export const CreateDraftRunBody = z
  .object({
    definition: WorkflowDefinition.meta({
      description: "The editor's unsaved definition: validated like a save, never stored as a version",
    }),
    target: StepId.meta({ description: 'The step to test, or to run up to' }),
    mode: DraftRunMode,
    input: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "The run's input, checked against the draft's `inputs` (default: the pinned sample input, else `{}`)" }),
    upstream: z
      .record(StepId, z.unknown())
      .optional()
      .meta({ description: '`mode: "step"`: outputs of steps the target depends on, by step id (tried first)' }),
    fromRunId: Id.optional().meta({
      description: '`mode: "step"`: a run of this workflow whose completed steps give the outputs not in `upstream` or the pinned sample',
    }),
  })
  .strict()
  .meta({ id: 'CreateDraftRunBody' });
export type CreateDraftRunBody = z.infer<typeof CreateDraftRunBody>;

/** A dependency's output a `mode: "step"` draft run was given (its step is completed without executing). */
export const DraftProvidedOutput = z
  .object({
    source: DraftOutputSource,
    runId: Id.nullable().meta({ description: 'The run the output was taken from (`run`, `latest`); null for `upstream` and `sample`' }),
  })
  .meta({ id: 'DraftProvidedOutput' });
export type DraftProvidedOutput = z.infer<typeof DraftProvidedOutput>;

/**
 * A draft run: the run's shape, with only the steps it involves (those it executes and, for
 * `mode: "step"`, the dependencies it was given outputs for), plus what kind of draft it is.
 */
export const DraftRun = Run.extend({
  draft: z.literal(true),
  target: StepId,
  mode: DraftRunMode,
  executes: z.array(StepId).meta({ description: 'The steps this draft run executes, in order (the target last)' }),
  provided: z.record(StepId, DraftProvidedOutput).meta({ description: '`mode: "step"`: where each dependency’s output came from' }),
  definition: WorkflowDefinition.meta({ description: 'The draft definition it ran' }),
}).meta({ id: 'DraftRun' });
export type DraftRun = z.infer<typeof DraftRun>;

/** A workflow's pinned sample (`GET|PUT /v1/workflows/{id}/sample`). */
export const WorkflowSampleBody = z
  .object({
    input: z.record(z.string(), z.unknown()).meta({ description: 'The input draft runs use when they are given none' }),
    outputs: z
      .record(StepId, z.unknown())
      .optional()
      .meta({ description: 'Pinned step outputs: `mode: "step"` uses them for a dependency `upstream` does not give' }),
  })
  .strict()
  .meta({ id: 'WorkflowSampleBody' });
export type WorkflowSampleBody = z.infer<typeof WorkflowSampleBody>;

export const WorkflowSample = z
  .object({
    input: z.record(z.string(), z.unknown()),
    outputs: z.record(StepId, z.unknown()),
    updatedAt: z.string().nullable().meta({ description: 'When it was pinned (null: never; the sample is empty)' }),
  })
  .meta({ id: 'WorkflowSample' });
export type WorkflowSample = z.infer<typeof WorkflowSample>;

/** The newest finished record of one step, from any run of the workflow (draft or production). */
export const LatestStepOutput = z
  .object({
    output: z.unknown(),
    status: z.enum(['completed', 'failed']),
    error: RunError.nullable(),
    runId: Id,
    draft: z.boolean().meta({ description: 'Whether it came from a draft run' }),
    finishedAt: z.string().meta({ description: 'ISO 8601 time' }),
  })
  .meta({ id: 'LatestStepOutput' });
export type LatestStepOutput = z.infer<typeof LatestStepOutput>;

export const LatestOutputs = z
  .object({
    steps: z.record(z.string(), LatestStepOutput).meta({
      description: `By step id, its newest completed or failed record among the workflow's ${LATEST_OUTPUT_RUNS} newest runs (draft or production)`,
    }),
  })
  .meta({ id: 'LatestOutputs' });
export type LatestOutputs = z.infer<typeof LatestOutputs>;
