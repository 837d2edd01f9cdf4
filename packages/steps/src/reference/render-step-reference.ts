import type { StepFamily, StepRegistry, StepType } from '@assay/engine';
import { stringify } from 'yaml';
import { configJsonSchema } from './config-json-schema';
import { code, headingAnchor, table } from './markdown';
import { literal, SchemaReader, type FieldRow, type JsonSchema } from './schema-fields';

/** How the reference is regenerated: said at its top and by the check that finds it stale. */
export const REGENERATE_COMMAND = 'node --conditions=@assay/source --import tsx packages/steps/scripts/write-step-reference.ts';

/** Each family's section title. */
const FAMILY_TITLES: Readonly<Record<StepFamily, string>> = {
  ai: 'AI',
  data: 'Data',
  document: 'Documents',
  logic: 'Logic',
  outbound: 'Outbound',
};

const INTRODUCTION = `Every step of a workflow has an \`id\`, a \`type\` and its config under \`with\`, and may add \`needs\`, \`if\`, \`retry\`, \`timeoutMs\` and \`cache\` (see the README's Concepts). This page lists, for every built-in step type, the fields of \`with\`, the shape of its output and an example step. Strings in \`with\` are Liquid templates over \`{ input, steps, run, workflow }\` unless the type says otherwise; a string that is exactly \`{{ … }}\` keeps the value's type. The same config schemas are served as JSON Schema by \`GET /v1/step-types\`.`;

/** The same order as `GET /v1/step-types`: by family, then by type. */
function byFamilyThenType(a: StepType, b: StepType): number {
  const compare = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return compare(a.family, b.family) || compare(a.type, b.type);
}

/**
 * The step reference (docs/steps.md) of a registry: a table of contents, then one section per step
 * type grouped by family, all from the types themselves. Deterministic; Prettier aligns the tables.
 * Throws when a type has no example, or one its own config schema refuses.
 */
export function renderStepReference(registry: StepRegistry): string {
  const types = registry.list().slice().sort(byFamilyThenType);
  const families = [...new Set(types.map((type) => type.family))];
  const anchors = new Set<string>();
  const anchor = (heading: string) => {
    const slug = headingAnchor(heading);
    // GitHub would number a repeated heading's anchor, and the table of contents would point at the first.
    if (anchors.has(slug)) throw new Error(`two headings of the step reference share the anchor #${slug}`);
    anchors.add(slug);
    return slug;
  };
  const contents: string[] = [];
  const sections: string[] = [];
  for (const family of families) {
    const title = FAMILY_TITLES[family];
    contents.push(`- [${title}](#${anchor(title)})`);
    sections.push(`## ${title}`);
    for (const type of types.filter((candidate) => candidate.family === family)) {
      const heading = code(type.type);
      contents.push(`  - [${heading}](#${anchor(heading)})`);
      sections.push(renderStepType(type));
    }
  }
  return (
    [
      '# Step types',
      `<!-- Generated from the step types' own schemas by \`${REGENERATE_COMMAND}\`: edit the step types, not this file. -->`,
      INTRODUCTION,
      '## Contents',
      contents.join('\n'),
      ...sections,
    ].join('\n\n') + '\n'
  );
}

/** One step type's section: description, traits, config fields, output and an example step. */
export function renderStepType(type: StepType): string {
  const example = checkedExample(type);
  const schema = configJsonSchema(type);
  const fields = SchemaReader.of(schema).fields(schema);
  return [
    `### ${code(type.type)}`,
    type.description,
    ...traits(type, example.with),
    `**Config** (${code('with')}):`,
    fields.length ? configTable(fields) : 'No fields.',
    ...output(type, example.with),
    '**Example**:',
    '```yaml\n' + stringify({ id: example.id, type: type.type, with: example.with }, { lineWidth: 0 }).trimEnd() + '\n```',
  ].join('\n\n');
}

function configTable(fields: FieldRow[]): string {
  return table(
    ['Field', 'Type', 'Required', 'Default', 'Description'],
    fields.map((field) => [
      code(field.path),
      field.type,
      field.required ? 'yes' : 'no',
      'default' in field ? code(literal(field.default)) : '',
      field.description,
    ]),
  );
}

/** What else a workflow author must know about the type: how its fields are read, where it may stand, what it waits for. */
function traits(type: StepType, exampleConfig: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const list = (keys: readonly string[]) => keys.map(code).join(', ');
  // A sub-graph's key is listed among the expression keys only so that templates leave it alone.
  const jsonata = (type.expressionKeys ?? []).filter((key) => key !== type.subgraphKey);
  if (jsonata.length) lines.push(`JSONata, not templates: ${list(jsonata)}.`);
  if (type.verbatimKeys?.length) lines.push(`Passed exactly as written (no templates): ${list(type.verbatimKeys)}.`);
  if (type.subgraphKey) {
    const scope = type.subgraphScope?.length ? `; its templates may also use ${list(type.subgraphScope)}` : '';
    lines.push(`Holds a sub-graph of steps in ${code(type.subgraphKey)}${scope}.`);
  }
  if (type.topLevelOnly) lines.push('Only at the top level of a workflow.');
  if (type.waitsFor)
    lines.push(
      `Parks the run (holding no worker) while it waits for ${type.waitsFor === 'approval' ? "a person's decision" : 'a signal'}.`,
    );
  lines.push(
    type.cacheable?.(exampleConfig)
      ? `May declare ${code('cache')} (its output reused) with the example’s config.`
      : `May not declare ${code('cache')}.`,
  );
  return [lines.map((line) => `- ${line}`).join('\n')];
}

function output(type: StepType, exampleConfig: Record<string, unknown>): string[] {
  const heading = '**Output**:';
  if (!type.outputSchema) return [heading, 'Not declared by the step type (its description says what it returns, where it can).'];
  const schema = type.outputSchema(exampleConfig, {});
  if (schema === null) return [heading, 'Not known before a run for the example’s config.'];
  const reader = SchemaReader.of(schema as JsonSchema);
  const fields = reader.fields(schema as JsonSchema);
  if (!fields.length) return [heading, `For the example’s config: ${reader.typeOf(schema as JsonSchema)}.`];
  return [
    `${heading} for the example’s config:`,
    table(
      ['Field', 'Type'],
      fields.map((field) => [code(field.path), field.type]),
    ),
  ];
}

/** The type's example, refused when missing or invalid: a reference must never show a step that cannot be saved. */
function checkedExample(type: StepType): { id: string; with: Record<string, unknown> } {
  if (!type.example) throw new Error(`step type "${type.type}" has no example: add \`example\` to its defineStepType(...)`);
  const parsed = type.config.safeParse(type.example.with);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(with)'}: ${issue.message}`).join('; ');
    throw new Error(`the example of step type "${type.type}" does not pass its config schema: ${issues}`);
  }
  return type.example;
}
