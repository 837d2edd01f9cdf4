import { describe, expect, it } from 'vitest';
import { indexErrors } from './validation';
import { downstreamOf, upstreamOf } from './references';

describe('validation errors on nodes and fields', () => {
  it('puts config errors on the step and its field, and keeps workflow errors apart', () => {
    const index = indexErrors(
      [
        { path: 'steps[1].with.template', message: 'Required', stepId: 'memo' },
        { path: 'steps[0].if', message: 'bad expression' },
        { path: 'name', message: 'Required' },
      ],
      ['lookup', 'memo'],
    );
    expect(index.byStep.get('memo')).toEqual(['template: Required']);
    expect(index.byField.get('memo')?.get('template')).toEqual(['Required']);
    expect(index.byField.get('lookup')?.get('.if')).toEqual(['bad expression']);
    expect(index.workflow).toEqual([{ path: 'name', message: 'Required' }]);
  });

  it('places warnings as errors are placed: on the step and field, output ones on the workflow', () => {
    const warnings = indexErrors(
      [
        { path: 'steps[1].with.template', message: 'steps.lookup.output has no field "rowz" (it has: row, rows, count)', stepId: 'memo' },
        { path: 'steps[0].with.steps[0].with.text', message: 'input.name is a string: it has no field "first"' },
        { path: 'output.summary', message: 'steps.memo.output has no field "md" (it has: markdown, artifacts)' },
      ],
      ['lookup', 'memo'],
    );
    expect(warnings.byStep.get('memo')).toEqual(['template: steps.lookup.output has no field "rowz" (it has: row, rows, count)']);
    expect(warnings.byField.get('memo')?.get('template')).toHaveLength(1);
    // A warning inside a map's sub-graph belongs to the map step, on its `steps` field.
    expect(warnings.byField.get('lookup')?.get('steps')).toEqual(['input.name is a string: it has no field "first"']);
    expect(warnings.workflow.map((w) => w.path)).toEqual(['output.summary']);
  });
});

describe('which steps a step can read', () => {
  const edges = [
    { source: 'a', target: 'b' },
    { source: 'b', target: 'c' },
    { source: 'c', target: 'd' },
  ];
  it('knows what runs before a step and what runs after it', () => {
    expect(upstreamOf('c', edges).sort()).toEqual(['a', 'b']);
    expect(downstreamOf('b', edges).sort()).toEqual(['c', 'd']);
    expect(downstreamOf('d', edges)).toEqual([]);
  });
});
