import { defineStepType, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { JSONSchema7, ModelMessage } from 'ai';
import { z } from 'zod';
import type { AiCall } from './call';
import {
  checkCitations,
  citationRules,
  CitationOptions,
  claimSchema,
  claimsOf,
  repairRequest,
  settleCitations,
  SourceIndex,
  sourcesBlock,
  stepSources,
  type ModelClaim,
} from './citations/cite';
import { ModelName, startCall } from './common';
import type { ModelResolver } from './providers';

const FieldType = z.enum(['string', 'number', 'integer', 'boolean', 'array']);
const Field = z.union([
  z.string().max(2000),
  z
    .object({
      type: FieldType.default('string').describe('The value’s type; `array` is a list of strings'),
      description: z.string().max(2000).optional().describe('What the value is, for the model'),
    })
    .strict(),
]);

const Config = z
  .object({
    model: ModelName,
    text: z
      .string()
      .max(1_000_000)
      .optional()
      .describe('The text to read (required without `citations`); with `citations`, a source of its own (`text`)'),
    fields: z
      .record(z.string().min(1).max(100), Field)
      .refine((fields) => Object.keys(fields).length >= 1, 'at least one field is required')
      .refine((fields) => Object.keys(fields).length <= 100, 'at most 100 fields')
      .describe('The values to extract (1–100), by output name: a description, or `{ type, description }`'),
    instructions: z.string().max(100_000).optional().describe('How to extract, added to the prompt'),
    ...CitationOptions,
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.citations) {
      if (config.text === undefined) ctx.addIssue({ code: 'custom', path: ['text'], message: 'the text to extract from is required' });
      return;
    }
    if ('citations' in config.fields)
      ctx.addIssue({
        code: 'custom',
        path: ['fields', 'citations'],
        message: 'with `citations: true`, "citations" names the output\'s citations: rename the field',
      });
    if (!config.text && config.sources === undefined)
      ctx.addIssue({ code: 'custom', path: ['sources'], message: 'with `citations: true`, give the sources to cite (or the text)' });
  });
type Config = z.infer<typeof Config>;

type Fields = Config['fields'];

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

/** The output for a literal config, as far as it is known: one value per field, and `citations` when it cites. */
function extractOutputSchema(config: Record<string, unknown>): Record<string, unknown> | null {
  const fields = z.record(z.string(), Field).safeParse(config.fields);
  if (!fields.success || (config.citations !== undefined && typeof config.citations !== 'boolean')) return null;
  const schema = extractionSchema(fields.data);
  if (config.citations === true) schema.properties = { ...schema.properties, citations: { type: 'array', items: {} } };
  return schema as Record<string, unknown>;
}

/** `ai.extract`: named values from text; a value the text does not give is null. */
export function createAiExtractStep(resolver: ModelResolver): StepType {
  return defineStepType<Config>({
    type: 'ai.extract',
    example: {
      id: 'contact',
      with: {
        model: 'openai:gpt-4o-mini',
        text: '{{ input.email }}',
        fields: {
          name: "The sender's full name",
          company: 'The company the sender works for',
          employees: { type: 'integer', description: 'Head count' },
        },
      },
    },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'ai',
    outputSchema: extractOutputSchema,
    description: 'Pull named fields out of unstructured text.',
    config: Config,
    async execute(config, context) {
      const call = await startCall(resolver, config.model, context);
      const system = [
        'You extract information from text into JSON. Use only what the text states; use null for a field the text does not give.',
        config.instructions ? `Instructions: ${config.instructions}` : '',
        config.citations ? citationRules('field') : '',
      ]
        .filter(Boolean)
        .join('\n');
      if (config.citations) {
        const output = await extractWithCitations(call, config, system, `steps.${context.stepId}`);
        return { kind: 'completed', output, usage: { ...call.usage() } };
      }
      const output = await call.json(`Text:\n\n${config.text ?? ''}`, { system, temperature: 0 }, extractionSchema(config.fields), {
        name: 'extraction',
        strict: true,
      });
      return { kind: 'completed', output, usage: { ...call.usage() } };
    },
  });
}

/**
 * Extraction that cites: the model answers `{ values, citations }`; each citation is checked against
 * the sources, and a field with a value but no verified citation gets one repair turn. Outputs the
 * values with `citations` (labelled `<stepId>.<field>`, a second one for a field `<stepId>.<field>-2`).
 */
async function extractWithCitations(call: AiCall, config: Config, system: string, path: string): Promise<Record<string, unknown>> {
  const given = stepSources(config.sources, `${path}.with.sources`);
  const sources = config.text ? [{ id: 'text', page: null, title: null, url: null, text: config.text }, ...given] : given;
  if (sources.length === 0)
    throw new AssayError('invalid_input', `${path}.with.sources: there is nothing to cite (the sources are empty)`, {
      details: [{ path: `${path}.with.sources`, message: 'no sources' }],
    });
  const index = new SourceIndex(sources);
  const names = Object.keys(config.fields);
  const schema: JSONSchema7 = {
    type: 'object',
    properties: { values: extractionSchema(config.fields), citations: { type: 'array', items: claimSchema('field', names) } },
    required: ['values', 'citations'],
    additionalProperties: false,
  };
  const stepId = path.slice('steps.'.length);
  const check = (answer: Answer) => {
    const seen = new Map<string, number>();
    const label = (claim: ModelClaim) => {
      const n = (seen.get(claim.field ?? '') ?? 0) + 1;
      seen.set(claim.field ?? '', n);
      return `${stepId}.${claim.field}${n > 1 ? `-${n}` : ''}`;
    };
    const valued = names.filter((name) => answer.values[name] !== null && answer.values[name] !== undefined);
    return checkCitations(index, claimsOf(answer.citations), label, { fields: valued });
  };
  const messages: ModelMessage[] = [{ role: 'user', content: `${sourcesBlock(sources)}\n\nExtract the fields from the sources.` }];
  const settings = { system, temperature: 0 };
  const format = { name: 'extraction', strict: true };
  let answer = (await call.json(messages, settings, schema, format)) as Answer;
  let checked = check(answer);
  if (checked.problems.length > 0) {
    messages.push({ role: 'assistant', content: JSON.stringify(answer) }, { role: 'user', content: repairRequest(checked.problems) });
    answer = (await call.json(messages, settings, schema, format)) as Answer;
    checked = check(answer);
  }
  return { ...answer.values, citations: settleCitations(checked, config.onUnverified, call.model.name) };
}

interface Answer {
  values: Record<string, unknown>;
  citations: unknown;
}
