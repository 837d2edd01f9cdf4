import { defineStepType, type StepType } from '@assay/engine';
import type { JSONSchema7 } from 'ai';
import { z } from 'zod';
import { ModelName, startCall } from './common';
import type { ModelResolver } from './providers';

const Config = z
  .object({
    model: ModelName,
    text: z.string().max(1_000_000).describe('The text to classify'),
    labels: z
      .array(z.string().min(1).max(200))
      .min(2)
      .max(500)
      .refine((labels) => new Set(labels).size === labels.length, 'labels must be unique')
      .describe('The labels to choose from, each once'),
    instructions: z.string().max(100_000).optional().describe('How to choose, added to the prompt'),
  })
  .strict();

/** `ai.classify`: one of `labels` for `text`, with the model's confidence in 0..1. */
export function createAiClassifyStep(resolver: ModelResolver): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'ai.classify',
    example: {
      id: 'sentiment',
      with: { model: 'openai:gpt-4o-mini', text: '{{ input.review }}', labels: ['positive', 'neutral', 'negative'] },
    },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'ai',
    outputSchema: () => ({ type: 'object', properties: { label: { type: 'string' }, confidence: { type: 'number' } } }),
    description: 'Sort text into one of a fixed set of labels, with a confidence.',
    config: Config,
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context);
      const schema: JSONSchema7 = {
        type: 'object',
        properties: {
          label: { type: 'string', enum: config.labels, description: 'The one label that fits the text best.' },
          // No minimum/maximum: not every provider's strict mode accepts them; the value is clamped.
          confidence: { type: 'number', description: 'How sure you are that the label is right, from 0 to 1.' },
        },
        required: ['label', 'confidence'],
        additionalProperties: false,
      };
      const system = [
        'You classify text. Choose exactly one of the given labels and say how confident you are (0 to 1).',
        `Labels: ${config.labels.map((l) => JSON.stringify(l)).join(', ')}`,
        config.instructions ? `Instructions: ${config.instructions}` : '',
      ]
        .filter(Boolean)
        .join('\n');
      const answer = (await call.json(`Text to classify:\n\n${config.text}`, { system, temperature: 0 }, schema, {
        name: 'classification',
        strict: true,
      })) as {
        label: string;
        confidence: number;
      };
      const confidence = Number.isFinite(answer.confidence) ? Math.min(1, Math.max(0, answer.confidence)) : 0;
      return { kind: 'completed', output: { label: answer.label, confidence }, usage: { ...call.usage() } };
    },
  });
}
