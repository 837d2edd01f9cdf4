import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SchemaReader, type JsonSchema } from './schema-fields';

function rowsOf(schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return SchemaReader.of(json).fields(json);
}

describe('SchemaReader', () => {
  it('summarises each field: type with its bounds, required, default and description', () => {
    const rows = rowsOf(
      z.object({
        name: z.string().min(1).max(200).describe('What it is called'),
        limit: z.number().int().min(1).max(10_000).default(100),
        mode: z.enum(['fail', 'collect']).default('fail'),
        at: z.iso.datetime({ offset: true }).optional(),
        budget: z.number().gt(0).optional(),
      }),
    );
    expect(rows).toEqual([
      { path: 'name', type: 'string (1–200 chars)', required: true, description: 'What it is called' },
      { path: 'limit', type: 'integer (1–10,000)', required: false, default: 100, description: '' },
      { path: 'mode', type: '`fail` or `collect`', required: false, default: 'fail', description: '' },
      // A format's own long pattern is left out: the format says it.
      { path: 'at', type: 'string (date-time)', required: false, description: '' },
      { path: 'budget', type: 'number (> 0)', required: false, description: '' },
    ]);
  });

  it('lists nested fields under their paths: objects, list items and map values', () => {
    const rows = rowsOf(
      z.object({
        notify: z.object({ to: z.string() }).optional(),
        tools: z.array(z.object({ name: z.string(), step: z.object({ type: z.string() }) })),
        fields: z.record(z.string(), z.union([z.string(), z.object({ kind: z.string().default('string') })])),
      }),
    );
    expect(rows.map((row) => [row.path, row.type])).toEqual([
      ['notify', 'object'],
      ['notify.to', 'string'],
      ['tools', 'list of object'],
      ['tools[].name', 'string'],
      ['tools[].step', 'object'],
      ['tools[].step.type', 'string'],
      ['fields', 'map of (string or object)'],
      ['fields.*.kind', 'string'],
    ]);
  });

  it('groups choices inside other types, and says "any JSON value" for z.json()', () => {
    const scalar = z.union([z.string(), z.number(), z.null()]);
    const rows = rowsOf(z.object({ query: z.record(z.string(), z.union([scalar, z.array(scalar)])), body: z.json() }));
    expect(rows.map((row) => row.type)).toEqual(['map of (string, number, null or list of (string, number or null))', 'any JSON value']);
  });

  it('follows named definitions once, keeping a description written beside the reference', () => {
    const Reviewers = z.object({ roles: z.array(z.string()).max(3) }).meta({ id: 'Reviewers' });
    const rows = rowsOf(z.object({ reviewers: Reviewers.optional().describe('Who may decide') }));
    expect(rows).toEqual([
      { path: 'reviewers', type: 'object', required: false, description: 'Who may decide' },
      { path: 'reviewers.roles', type: 'list (≤ 3 items) of string', required: true, description: '' },
    ]);
  });

  it('names sub-graph steps instead of repeating every step field, and stops at recursive definitions', () => {
    const StepDefinition = z.object({ id: z.string(), type: z.string() }).meta({ id: 'StepDefinition' });
    interface Tree {
      children: Tree[];
    }
    const Tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(Tree) })).meta({ id: 'Tree' });
    const rows = rowsOf(z.object({ steps: z.array(StepDefinition), tree: Tree }));
    expect(rows.map((row) => [row.path, row.type])).toEqual([
      ['steps', 'list of step definition'],
      ['tree', 'object'],
      ['tree.children', 'list of Tree'],
    ]);
  });
});
