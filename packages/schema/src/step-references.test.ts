import { describe, expect, it } from 'vitest';
import { referencedNames, renameStepReferences, scanReferences, type ReferenceSyntax } from './step-references';
import { renameInStep, stepReferences, type StepSyntax } from './step-config-references';

const steps = (text: string, syntax: ReferenceSyntax) => [...referencedNames(text, syntax).steps];

describe('step references', () => {
  it('reads every form the engine supports, in templates and expressions', () => {
    expect(
      steps('{{ steps.profile.output.row.name | upcase }} {{ steps["a-b"].output }} {% if steps[\'c\'] %}x{% endif %}', 'template'),
    ).toEqual(['profile', 'a-b', 'c']);
    expect(steps('steps.`my-step`.output + steps.fetch-2.output + steps . spaced', 'expression')).toEqual(['my-step', 'fetch-2', 'spaced']);
    expect([...referencedNames('input.count & steps.x', 'expression').inputs]).toEqual(['count']);
  });

  it('ignores look-alikes: properties of something else, strings, comments, literal template text', () => {
    expect(steps('item.steps.x & $steps.y & $input.z', 'expression')).toEqual([]);
    expect(steps('"steps.a" & \'steps.b\' /* steps.c */ & $match(x, /steps.d"/) & steps.e', 'expression')).toEqual(['e']);
    expect(
      steps(
        'see steps.a {{ "steps.b }}" }} {% raw %}{{ steps.c }}{% endraw %}{% comment %}{{ steps.d }}{% endcomment %}{% # steps.f %}{{ steps.g }}',
        'template',
      ),
    ).toEqual(['g']);
    expect(steps('steps.a is plain text', 'template')).toEqual([]);
  });

  it('reads the code in a JavaScript template literal, not its text', () => {
    expect(steps("return `it's ${steps.a.output + `${steps['b'].x}`} steps.c ${ {k: steps.d}.k }` + steps.e // steps.f", 'script')).toEqual(
      ['a', 'b', 'd', 'e'],
    );
  });

  it('keeps an id from running into whitespace control: {{ steps.a-}}', () => {
    expect(steps('{{ steps.a-}}', 'template')).toEqual(['a']);
  });

  it('notices `steps` used other than by a named reference', () => {
    expect(scanReferences('{% for s in steps %}{{ s }}{% endfor %}', 'template').readsAnySteps).toBe(true);
    expect(scanReferences('{{ steps[input.key] }}', 'template').readsAnySteps).toBe(true);
    expect(scanReferences('{{ steps.a }} "steps"', 'template').readsAnySteps).toBe(false);
  });
});

describe('renaming a step', () => {
  it('regression (issue 12): renaming fetch → get leaves steps.fetch-2 alone and renames steps["fetch"]', () => {
    expect(
      renameStepReferences('{{ steps.fetch.output }} {{ steps.fetch-2.output }} {{ steps["fetch"].output }}', 'template', 'fetch', 'get'),
    ).toBe('{{ steps.get.output }} {{ steps.fetch-2.output }} {{ steps["get"].output }}');
    expect(
      renameStepReferences('steps.fetch-2.output & steps[\'fetch\'] & steps.`fetch` & "steps.fetch"', 'expression', 'fetch', 'get'),
    ).toBe('steps.fetch-2.output & steps[\'get\'] & steps.`get` & "steps.fetch"');
  });

  it('writes an id that cannot follow a dot in a form that can hold it', () => {
    expect(renameStepReferences('{{ steps.a.output }}', 'template', 'a', 'b-')).toBe('{{ steps["b-"].output }}');
    expect(renameStepReferences('steps.a.output', 'expression', 'a', 'b-')).toBe('steps.`b-`.output');
    expect(renameStepReferences('{{ steps.a.output }}', 'template', 'a', 'b-c')).toBe('{{ steps.b-c.output }}');
    expect(renameStepReferences('steps.a.output', 'expression', 'a', 'b-c')).toBe('steps.`b-c`.output');
    expect(renameStepReferences('return steps.a.output', 'script', 'a', 'b-c')).toBe('return steps["b-c"].output');
  });

  it('renames inside a step by its type: templates, expressions, the condition and a sub-graph', () => {
    const syntax: Record<string, StepSyntax> = {
      transform: { expressionKeys: ['expression'] },
      map: { expressionKeys: ['items', 'steps'], subgraphKey: 'steps' },
    };
    const syntaxOf = (type: string) => syntax[type];
    const step = {
      id: 'm',
      type: 'map',
      if: 'steps.a.ok',
      with: {
        items: 'steps.a.output',
        steps: [{ id: 'inner', type: 'transform', with: { expression: 'steps.a.output & steps.inner.x', note: '{{ steps.a }} steps.a' } }],
      },
    };
    expect(renameInStep(step, syntaxOf, 'a', 'b')).toEqual({
      id: 'm',
      type: 'map',
      if: 'steps.b.ok',
      with: {
        items: 'steps.b.output',
        steps: [{ id: 'inner', type: 'transform', with: { expression: 'steps.b.output & steps.inner.x', note: '{{ steps.b }} steps.a' } }],
      },
    });
    expect([...stepReferences(step, syntaxOf).steps]).toEqual(['a']);
  });
});
