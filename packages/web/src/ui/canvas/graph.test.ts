import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { WorkflowDefinitionInput } from '@assay/schema';
import {
  canvasToDefinition,
  definitionToCanvas,
  freshStepId,
  layeredPositions,
  needsEdge,
  referenceEdges,
  renameStep,
  wouldCycle,
} from './graph';

const memo: WorkflowDefinitionInput = {
  name: 'Company memo',
  description: 'Lookup, reshape, write',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [
    {
      id: 'lookup',
      type: 'dataset.lookup',
      label: 'Find the company',
      with: { dataset: 'companies', key: '{{ input.companyId }}' },
      position: { x: 10, y: 20 },
    },
    {
      id: 'shape',
      type: 'transform',
      needs: ['lookup'],
      with: { expression: 'steps.lookup.output.row' },
      retry: { maxAttempts: 3 },
      timeoutMs: 5000,
      position: { x: 300, y: 20 },
    },
    {
      id: 'memo',
      type: 'document.render',
      needs: ['lookup', 'shape'],
      if: 'steps.shape.output != null',
      with: { name: 'memo', template: '# {{ steps.shape.output.name }}', formats: ['md', 'pdf'] },
      position: { x: 600, y: 40.5 },
    },
  ],
  output: { memo: '{{ steps.memo.output.artifacts.pdf.url }}' },
  concurrency: 4,
};

describe('definition ⇄ canvas', () => {
  it('round-trips ids, positions, config, labels, conditions, retries and everything outside the steps', () => {
    const canvas = definitionToCanvas(memo);
    expect(canvas.nodes.map((node) => node.id)).toEqual(['lookup', 'shape', 'memo']);
    expect(canvas.nodes[2]?.position).toEqual({ x: 600, y: 40.5 });
    expect(canvas.edges.map((edge) => edge.id)).toEqual(['lookup->shape', 'lookup->memo', 'shape->memo']);
    const back = canvasToDefinition(canvas);
    // Positions are saved rounded to whole pixels; everything else comes back as it went in.
    expect(back).toEqual({
      ...memo,
      steps: memo.steps.map((step) => ({ ...step, position: { x: Math.round(step.position!.x), y: Math.round(step.position!.y) } })),
    });
  });

  it('keeps config objects it does not understand as they are', () => {
    const odd = {
      name: 'x',
      steps: [{ id: 'a', type: 'custom.thing', with: { nested: { list: [1, { deep: true }], nothing: null } }, position: { x: 1, y: 2 } }],
    };
    expect(canvasToDefinition(definitionToCanvas(odd))).toEqual(odd);
  });

  it('round-trips any generated acyclic definition', () => {
    const definitions = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), { minLength: 1, maxLength: 12 }).chain((ids) =>
      fc.tuple(
        ...ids.map((id, index) =>
          fc.record({
            id: fc.constant(id),
            type: fc.constantFrom('transform', 'http.request', 'ai.generate'),
            with: fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.jsonValue(), { maxKeys: 3 }),
            needs: fc.subarray(ids.slice(0, index)),
            position: fc.record({ x: fc.integer({ min: -5000, max: 5000 }), y: fc.integer({ min: -5000, max: 5000 }) }),
          }),
        ),
      ),
    );
    fc.assert(
      fc.property(definitions, (steps) => {
        const definition = { name: 'generated', steps: steps.map(({ needs, ...rest }) => (needs.length > 0 ? { ...rest, needs } : rest)) };
        expect(canvasToDefinition(definitionToCanvas(definition))).toEqual(definition);
      }),
    );
  });

  it('places steps without positions in one row per depth, top to bottom', () => {
    const positions = layeredPositions([
      { id: 'a', type: 't' },
      { id: 'b', type: 't', needs: ['a'] },
      { id: 'c', type: 't', needs: ['a'] },
      { id: 'd', type: 't', needs: ['b', 'c'] },
    ]);
    expect(positions.get('a')).toEqual({ x: 0, y: 0 });
    expect(positions.get('b')?.y).toBe(positions.get('c')?.y);
    expect(positions.get('b')?.x).not.toBe(positions.get('c')?.x);
    expect(positions.get('d')!.y).toBeGreaterThan(positions.get('b')!.y);
    // A cycle (reported by validation) must not hang the layout.
    expect(
      layeredPositions([
        { id: 'a', type: 't', needs: ['b'] },
        { id: 'b', type: 't', needs: ['a'] },
      ]).size,
    ).toBe(2);
  });
});

describe('editing helpers', () => {
  it('names new steps after their type without clashing', () => {
    expect(freshStepId('dataset.lookup', [])).toBe('lookup');
    expect(freshStepId('dataset.lookup', ['lookup', 'lookup_2'])).toBe('lookup_3');
  });

  it('refuses an edge that would close a cycle', () => {
    const edges = [needsEdge('a', 'b'), needsEdge('b', 'c')];
    expect(wouldCycle(edges, 'c', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'a')).toBe(true);
    expect(wouldCycle(edges, 'a', 'c')).toBe(false);
  });

  it('renames a step in its node, its edges and the references to it', () => {
    const renamed = canvasToDefinition(renameStep(definitionToCanvas(memo), 'shape', 'profile'));
    expect(renamed.steps.map((step) => step.id)).toEqual(['lookup', 'profile', 'memo']);
    expect(renamed.steps[2]).toMatchObject({
      needs: ['lookup', 'profile'],
      if: 'steps.profile.output != null',
      with: { template: '# {{ steps.profile.output.name }}' },
    });
    expect(renamed.steps[0]?.with).toEqual(memo.steps[0]?.with);
  });

  it('regression (issue 12): renaming fetch → get leaves steps.fetch-2 alone and renames steps["fetch"]', () => {
    const canvas = definitionToCanvas({
      name: 'rename',
      steps: [
        { id: 'fetch', type: 'transform', with: { expression: '1' } },
        { id: 'fetch-2', type: 'transform', with: { expression: '2' } },
        {
          id: 'use',
          type: 'transform',
          with: {
            expression: 'steps.fetch-2.output + steps["fetch"].output',
            note: '{{ steps.fetch-2.output }} {{ steps["fetch"].output }} "steps.fetch"',
          },
        },
      ],
    });
    const renamed = canvasToDefinition(renameStep(canvas, 'fetch', 'get', () => ({ expressionKeys: ['expression'] })));
    expect(renamed.steps[2]?.with).toEqual({
      expression: 'steps.fetch-2.output + steps["get"].output',
      note: '{{ steps.fetch-2.output }} {{ steps["get"].output }} "steps.fetch"',
    });
  });
});

describe('dependencies by reference', () => {
  it('draws the dependencies the engine infers from steps.<id> references, but never saves them as needs', () => {
    const canvas = definitionToCanvas({
      name: 'refs',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1' } },
        { id: 'b', type: 'transform', with: { expression: 'steps.a.output + steps.a.output' } },
        { id: 'c', type: 'transform', needs: ['a'], if: 'steps.b.output > 1', with: { expression: 'steps.a.output + steps.nope.output' } },
      ],
    });
    const inferred = referenceEdges(canvas);
    expect(inferred.map((edge) => [edge.source, edge.target])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
    expect(inferred.every((edge) => edge.deletable === false)).toBe(true);
    const saved = canvasToDefinition({ ...canvas, edges: [...canvas.edges, ...inferred] });
    expect(saved.steps.map((step) => step.needs)).toEqual([undefined, undefined, ['a']]);
  });
});
