import { describe, expect, it } from 'vitest';
import type { StepSyntaxOf } from '@assay/schema';
import { CLIPBOARD_LIMITS, freshCopyId, parseStepsYaml, prepareCopies, stepsToYaml, type ClipboardStep } from './step-clipboard';

const syntaxOf: StepSyntaxOf = (type) => (type === 'transform' ? { expressionKeys: ['expression'] } : {});

const lookup: ClipboardStep = {
  id: 'lookup',
  type: 'dataset.lookup',
  with: { dataset: 'companies', where: { id: '{{ input.id }}' } },
  position: { x: 0, y: 0 },
};
const shape: ClipboardStep = {
  id: 'shape',
  type: 'transform',
  needs: ['lookup', 'elsewhere'],
  with: { expression: 'steps.lookup.output.row' },
  position: { x: 0, y: 150 },
};
const memo: ClipboardStep = {
  id: 'memo',
  type: 'document.render',
  if: 'steps.shape.output != null',
  with: { name: 'memo', template: '# {{ steps.shape.output.name }} from {{ steps.other.output }}' },
};

describe('steps on the clipboard', () => {
  it('round-trips steps as YAML, keeping needs only among the copied steps', () => {
    const yaml = stepsToYaml([lookup, shape]);
    expect(yaml).toMatch(/^steps:/);
    expect(parseStepsYaml(yaml)).toEqual({ steps: [lookup, { ...shape, needs: ['lookup'] }] });
  });

  it('reads a whole workflow, a list of steps, or one step; ignores text that is not steps', () => {
    expect(parseStepsYaml('name: w\nsteps:\n  - id: a\n    type: transform\n')).toEqual({ steps: [{ id: 'a', type: 'transform' }] });
    expect(parseStepsYaml('- type: transform\n  with: { expression: "1" }\n')).toEqual({
      steps: [{ type: 'transform', with: { expression: '1' } }],
    });
    expect(parseStepsYaml('{"id": "a", "type": "transform"}')).toEqual({ steps: [{ id: 'a', type: 'transform' }] });
    for (const text of ['hello world', '', '{ unclosed', 'steps: []', '42']) expect(parseStepsYaml(text)).toBeNull();
  });

  it('names what is wrong with pasted steps, and refuses too much', () => {
    expect(parseStepsYaml('steps:\n  - id: a\n')).toEqual({ error: expect.stringContaining('type') });
    expect(parseStepsYaml('steps:\n  - type: transform\n    with: 3\n')).toEqual({
      error: expect.stringContaining('with must be an object'),
    });
    const many = stepsToYaml(Array.from({ length: CLIPBOARD_LIMITS.steps + 1 }, (_, i) => ({ id: `s${i}`, type: 'transform' })));
    expect(parseStepsYaml(many)).toEqual({ error: expect.stringContaining(`At most ${CLIPBOARD_LIMITS.steps}`) });
    expect(parseStepsYaml('x'.repeat(CLIPBOARD_LIMITS.chars + 1))).toEqual({ error: expect.stringContaining('KB') });
  });

  it('gives copies fresh ids and rewrites the references among them, not to other steps', () => {
    const copies = prepareCopies([lookup, shape, memo], ['lookup', 'shape', 'memo', 'shape_2'], syntaxOf);
    expect(copies.map((step) => step.id)).toEqual(['lookup_2', 'shape_3', 'memo_2']);
    expect(copies[1]).toMatchObject({ needs: ['lookup_2'], with: { expression: 'steps.lookup_2.output.row' } });
    expect(copies[2]).toMatchObject({
      if: 'steps.shape_3.output != null',
      with: { template: '# {{ steps.shape_3.output.name }} from {{ steps.other.output }}' },
    });
    expect(copies[0]?.with).toEqual(lookup.with);
  });

  it('keeps ids that are free (pasting into another workflow), and renames without chaining', () => {
    const a: ClipboardStep = { id: 'a', type: 'transform', with: { expression: 'steps.b.output' } };
    const b: ClipboardStep = { id: 'b', type: 'transform', with: { expression: 'steps.a.output' } };
    expect(prepareCopies([a, b], [], syntaxOf).map((step) => [step.id, step.with])).toEqual([
      ['a', { expression: 'steps.b.output' }],
      ['b', { expression: 'steps.a.output' }],
    ]);
    // a → a_2 and b → b_2 at once: b's reference to a becomes a_2, never b_2's.
    const copies = prepareCopies([a, b], ['a', 'b'], syntaxOf);
    expect(copies.map((step) => [step.id, step.with])).toEqual([
      ['a_2', { expression: 'steps.b_2.output' }],
      ['b_2', { expression: 'steps.a_2.output' }],
    ]);
  });

  it('makes an id from the type for a step without one, and cleans ids that are not ids', () => {
    expect(freshCopyId(undefined, 'document.render', new Set(['render']))).toBe('render_2');
    expect(freshCopyId('my step!', 'transform', new Set())).toBe('my_step_');
    expect(freshCopyId('a_2', 'transform', new Set(['a', 'a_2']))).toBe('a_3');
  });
});
