import { createStepRegistry, defineStepType, type StepType } from '@assay/engine';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { formatMarkdown } from './format-markdown';
import { renderStepReference } from './render-step-reference';
import { STEP_REFERENCE_PATH } from './step-reference-file';

const execute = async () => ({ kind: 'completed' as const, output: null });

const fetchPage = defineStepType({
  type: 'page.fetch',
  family: 'data',
  description: 'Fetch a page.',
  config: z.object({
    url: z.string().min(1).describe('The page | its address'),
    timeoutMs: z.number().int().min(1).max(60_000).default(30_000),
  }),
  example: { id: 'page', with: { url: '{{ input.url }}' } },
  outputSchema: () => ({ type: 'object', properties: { status: { type: 'number' }, text: { type: 'string' } } }),
  cacheable: () => true,
  execute,
});

const shout = defineStepType({
  type: 'shout',
  family: 'logic',
  description: 'Upper-case a text.',
  config: z.object({ expression: z.string() }),
  expressionKeys: ['expression'],
  example: { id: 'loud', with: { expression: '$uppercase(input.text)' } },
  execute,
});

const ask = defineStepType({
  type: 'ask',
  family: 'ai',
  description: 'Ask a model.',
  config: z.object({ prompt: z.string() }),
  example: { id: 'answer', with: { prompt: 'Why?' } },
  outputSchema: () => null,
  execute,
});

function render(...types: StepType[]) {
  return renderStepReference(createStepRegistry(types));
}

describe('renderStepReference', () => {
  it('lists the families, then their types, in order, each linked to its section', () => {
    const markdown = render(shout, fetchPage, ask);
    const contents = markdown.slice(markdown.indexOf('## Contents'), markdown.indexOf('## AI'));
    expect(contents.trim().split('\n').slice(2)).toEqual([
      '- [AI](#ai)',
      '  - [`ask`](#ask)',
      '- [Data](#data)',
      '  - [`page.fetch`](#pagefetch)',
      '- [Logic](#logic)',
      '  - [`shout`](#shout)',
    ]);
    const headings = markdown.match(/^#{2,3} .*$/gm);
    expect(headings).toEqual(['## Contents', '## AI', '### `ask`', '## Data', '### `page.fetch`', '## Logic', '### `shout`']);
  });

  it('does not depend on the registration order', () => {
    expect(render(shout, fetchPage, ask)).toBe(render(ask, shout, fetchPage));
  });

  it("shows a type's fields, output, traits and an example step that parses back", () => {
    const section = render(fetchPage);
    expect(section).toContain('| `url` | string (≥ 1 chars) | yes |  | The page \\| its address |');
    expect(section).toContain('| `timeoutMs` | integer (1–60,000) | no | `30000` |  |');
    expect(section).toContain('| `status` | number |');
    expect(section).toContain('May declare `cache`');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(parse(yaml)).toEqual({ id: 'page', type: 'page.fetch', with: { url: '{{ input.url }}' } });
  });

  it('says which fields are JSONata and when the output is not known', () => {
    expect(render(shout)).toContain('JSONata, not templates: `expression`.');
    expect(render(shout)).toContain('Not declared by the step type');
    expect(render(ask)).toContain('Not known before a run for the example’s config.');
  });

  it('refuses a type without an example, or with one its config schema refuses', () => {
    const { example: _, ...withoutExample } = ask;
    expect(() => render(withoutExample as StepType)).toThrow('step type "ask" has no example');
    const wrong = { ...ask, example: { id: 'answer', with: { prompt: 42 } } };
    expect(() => render(wrong)).toThrow(/example of step type "ask" does not pass its config schema: prompt/);
  });

  it('comes out of Prettier unchanged once formatted (the file is stable under `prettier --write`)', async () => {
    const formatted = await formatMarkdown(render(shout, fetchPage, ask), STEP_REFERENCE_PATH);
    expect(await formatMarkdown(formatted, STEP_REFERENCE_PATH)).toBe(formatted);
    expect(formatted).toMatch(/\| `timeoutMs` \| integer \(1–60,000\) \| no {7}\| `30000` \|/);
  });
});
