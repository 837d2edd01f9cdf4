import { compileWorkflow, createStepRegistry, defineStepType } from '@assay/engine';
import { WorkflowDefinition, type WorkflowDefinitionInput } from '@assay/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { canvasToDefinition, definitionToCanvas, referenceEdges, renameStep } from '../../packages/web/src/ui/canvas/graph';
import { stepSyntaxOf } from '../../packages/web/src/ui/step-types';
import { describeStepTypes } from '@assay/server';

/**
 * The editor draws the dependencies the engine infers (issue 12: each had its own copy of the
 * reference grammar, and they disagreed), and renaming a step there and back changes nothing.
 */

const anyConfig = z.record(z.string(), z.unknown());
const execute = async () => ({ kind: 'completed' as const, output: null });
const registry = createStepRegistry([
  defineStepType({ type: 'transform', family: 'logic', description: '', config: anyConfig, expressionKeys: ['expression'], execute }),
  defineStepType({ type: 'note', family: 'logic', description: '', config: anyConfig, execute }),
  defineStepType({ type: 'code', family: 'logic', description: '', config: anyConfig, verbatimKeys: ['code'], execute }),
  defineStepType({
    type: 'map',
    family: 'logic',
    description: '',
    config: anyConfig,
    expressionKeys: ['items', 'steps'],
    subgraphKey: 'steps',
    execute,
  }),
]);
// The editor knows the step types only as the API describes them.
const syntaxOf = stepSyntaxOf(describeStepTypes(registry));

/** Names that JSONata or Liquid read as operators or literals after a dot. */
const RESERVED = new Set(['and', 'or', 'in', 'true', 'false', 'null', 'nil', 'empty', 'blank', 'function', 'contains']);
const stepId = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/).filter((id) => !RESERVED.has(id));

/** A reference to `id` in some form the text's language accepts for it. */
function reference(id: string, form: number, language: 'template' | 'jsonata' | 'javascript'): string {
  const plainName = /^[A-Za-z_][A-Za-z0-9_]*$/.test(id);
  const dottable = /^[A-Za-z_][A-Za-z0-9_-]*[A-Za-z0-9_]$|^[A-Za-z_]$/.test(id);
  if (language === 'jsonata') return [plainName ? `steps.${id}` : `steps.\`${id}\``, `steps["${id}"]`, `steps.\`${id}\``][form % 3]!;
  if (language === 'javascript')
    return [plainName ? `steps.${id}` : `steps['${id}']`, `steps["${id}"]`, `\`it's \${steps["${id}"].output}\``][form % 3]!;
  return [dottable ? `steps.${id}` : `steps["${id}"]`, `steps["${id}"]`, `steps['${id}']`][form % 3]!;
}

/** Text that only looks like a reference to `id` (a string literal, a comment, literal template text). */
function decoy(id: string, language: 'template' | 'jsonata' | 'javascript'): string {
  if (language === 'jsonata') return `"steps.${id}" & /* steps.${id} */ 1`;
  if (language === 'javascript') return `'steps.${id}' // steps.${id}\n`;
  return `steps.${id} {{ "steps.${id}" }} {% raw %}{{ steps.${id} }}{% endraw %}`;
}

type Pick = { target: number; form: number };
const picks = fc.array(fc.record({ target: fc.nat(), form: fc.nat() }), { maxLength: 3 });

/** The config of a step of `type` referencing `earlier` ids by `refs` and merely mentioning `later` ones. */
function config(
  type: string,
  earlier: string[],
  later: string[],
  refs: Pick[],
  inner: WorkflowDefinitionInput['steps'] | null,
): Record<string, unknown> {
  const pick = (language: 'template' | 'jsonata' | 'javascript') =>
    refs.filter(() => earlier.length > 0).map(({ target, form }) => reference(earlier[target % earlier.length]!, form, language));
  const decoys = (language: 'template' | 'jsonata' | 'javascript') => later.slice(0, 1).map((id) => decoy(id, language));
  if (type === 'transform') return { expression: ['1', ...pick('jsonata').map((r) => `${r}.output`), ...decoys('jsonata')].join(' & ') };
  if (type === 'code') return { code: `return [${pick('javascript').join(', ')}];\n${decoys('javascript').join('')}` };
  if (type === 'map') return { items: ['[1]', ...pick('jsonata')].join(' & '), steps: inner };
  return {
    text:
      pick('template')
        .map((r) => `{{ ${r}.output }}`)
        .join(' and ') + decoys('template').join(''),
    parts: [
      {
        deep: pick('template')
          .map((r) => `{% if ${r} %}x{% endif %}`)
          .join(''),
      },
    ],
  };
}

const workflows = fc.uniqueArray(stepId, { minLength: 1, maxLength: 6 }).chain((ids) =>
  fc
    .tuple(
      ...ids.map(() =>
        fc.record({
          type: fc.constantFrom('transform', 'note', 'code', 'map'),
          refs: picks,
          needs: fc.array(fc.nat()),
          inner: fc.uniqueArray(stepId, { minLength: 1, maxLength: 3 }),
          innerRefs: picks,
          ifRef: fc.option(fc.nat()),
        }),
      ),
    )
    .map((shapes): WorkflowDefinitionInput => ({
      name: 'generated',
      steps: shapes.map((shape, i) => {
        const earlier = ids.slice(0, i);
        const later = ids.slice(i + 1);
        // A sub-graph's steps see the outer steps before the map and the inner steps before them;
        // an inner step may shadow an outer one, and then is the only one its siblings can name.
        const outerSeen = earlier.filter((id) => !shape.inner.includes(id));
        const inner =
          shape.type === 'map'
            ? shape.inner.map((id, j) => ({
                id,
                type: 'note',
                with: config('note', [...outerSeen, ...shape.inner.slice(0, j)], [], shape.innerRefs, null),
              }))
            : null;
        return {
          id: ids[i]!,
          type: shape.type,
          with: config(shape.type, earlier, later, shape.refs, inner),
          ...(earlier.length > 0 ? { needs: [...new Set(shape.needs.map((n) => earlier[n % earlier.length]!))] } : {}),
          ...(shape.ifRef !== null && earlier.length > 0
            ? { if: `${reference(earlier[shape.ifRef % earlier.length]!, shape.ifRef, 'jsonata')} != null` }
            : {}),
        };
      }),
    })),
);

function engineDependencies(definition: WorkflowDefinitionInput): Record<string, string[]> {
  const compiled = compileWorkflow(WorkflowDefinition.parse(definition), registry);
  return Object.fromEntries([...compiled.steps].map(([id, step]) => [id, [...step.dependencies].sort()]));
}

function editorDependencies(definition: WorkflowDefinitionInput): Record<string, string[]> {
  const canvas = definitionToCanvas(definition);
  const edges = [...canvas.edges, ...referenceEdges(canvas, syntaxOf)];
  return Object.fromEntries(
    canvas.nodes.map((node) => [
      node.id,
      edges
        .filter((edge) => edge.target === node.id)
        .map((edge) => edge.source)
        .sort(),
    ]),
  );
}

describe('the editor and the engine read references alike', () => {
  it('the edges the editor draws are the dependencies the engine infers', () => {
    fc.assert(
      fc.property(workflows, (definition) => {
        expect(editorDependencies(definition)).toEqual(engineDependencies(definition));
      }),
    );
  });

  // A new id that is a plain name can be written in every form the old one was (a dashed one could
  // not follow a dot in JSONata, so renaming back would leave it in backticks).
  it('renaming a step to a plain name and back is the identity, and the renamed workflow has the same dependencies', () => {
    const cases = workflows.chain((definition) =>
      fc.record({
        definition: fc.constant(definition),
        from: fc.constantFrom(...definition.steps.map((s) => s.id)),
        to: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/),
      }),
    );
    fc.assert(
      fc.property(
        cases.filter(
          ({ definition, to }) =>
            !definition.steps.some(
              (s) => s.id === to || (s.with?.steps as { id: string }[] | undefined)?.some((inner) => inner.id === to),
            ) && !RESERVED.has(to),
        ),
        ({ definition, from, to }) => {
          const canvas = definitionToCanvas(definition);
          const renamed = renameStep(canvas, from, to, syntaxOf);
          expect(canvasToDefinition(renameStep(renamed, to, from, syntaxOf))).toEqual(canvasToDefinition(canvas));
          const rename = (id: string) => (id === from ? to : id);
          const expected = Object.fromEntries(
            Object.entries(engineDependencies(definition)).map(([id, deps]) => [rename(id), deps.map(rename).sort()]),
          );
          expect(engineDependencies(canvasToDefinition(renamed))).toEqual(expected);
        },
      ),
    );
  });
});
