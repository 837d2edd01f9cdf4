import { describe, expect, it } from 'vitest';
import { isTextType, toolInputSchema, toolNames, toolSlug } from './workflow-tools';

const MCP_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe('workflows as MCP tools', () => {
  it('slugs workflow names into valid tool names', () => {
    expect(toolSlug('Screen a company')).toBe('screen_a_company');
    expect(toolSlug('  Café — Überprüfung (v2)!  ')).toBe('cafe_uberprufung_v2');
    expect(toolSlug('already-valid_name')).toBe('already-valid_name');
    expect(toolSlug('日本語')).toBe('workflow');
    expect(toolSlug('!!!')).toBe('workflow');
    const long = toolSlug(`${'a'.repeat(63)} b c`);
    expect(long).toMatch(MCP_TOOL_NAME);
    expect(long).toBe('a'.repeat(63));
  });

  it('gives colliding slugs a short id suffix, leaving the oldest workflow its plain name', () => {
    const older = { id: '0190000000000000000000aa', name: 'Screen' };
    const newer = { id: '0190000000010000000000bb', name: 'screen!' };
    const newest = { id: '0190000000020000000000cc', name: 'SCREEN' };
    const names = toolNames([newest, newer, older]);
    expect(names.get(older.id)).toBe('screen');
    expect(names.get(newer.id)).toBe('screen_000000bb');
    expect(names.get(newest.id)).toBe('screen_000000cc');
    // A newer namesake does not rename the older tool.
    expect(toolNames([older]).get(older.id)).toBe('screen');
  });

  it('keeps names unique and valid even when a workflow is named like a suffixed one', () => {
    const a = { id: '0190000000000000000000aa', name: 'x'.repeat(80) };
    const b = { id: '0190000000010000000000bb', name: 'x'.repeat(70) };
    const c = { id: '0190000000020000000000cc', name: `${'x'.repeat(55)}_000000bb` };
    const names = [...toolNames([a, b, c]).values()];
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name).toMatch(MCP_TOOL_NAME);
  });

  it('builds the JSON Schema of the arguments from the declared inputs', () => {
    expect(
      toolInputSchema({
        company: { type: 'string', required: true, description: 'Name' },
        depth: { type: 'string', required: true, enum: ['quick', 'deep'], default: 'quick' },
        limit: { type: 'integer', required: false },
        tags: { type: 'array', required: false },
      }),
    ).toEqual({
      type: 'object',
      properties: {
        company: { type: 'string', description: 'Name' },
        depth: { type: 'string', enum: ['quick', 'deep'], default: 'quick' },
        limit: { type: 'integer' },
        tags: { type: 'array' },
      },
      required: ['company'],
      additionalProperties: false,
    });
    expect(toolInputSchema({})).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('reads text types as text', () => {
    expect(isTextType('text/markdown; charset=utf-8')).toBe(true);
    expect(isTextType('application/json')).toBe(true);
    expect(isTextType('application/vnd.api+json')).toBe(true);
    expect(isTextType('application/pdf')).toBe(false);
    expect(isTextType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(false);
  });
});
