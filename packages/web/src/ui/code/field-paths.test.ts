import { describe, expect, it } from 'vitest';
import { fieldsAt, jsonataPathAt, type ShapeSource } from './field-paths';

const source: ShapeSource = {
  samples: {
    input: { companyId: 'c1', limit: 3 },
    steps: {
      profile: { output: { row: { name: 'Acme', revenue: 12 }, rows: [{ name: 'Acme', price: 5, tags: ['a'] }] } },
    },
  },
  schemas: {
    'steps.extract.output': {
      type: 'object',
      properties: {
        values: { type: 'object', properties: { revenue: { type: 'number' } } },
        citations: { type: 'array', items: { type: 'object', properties: { quote: { type: 'string' } } } },
      },
    },
  },
};
const names = (path: string[]) => fieldsAt(source, path).map((f) => f.name);

describe('fieldsAt', () => {
  it('lists the fields of a sample, down any depth', () => {
    expect(names(['input'])).toEqual(['companyId', 'limit']);
    expect(names(['steps'])).toEqual(['profile']);
    expect(names(['steps', 'profile', 'output', 'row'])).toEqual(['name', 'revenue']);
    expect(fieldsAt(source, ['steps', 'profile', 'output'])).toEqual([
      { name: 'row', detail: 'object (2)' },
      { name: 'rows', detail: 'list (1)' },
    ]);
  });

  it("reads a list's items: by index, first, or through it as JSONata does", () => {
    expect(names(['steps', 'profile', 'output', 'rows'])).toEqual(['name', 'price', 'tags']);
    expect(names(['steps', 'profile', 'output', 'rows', '0'])).toEqual(['name', 'price', 'tags']);
    expect(names(['steps', 'profile', 'output', 'rows', 'first'])).toEqual(['name', 'price', 'tags']);
  });

  it('falls back to a JSON Schema where there is no sample', () => {
    expect(names(['steps', 'extract', 'output'])).toEqual(['values', 'citations']);
    expect(names(['steps', 'extract', 'output', 'values'])).toEqual(['revenue']);
    expect(names(['steps', 'extract', 'output', 'citations'])).toEqual(['quote']);
    expect(names(['steps', 'extract', 'output', 'citations', '0'])).toEqual(['quote']);
  });

  it('knows nothing of unknown paths or scalars', () => {
    expect(names(['steps', 'nope', 'output'])).toEqual([]);
    expect(names(['input', 'companyId'])).toEqual([]);
    expect(names([])).toEqual([]);
  });
});

describe('jsonataPathAt', () => {
  const at = (text: string) => jsonataPathAt(text, text.length);
  it('reads the path before the dot and the partial name', () => {
    expect(at('steps.profile.output.ro')).toEqual({ path: ['steps', 'profile', 'output'], partial: 'ro', from: 21 });
    expect(at('$sum(steps.profile.output.rows.')).toEqual({ path: ['steps', 'profile', 'output', 'rows'], partial: '', from: 31 });
    expect(at('inp')).toEqual({ path: [], partial: 'inp', from: 0 });
  });

  it('looks through indexes and filters', () => {
    expect(at('steps.p.output.rows[0].na')?.path).toEqual(['steps', 'p', 'output', 'rows']);
    expect(at('steps.p.output.rows[price > 10].')?.path).toEqual(['steps', 'p', 'output', 'rows']);
    expect(at('steps.`my-step`.output.')?.path).toEqual(['steps', 'my-step', 'output']);
    expect(at('steps.`my-st')).toEqual({ path: ['steps'], partial: 'my-st', from: 6 });
  });

  it("inside an unclosed filter, offers the list items' fields", () => {
    expect(at('steps.p.output.rows[pri')).toEqual({ path: ['steps', 'p', 'output', 'rows'], partial: 'pri', from: 20 });
  });

  it('offers nothing inside strings or for $variables', () => {
    expect(at('"steps.p.')).toBeNull();
    expect(at('$su')).toBeNull();
  });
});
