import { describe, expect, it } from 'vitest';
import { compileSchema } from './validate';

describe('compileSchema', () => {
  it('compiles a schema once however many times an execution parses it afresh', () => {
    const schema = () => ({ type: 'object' as const, properties: { n: { type: 'number' as const } }, required: ['n'] });
    const first = compileSchema(schema());
    expect(compileSchema(schema())).toBe(first);
    expect(first({ n: 1 })).toBe(true);
    expect(first({})).toBe(false);
  });

  it('keeps working past the number of schemas it keeps (older ones are compiled again)', () => {
    const schemaFor = (i: number) => ({ type: 'object' as const, properties: { [`f${i}`]: { const: i } }, required: [`f${i}`] });
    for (let i = 0; i < 600; i++) expect(compileSchema(schemaFor(i))({ [`f${i}`]: i })).toBe(true);
    expect(compileSchema(schemaFor(0))({ f0: 1 })).toBe(false);
  });
});
