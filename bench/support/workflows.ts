import { WorkflowDefinition } from '@assay/schema';

/** The benchmark workflow: three `transform` steps in a chain. */
export const CHAIN3 = {
  name: 'bench-chain-3',
  inputs: { n: { type: 'number', required: true } },
  steps: [
    { id: 'a', type: 'transform', with: { expression: 'input.n + 1' } },
    { id: 'b', type: 'transform', with: { expression: 'steps.a.output * 2' }, needs: ['a'] },
    { id: 'c', type: 'transform', with: { expression: 'steps.b.output - 1' }, needs: ['b'] },
  ],
};

/** A chain of `length` trivial transforms (for per-step overhead). */
export function chain(length: number): Record<string, unknown> {
  const steps = Array.from({ length }, (_, i) =>
    i === 0
      ? { id: 's0', type: 'transform', with: { expression: 'input.n + 1' } }
      : { id: `s${i}`, type: 'transform', with: { expression: `steps.s${i - 1}.output + 1` }, needs: [`s${i - 1}`] },
  );
  return { name: `bench-chain-${length}`, inputs: { n: { type: 'number', required: true } }, steps };
}

/** Parses an author-written definition (applies defaults), as the API does before storing it. */
export function parseDefinition(raw: unknown): WorkflowDefinition {
  return WorkflowDefinition.parse(raw);
}
