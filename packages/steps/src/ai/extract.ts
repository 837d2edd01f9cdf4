import { defineStepType, type StepType } from '@assay/engine';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { ModelName, startCall } from './common';
import type { ModelResolver } from './providers';

const FieldType = z.enum(['string', 'number', 'integer', 'boolean', 'array']);
const Field = z.union([
  z.string().max(2000),
  z
    .object({
      /** `array` is a list of strings. */
      type: FieldType.default('string'),
      description: z.string().max(2000).optional(),
    })
    .strict(),
]);

const Config = z
  .object({
    model: ModelName,
    text: z.string().max(1_000_000),
    fields: z
      .record(z.string().min(1).max(100), Field)
      .refine((fields) => Object.keys(fields).length >= 1, 'at least one field is required')
      .refine((fields) => Object.keys(fields).length <= 100, 'at most 100 fields'),
    instructions: z.string().max(100_000).optional(),
  })
  .strict();

type Fields = z.infer<typeof Config>['fields'];

/** A closed JSON Schema with every field required and nullable (what strict structured output wants). */
export function extractionSchema(fields: Fields): JSONSchema7 {
  const properties: Record<string, JSONSchema7> = {};
  for (const [name, field] of Object.entries(fields)) {
    const { type, description } = typeof field === 'string' ? { type: 'string' as const, description: field } : field;
    const property: JSONSchema7 = type === 'array' ? { type: ['array', 'null'], items: { type: 'string' } } : { type: [type, 'null'] };
    if (description) property.description = description;
    properties[name] = property;
  }
  return { type: 'object', properties, required: Object.keys(fields), additionalProperties: false };
}

/** `ai.extract`: named values from text; a value the text does not give is null. */
export function createAiExtractStep(resolver: ModelResolver): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'ai.extract',
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'ai',
    description: 'Pull named fields out of unstructured text.',
    config: Config,
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context);
      const system = [
        'You extract information from text into JSON. Use only what the text states; use null for a field the text does not give.',
        config.instructions ? `Instructions: ${config.instructions}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      const output = await call.json(`Text:\n\n${config.text}`, { system, temperature: 0 }, extractionSchema(config.fields), {
        name: 'extraction',
        strict: true,
      });
      return { kind: 'completed', output, usage: { ...call.usage() } };
    },
  });
}
