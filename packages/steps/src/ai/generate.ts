import { defineStepType, type StepType } from '@assay/engine';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { MaxTokens, ModelName, startCall, Temperature } from './common';
import type { ModelResolver } from './providers';

const Config = z
  .object({
    model: ModelName,
    prompt: z.string().min(1).max(1_000_000),
    system: z.string().max(200_000).optional(),
    /** A JSON Schema: the answer is JSON validated against it (one repair attempt when invalid). */
    schema: z.record(z.string(), z.unknown()).optional(),
    temperature: Temperature.optional(),
    maxTokens: MaxTokens.optional(),
  })
  .strict();

/** `ai.generate`: text, or with `schema` a validated JSON value. */
export function createAiGenerateStep(resolver: ModelResolver): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'ai.generate',
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'ai',
    description: 'Generate text with a language model, or JSON that matches a schema.',
    config: Config,
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context);
      const settings = { system: config.system, temperature: config.temperature, maxTokens: config.maxTokens };
      const output = config.schema
        ? await call.json(config.prompt, settings, config.schema as JSONSchema7)
        : { text: await call.text([{ role: 'user', content: config.prompt }], settings) };
      return { kind: 'completed', output, usage: { ...call.usage() } };
    },
  });
}
