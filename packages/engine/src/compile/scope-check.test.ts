import { AssayError, StepDefinition, WorkflowDefinition, type WorkflowDefinitionInput } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStepRegistry, defineStepType } from '../step-type';
import { compileWorkflow } from './compile-workflow';
import { referenceWarnings } from './reference-warnings';

const noop = async () => ({ kind: 'completed' as const, output: null });
const registry = createStepRegistry([
  defineStepType({
    type: 'transform',
    family: 'logic',
    description: '',
    config: z.object({ expression: z.string() }),
    expressionKeys: ['expression'],
    scopeExpressionKeys: ['expression'],
    execute: noop,
  }),
  defineStepType({ type: 'fail', family: 'logic', description: '', config: z.object({ message: z.string() }), execute: noop }),
  defineStepType({
    type: 'dataset.lookup',
    family: 'data',
    description: '',
    config: z.object({ dataset: z.string(), filter: z.string().optional() }),
    expressionKeys: ['filter'],
    // As the real step says (steps/src/datasets/dataset-lookup.ts): rows list the dataset's columns when known.
    outputSchema: (config, known) => {
      const columns = typeof config.dataset === 'string' ? known.datasetColumns?.get(config.dataset) : undefined;
      const row = columns?.length ? { type: 'object', properties: Object.fromEntries(columns.map((column) => [column, {}])) } : {};
      return { type: 'object', properties: { row, rows: { type: 'array', items: row }, count: { type: 'number' } } };
    },
    execute: noop,
  }),
  defineStepType({
    type: 'map',
    family: 'logic',
    description: '',
    config: z.object({ items: z.string(), steps: z.array(StepDefinition) }),
    expressionKeys: ['items', 'steps'],
    scopeExpressionKeys: ['items'],
    subgraphKey: 'steps',
    subgraphScope: ['item', 'index'],
    execute: noop,
  }),
  defineStepType({
    type: 'ai.agent',
    family: 'ai',
    description: '',
    config: z.object({ prompt: z.string(), tools: z.array(z.object({ name: z.string(), step: z.record(z.string(), z.unknown()) })) }),
    verbatimKeys: ['tools'],
    subgraphsOf: (config) =>
      (config.tools as Array<{ name: string; step: Record<string, unknown> }>).map((tool, i) => ({
        path: `tools[${i}].step`,
        step: { id: tool.name, ...tool.step },
      })),
    execute: noop,
  }),
]);

const parse = (definition: WorkflowDefinitionInput) => WorkflowDefinition.parse(definition);

/** The problems a save reports (with the scope check), as `path: message`. */
function saveProblems(definition: WorkflowDefinitionInput): string[] {
  try {
    compileWorkflow(parse(definition), registry, { checkScope: true });
    return [];
  } catch (error) {
    if (!(error instanceof AssayError)) throw error;
    return (error.details ?? []).map((d) => `${d.path}: ${d.message}`);
  }
}

const inputs = { companyId: { type: 'string' as const }, xs: { type: 'array' as const } };

describe('names a template or expression reads that its scope does not hold', () => {
  it('are errors at the exact path, with the closest name', () => {
    expect(
      saveProblems({
        name: 'x',
        inputs,
        steps: [
          { id: 'a', type: 'fail', with: { message: 'Hello {{ inptu.companyId }}' } },
          { id: 'b', type: 'fail', with: { message: '{{ in }}' } },
          { id: 'c', type: 'transform', with: { expression: 'inptu.x' } },
          { id: 'd', type: 'fail', if: 'a.output', with: { message: '{{ companyId }}' } },
        ],
        output: { o: '{{ stesp.a.output }}' },
      }),
    ).toEqual([
      'steps[0].with.message: unknown variable "inptu" (did you mean "input"?)',
      'steps[1].with.message: unknown variable "in" (did you mean "input"?)',
      'steps[2].with.expression: unknown variable "inptu" (did you mean "input"?)',
      'steps[3].with.message: unknown variable "companyId" (did you mean "input.companyId"?)',
      'steps[3].if: unknown variable "a" (did you mean "steps.a"?)',
      'output.o: unknown variable "stesp" (did you mean "steps"?)',
    ]);
  });

  it('are not checked when a run loads a definition (a version saved before the check still runs)', () => {
    const definition = parse({ name: 'x', steps: [{ id: 'a', type: 'fail', with: { message: '{{ inptu.x }}' } }] });
    expect(() => compileWorkflow(definition, registry)).not.toThrow();
  });

  it("accept the template's own names, the whole run scope, and JSONata's predicates, lambdas and variables", () => {
    expect(
      saveProblems({
        name: 'x',
        inputs,
        steps: [
          { id: 'a', type: 'transform', with: { expression: '$map(input.xs, function($v){ $v.a })' } },
          {
            id: 'b',
            type: 'fail',
            with: { message: '{% for r in steps.a.output %}{{ r.name }}{% endfor %}{% assign x = input.xs %}{{ x }}' },
          },
          { id: 'c', type: 'transform', with: { expression: 'steps.a.output[price > 10].name' } },
          { id: 'd', type: 'fail', with: { message: '{{ run.id }} {{ workflow.name }} {{ assay.ai.defaultModel }} {{ trigger.body }}' } },
          { id: 'e', type: 'transform', with: { expression: '($n := $count(input.xs); $n > 1 ? $ : $$)' } },
        ],
      }),
    ).toEqual([]);
  });

  it("leave an expression evaluated against something else alone (a dataset's row filter)", () => {
    expect(
      saveProblems({ name: 'x', steps: [{ id: 'a', type: 'dataset.lookup', with: { dataset: 'companies', filter: 'revenue > 1000' } }] }),
    ).toEqual([]);
  });

  it("accept a map's item and index and a tool's args inside their sub-graphs only, nested ones adding up", () => {
    const map = (steps: unknown[]) => ({ id: 'each', type: 'map', with: { items: 'input.xs', steps } });
    expect(
      saveProblems({
        name: 'x',
        inputs,
        steps: [
          map([
            { id: 'one', type: 'fail', if: 'item.ok', with: { message: '{{ item.name }} #{{ index }}' } },
            {
              id: 'ask',
              type: 'ai.agent',
              with: {
                prompt: '{{ item }}',
                tools: [{ name: 'look', step: { type: 'fail', with: { message: '{{ args.q }} {{ item }}' } } }],
              },
            },
          ]),
        ],
      }),
    ).toEqual([]);
    expect(
      saveProblems({
        name: 'x',
        inputs,
        steps: [
          { id: 'solo', type: 'fail', with: { message: '{{ item }}' } },
          map([{ id: 'one', type: 'fail', with: { message: '{{ args.q }}' } }]),
        ],
      }),
    ).toEqual(['steps[0].with.message: unknown variable "item"', 'steps[1].with.steps[0].with.message: unknown variable "args"']);
  });
});

describe('fields a reference reads that its value cannot have', () => {
  const warnings = (definition: WorkflowDefinitionInput, columns?: Record<string, string[]>) =>
    referenceWarnings(parse(definition), registry, { datasetColumns: new Map(Object.entries(columns ?? {})) }).map(
      (w) => `${w.path}: ${w.message}`,
    );

  it("are warnings: a field of a string input, of a step type's output and of a dataset's row", () => {
    expect(
      warnings(
        {
          name: 'x',
          inputs,
          steps: [
            { id: 'lookup', type: 'dataset.lookup', with: { dataset: 'companies' } },
            { id: 'a', type: 'fail', with: { message: '{{ input.companyId.name }} {{ steps.lookup.output.rowz }}' } },
            { id: 'b', type: 'fail', with: { message: '{{ steps.lookup.output.rows[0].nme }} {{ steps.lookup.output.row.name }}' } },
            { id: 'c', type: 'transform', with: { expression: 'steps.lookup.output.rows[sector = "x"].revenu' } },
          ],
        },
        { companies: ['name', 'revenue'] },
      ),
    ).toEqual([
      'steps[1].with.message: input.companyId is a string: it has no field "name"',
      'steps[1].with.message: steps.lookup.output has no field "rowz" (it has: row, rows, count)',
      'steps[2].with.message: steps.lookup.output.rows[0] has no field "nme" (it has: name, revenue)',
      'steps[3].with.expression: steps.lookup.output.rows has no field "revenu" (it has: name, revenue)',
    ]);
  });

  it("say nothing where the shape is not known: an unknown dataset, a templated name, Liquid's size/first/last", () => {
    expect(
      warnings({
        name: 'x',
        inputs: { ...inputs, which: { type: 'string' } },
        steps: [
          { id: 'lookup', type: 'dataset.lookup', with: { dataset: 'companies' } },
          { id: 'other', type: 'dataset.lookup', with: { dataset: '{{ input.which }}' } },
          { id: 't', type: 'transform', with: { expression: '1' } },
          {
            id: 'a',
            type: 'fail',
            with: {
              message:
                '{{ steps.lookup.output.row.anything }} {{ steps.other.output.rows[0].x }} {{ steps.t.output.x }} {{ input.companyId.size }} {{ input.xs.first.name }} {{ steps.lookup.output.rows.size }}',
            },
          },
        ],
      }),
    ).toEqual([]);
  });

  it("follow a map's sub-graph to the steps it reads, outside and inside", () => {
    expect(
      warnings(
        {
          name: 'x',
          steps: [
            { id: 'lookup', type: 'dataset.lookup', with: { dataset: 'companies' } },
            {
              id: 'each',
              type: 'map',
              with: {
                items: 'steps.lookup.output.rows',
                steps: [{ id: 'one', type: 'fail', with: { message: '{{ steps.lookup.output.cnt }}' } }],
              },
            },
          ],
        },
        { companies: ['name'] },
      ),
    ).toEqual(['steps[1].with.steps[0].with.message: steps.lookup.output has no field "cnt" (it has: row, rows, count)']);
  });
});
