import { AssayError, WorkflowDefinition, type WorkflowDefinitionInput } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStepRegistry, defineStepType } from '../step-type';
import { compileWorkflow } from './compile-workflow';

const transform = defineStepType({
  type: 'transform',
  family: 'logic',
  description: '',
  config: z.object({ expression: z.string() }).strict(),
  expressionKeys: ['expression'],
  execute: async () => ({ kind: 'completed', output: null }),
});
const wait = defineStepType({
  type: 'wait',
  family: 'logic',
  description: '',
  config: z.object({ seconds: z.number() }).strict(),
  execute: async () => ({ kind: 'completed', output: null }),
});
const registry = createStepRegistry([transform, wait]);

function issues(definition: WorkflowDefinitionInput): Array<{ path: string; message: string }> {
  try {
    compileWorkflow(WorkflowDefinition.parse(definition), registry);
    return [];
  } catch (error) {
    if (error instanceof AssayError) return error.details ?? [];
    throw error;
  }
}

describe('compileWorkflow', () => {
  it('derives dependencies from templates and expressions as well as needs', () => {
    const compiled = compileWorkflow(
      WorkflowDefinition.parse({
        name: 'x',
        inputs: { n: { type: 'number' } },
        steps: [
          { id: 'a', type: 'transform', with: { expression: 'input.n' } },
          { id: 'b', type: 'wait', with: { seconds: '{{ steps.a.output }}' } },
          { id: 'c', type: 'transform', if: 'steps.b.output != null', with: { expression: '1' } },
        ],
      }),
      registry,
    );
    expect(compiled.steps.get('b')?.dependencies).toEqual(['a']);
    expect(compiled.steps.get('c')?.dependencies).toEqual(['b']);
    expect(compiled.order).toEqual(['a', 'b', 'c']);
  });

  it('names an unknown step type', () => {
    expect(issues({ name: 'x', steps: [{ id: 'a', type: 'nope' }] })).toEqual([
      { path: 'steps[0].type', message: 'unknown step type "nope"' },
    ]);
  });

  it('names a missing dependency and a self dependency', () => {
    const found = issues({ name: 'x', steps: [{ id: 'a', type: 'transform', needs: ['zz', 'a'], with: { expression: '1' } }] });
    expect(found.map((i) => i.path)).toEqual(['steps[0].needs[0]', 'steps[0].needs[1]']);
  });

  it('finds a cycle and names its members', () => {
    const found = issues({
      name: 'x',
      steps: [
        { id: 'a', type: 'transform', needs: ['b'], with: { expression: '1' } },
        { id: 'b', type: 'transform', with: { expression: 'steps.a.output' } },
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('dependency cycle');
    expect(found[0]?.message).toContain('"a"');
  });

  it('names references to unknown steps and undeclared inputs', () => {
    const found = issues({
      name: 'x',
      steps: [{ id: 'a', type: 'transform', with: { expression: 'steps.ghost.output + input.missing' } }],
    });
    expect(found.map((i) => i.message)).toEqual([
      'reference to unknown step "steps.ghost"',
      'reference to undeclared input "input.missing"',
    ]);
  });

  it('names invalid JSONata and invalid Liquid', () => {
    const found = issues({
      name: 'x',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1 +' } },
        { id: 'b', type: 'wait', with: { seconds: '{% if true %}unclosed' } },
      ],
    });
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining(['steps[0].with.expression', 'steps[1].with.seconds']));
  });

  it('checks config types, but leaves template fields to run time', () => {
    expect(issues({ name: 'x', steps: [{ id: 'a', type: 'wait', with: { seconds: 'soon' } }] })[0]?.path).toBe('steps[0].with.seconds');
    expect(
      issues({ name: 'x', inputs: { s: { type: 'number' } }, steps: [{ id: 'a', type: 'wait', with: { seconds: '{{ input.s }}' } }] }),
    ).toEqual([]);
  });

  it('rejects duplicate step ids', () => {
    const found = issues({
      name: 'x',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1' } },
        { id: 'a', type: 'transform', with: { expression: '2' } },
      ],
    });
    expect(found[0]).toEqual({ path: 'steps[1].id', message: 'duplicate step id "a"' });
  });
});
