import type { InputField } from '@assay/schema';

/**
 * What is known, before a run, about the shape of a value a template or expression reads: enough to
 * warn that a field cannot be there. `unknown` stops every check below it (no warning).
 */
export type Shape =
  | { kind: 'object'; fields: Readonly<Record<string, Shape>> }
  | { kind: 'list'; items: Shape }
  | { kind: 'scalar'; type: 'string' | 'number' | 'boolean' }
  | { kind: 'unknown' };

export const UNKNOWN: Shape = { kind: 'unknown' };
export const STRING: Shape = { kind: 'scalar', type: 'string' };
export const NUMBER: Shape = { kind: 'scalar', type: 'number' };
export const BOOLEAN: Shape = { kind: 'scalar', type: 'boolean' };

export const object = (fields: Record<string, Shape>): Shape => ({ kind: 'object', fields });
export const list = (items: Shape): Shape => ({ kind: 'list', items });

/** A declared workflow input: its type says whether it can have fields (an object's are not declared). */
export function inputShape(field: InputField): Shape {
  switch (field.type) {
    case 'string':
      return STRING;
    case 'number':
    case 'integer':
      return NUMBER;
    case 'boolean':
      return BOOLEAN;
    case 'array':
      return list(UNKNOWN);
    default:
      return UNKNOWN;
  }
}

/** How deep a JSON Schema is read; below, anything goes. */
const MAX_SCHEMA_DEPTH = 8;

/**
 * The shape a JSON Schema promises: an object's `properties` (when it declares no other properties:
 * `additionalProperties` absent or false, no `patternProperties`), a list's `items`, a scalar type.
 */
export function jsonSchemaShape(schema: unknown, depth = 0): Shape {
  if (depth > MAX_SCHEMA_DEPTH || schema === null || typeof schema !== 'object' || Array.isArray(schema)) return UNKNOWN;
  const s = schema as Record<string, unknown>;
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== 'null');
  const type = types.length === 1 ? types[0] : s.type === undefined && s.properties !== undefined ? 'object' : undefined;
  if (type === 'string') return STRING;
  if (type === 'number' || type === 'integer') return NUMBER;
  if (type === 'boolean') return BOOLEAN;
  if (type === 'array') return list(jsonSchemaShape(s.items, depth + 1));
  if (type !== 'object') return UNKNOWN;
  const open = (s.additionalProperties !== undefined && s.additionalProperties !== false) || s.patternProperties !== undefined;
  const properties = s.properties;
  if (open || properties === null || typeof properties !== 'object' || Array.isArray(properties)) return UNKNOWN;
  return object(Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, jsonSchemaShape(property, depth + 1)])));
}

/** A run's scope besides `input` and `steps` (`run-scope.ts`): what `run`, `workflow` and `trigger` hold. */
export const RUN_ROOT_SHAPES: Readonly<Record<string, Shape>> = {
  run: object({ id: STRING, createdAt: STRING }),
  workflow: object({ id: STRING, version: NUMBER, name: STRING }),
  trigger: object({ body: UNKNOWN, headers: UNKNOWN, query: UNKNOWN }),
  assay: UNKNOWN,
};
