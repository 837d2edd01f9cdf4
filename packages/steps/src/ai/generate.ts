import { defineStepType, type StepType } from '@assay/engine';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { citeText } from './citations/cite-text';
import { CitationOptions } from './citations/cite';
import { MaxTokens, ModelName, startCall, Temperature } from './common';
import type { ModelResolver } from './providers';

const Config = z
  .object({
    model: ModelName,
    prompt: z.string().min(1).max(1_000_000).describe('The user message'),
    system: z.string().max(200_000).optional().describe('The system prompt'),
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A JSON Schema: the answer is JSON validated against it (one repair attempt when invalid)'),
    temperature: Temperature.optional(),
    maxTokens: MaxTokens.optional(),
    ...CitationOptions,
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.citations && config.schema)
      ctx.addIssue({
        code: 'custom',
        path: ['schema'],
        message: 'a cited answer is text with [n] markers: drop `schema`, or use ai.extract for fields with citations',
      });
  });
type Config = z.infer<typeof Config>;

/** `ai.generate`: text, or with `schema` a validated JSON value; with `citations`, text whose claims cite the sources. */
export function createAiGenerateStep(resolver: ModelResolver): StepType {
  return defineStepType<Config>({
    type: 'ai.generate',
    example: {
      id: 'summary',
      with: {
        model: 'openai:gpt-4o-mini',
        system: 'You write short, factual summaries.',
        prompt: 'Summarise this page in three sentences:\n\n{{ steps.page.output.text }}',
        maxTokens: 400,
      },
    },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'ai',
    outputSchema: (config) => {
      if (config.citations !== undefined && config.citations !== false) return null;
      if (config.schema === undefined) return { type: 'object', properties: { text: { type: 'string' } } };
      // A schema that is no object is asked for wrapped and answered as its value (`call.ts`): only an object's fields are sure.
      const schema = config.schema as { type?: unknown; properties?: unknown } | null;
      return schema?.type === 'object' || (schema?.type === undefined && schema?.properties !== undefined)
        ? (schema as Record<string, unknown>)
        : null;
    },
    description: 'Generate text with a language model, or JSON that matches a schema; optionally citing sources, checked.',
    config: Config,
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context);
      const settings = { system: config.system, temperature: config.temperature, maxTokens: config.maxTokens };
      const output = config.citations
        ? await citeText(call, config, settings, context.stepId)
        : config.schema
          ? await call.json(config.prompt, settings, config.schema as JSONSchema7)
          : { text: await call.text([{ role: 'user', content: config.prompt }], settings) };
      return { kind: 'completed', output, usage: { ...call.usage() } };
    },
  });
}
