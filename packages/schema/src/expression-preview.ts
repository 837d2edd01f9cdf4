import { z } from 'zod';

/** The most text one preview evaluates (a template or expression in the editor is far shorter). */
export const MAX_PREVIEW_TEXT = 20_000;
/** The most of a value a preview sends back (the editor shows a glance, not the whole output). */
export const MAX_PREVIEW_VALUE = 100_000;

/**
 * `POST /v1/expressions/preview`: what the editor shows under a template or expression as it is
 * typed — its value against sample data, or the error a run would meet.
 */
export const ExpressionPreviewRequest = z
  .object({
    text: z.string().max(MAX_PREVIEW_TEXT).meta({ example: '{{ steps.profile.output.row.name | upcase }}' }),
    syntax: z
      .enum(['template', 'expression'])
      .meta({ description: '`template` for Liquid fields, `expression` for JSONata ones (`if`, transform)' }),
    scope: z
      .object({
        input: z
          .record(z.string(), z.unknown())
          .optional()
          .meta({ description: "The run's input (e.g. the workflow's pinned sample input)" }),
        steps: z
          .record(z.string(), z.object({ output: z.unknown() }).strict())
          .optional()
          .meta({ description: 'Earlier steps by id, each `{ output }` (e.g. their latest outputs)' }),
        trigger: z
          .object({
            body: z.unknown().optional(),
            headers: z.record(z.string(), z.string()).optional(),
            query: z.record(z.string(), z.string()).optional(),
          })
          .strict()
          .nullable()
          .optional(),
        item: z.unknown().optional().meta({ description: "Inside a map's steps: the item being worked on" }),
        index: z.number().int().min(0).optional().meta({ description: "Inside a map's steps: the item's position" }),
        args: z.record(z.string(), z.unknown()).optional().meta({ description: "Inside an agent's tool: the arguments the model gave" }),
      })
      .strict()
      .default({}),
    workflowName: z.string().max(200).optional(),
  })
  .strict()
  .meta({ id: 'ExpressionPreviewRequest' });
export type ExpressionPreviewRequest = z.input<typeof ExpressionPreviewRequest>;

export const ExpressionPreview = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      value: z
        .unknown()
        .meta({ description: 'The value a run would get (undefined as null); when `truncated`, the start of its JSON text' }),
      truncated: z
        .boolean()
        .optional()
        .meta({ description: `The value's JSON is longer than ${MAX_PREVIEW_VALUE.toLocaleString('en-US')} characters` }),
    }),
    z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
  ])
  .meta({ id: 'ExpressionPreview' });
export type ExpressionPreview = z.infer<typeof ExpressionPreview>;
