import { z } from 'zod';

/** The families the editor's palette groups step types by. */
export const STEP_FAMILIES = ['logic', 'data', 'ai', 'document', 'outbound'] as const;
export const StepFamily = z.enum(STEP_FAMILIES);
export type StepFamily = z.infer<typeof StepFamily>;

/** A registered step type as `GET /v1/step-types` describes it (for the visual editor's forms). */
export const StepTypeInfo = z
  .object({
    type: z.string().meta({ example: 'http.request' }),
    family: StepFamily,
    description: z.string(),
    configSchema: z
      .record(z.string(), z.unknown())
      .meta({ description: "JSON Schema (draft 2020-12) of the step's `with`, as written (input side)" }),
    expressionKeys: z
      .array(z.string())
      .optional()
      .meta({ description: '`with` fields holding JSONata expressions (not Liquid templates)' }),
    verbatimKeys: z
      .array(z.string())
      .optional()
      .meta({ description: '`with` fields passed through as written (e.g. JavaScript), never rendered as templates' }),
    subgraphKey: z.string().optional().meta({ description: 'The `with` field holding a sub-graph (a list of steps)' }),
  })
  .meta({ id: 'StepTypeInfo' });
export type StepTypeInfo = z.infer<typeof StepTypeInfo>;

/** One problem in a workflow definition, placed on its step and field. */
export const DefinitionProblem = z
  .object({
    path: z.string().meta({ example: 'steps[1].with.template' }),
    message: z.string(),
    stepId: z.string().optional().meta({ description: 'The (top-level) step the problem belongs to' }),
  })
  .meta({ id: 'DefinitionProblem' });
export type DefinitionProblem = z.infer<typeof DefinitionProblem>;

/**
 * The answer of `POST /v1/workflows/validate`: the checks a save makes, reported as data (`errors`:
 * a save refuses them), and `warnings` a save does not refuse (a field the referenced value cannot have).
 */
export const DefinitionValidation = z
  .object({
    valid: z.boolean(),
    errors: z.array(DefinitionProblem),
    warnings: z.array(DefinitionProblem).meta({
      description:
        "Fields read that the value cannot have, as far as its shape is known (a step type's output, a dataset's columns); a save is not refused for them",
    }),
    outputSchemas: z.record(z.string(), z.record(z.string(), z.unknown())).optional().meta({
      description:
        "Top-level step id → the JSON Schema of its output, as far as its type and literal config say before a run (a lookup's rows with the dataset's columns); for editors' suggestions. Steps whose output is unknown are left out",
    }),
  })
  .meta({ id: 'DefinitionValidation' });
export type DefinitionValidation = z.infer<typeof DefinitionValidation>;
