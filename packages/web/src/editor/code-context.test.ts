import { describe, expect, it } from 'vitest';
import { fieldsAt } from '../ui/code/field-paths';
import { codeContextFor } from './code-context';

const base = {
  workflow: { id: 'w1', version: 2, name: 'Brief' },
  inputs: { companyId: { type: 'string' as const, default: 'c1' }, limit: { type: 'number' as const } },
  readable: ['profile', 'extract'],
  latest: {
    profile: {
      output: { row: { name: 'Acme' } },
      status: 'completed' as const,
      error: null,
      runId: 'r1',
      draft: true,
      finishedAt: '2026-12-01T00:00:00Z',
    },
    later: {
      output: { secret: 1 },
      status: 'completed' as const,
      error: null,
      runId: 'r1',
      draft: false,
      finishedAt: '2026-12-01T00:00:00Z',
    },
  },
  sample: null,
  outputSchemas: { extract: { type: 'object', properties: { values: { type: 'object', properties: { revenue: { type: 'number' } } } } } },
};

describe('codeContextFor', () => {
  it('suggests from readable steps only: latest outputs first, else their schemas', () => {
    const { shapes } = codeContextFor(base);
    expect(fieldsAt(shapes, ['steps']).map((f) => f.name)).toEqual(['profile', 'extract']);
    expect(fieldsAt(shapes, ['steps', 'profile', 'output', 'row']).map((f) => f.name)).toEqual(['name']);
    expect(fieldsAt(shapes, ['steps', 'extract', 'output', 'values']).map((f) => f.name)).toEqual(['revenue']);
    expect(fieldsAt(shapes, ['input']).map((f) => f.name)).toEqual(['companyId', 'limit']);
  });

  it('previews on the pinned input over the defaults, with the readable outputs', () => {
    const context = codeContextFor({
      ...base,
      sample: { input: { companyId: 'c9' }, outputs: { extract: { values: { revenue: 3 } } }, updatedAt: '2026-12-01T00:00:00Z' },
    });
    expect(context.previewScope).toEqual({
      input: { companyId: 'c9', limit: null },
      steps: { profile: { output: { row: { name: 'Acme' } } }, extract: { output: { values: { revenue: 3 } } } },
    });
  });

  it('has no preview without any sample data', () => {
    expect(codeContextFor({ ...base, latest: {} }).previewScope).toBeNull();
  });
});
