import { alternatives, code, groupDigits } from './markdown';

/** A JSON Schema (draft 2020-12, as zod renders it), read loosely. */
export type JsonSchema = Record<string, unknown>;

/** One row of a fields table: a top-level field, or a nested one (`notify.to`, `tools[].name`, `fields.*.type`). */
export interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  /** Present when the schema declares a default (`undefined` itself is never a JSON default). */
  default?: unknown;
  description: string;
}

/**
 * Definitions documented elsewhere, named rather than expanded: a sub-graph's steps have the same
 * shape as a workflow's (README "Concepts"), and expanding them would repeat every step field in every sub-graph.
 */
const NAMED_ONLY: Readonly<Record<string, string>> = { StepDefinition: 'step definition' };

/** How deep nested fields are listed (`a.b[].c` is depth 3): beyond it the type's summary says enough. */
const MAX_DEPTH = 3;

const JSON_KINDS = ['array', 'boolean', 'null', 'number', 'object', 'string'];

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refName(schema: JsonSchema): string | undefined {
  return typeof schema.$ref === 'string' ? schema.$ref.replace(/^#\/\$defs\//, '') : undefined;
}

/** Reads a schema's `$defs` and follows `$ref`s into them. */
export class SchemaReader {
  constructor(private readonly defs: Readonly<Record<string, JsonSchema>>) {}

  static of(root: JsonSchema): SchemaReader {
    return new SchemaReader(isSchema(root.$defs) ? (root.$defs as Record<string, JsonSchema>) : {});
  }

  /** The schema a `$ref` points at (itself when it is none, or when it is documented elsewhere). */
  resolve(schema: JsonSchema, seen: ReadonlySet<string> = new Set()): JsonSchema {
    const name = refName(schema);
    if (name === undefined || name in NAMED_ONLY || seen.has(name)) return schema;
    const target = this.defs[name];
    // A description beside the `$ref` (zod puts `.describe()` there) wins over the definition's.
    return target === undefined ? schema : { ...target, ...(schema.description ? { description: schema.description } : {}) };
  }

  /** A one-line type: `string (1–200 chars)`, `integer (1–100)`, `list (≤ 4 items) of `md` or `pdf``, `map of string`. */
  typeOf(schema: JsonSchema, seen: ReadonlySet<string> = new Set()): string {
    const name = refName(schema);
    if (name !== undefined) {
      if (name in NAMED_ONLY) return NAMED_ONLY[name] as string;
      if (seen.has(name)) return name;
      return this.typeOf(this.resolve(schema, seen), new Set([...seen, name]));
    }
    if (Array.isArray(schema.enum)) return alternatives(schema.enum.map((value) => code(literal(value))));
    if ('const' in schema) return code(literal(schema.const));
    const variants = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined;
    if (variants) {
      // A variant of several types (`type: [string, null]`) is as many variants: one flat list of alternatives.
      const schemas = variants
        .filter(isSchema)
        .map((variant) => this.resolve(variant, seen))
        .flatMap((variant) => (Array.isArray(variant.type) ? variant.type.map((type) => ({ type })) : [variant]));
      if (coversEveryJsonKind(schemas)) return 'any JSON value';
      return alternatives(unique(schemas.map((variant) => grouped(this.typeOf(variant, seen)))));
    }
    if (Array.isArray(schema.type)) return alternatives(schema.type.map(String));
    switch (schema.type) {
      case 'string':
        return withConstraints('string', stringConstraints(schema));
      case 'number':
      case 'integer':
        return withConstraints(schema.type, numberConstraints(schema));
      case 'boolean':
      case 'null':
        return schema.type;
      case 'array': {
        const items = isSchema(schema.items) ? grouped(this.typeOf(schema.items, seen)) : 'any';
        const count = range(schema.minItems, schema.maxItems, undefined, undefined, 'items');
        return `list${count ? ` (${count})` : ''} of ${items}`;
      }
      case 'object':
        if (isSchema(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0)
          return `map of ${grouped(this.typeOf(schema.additionalProperties, seen))}`;
        return 'object';
      default:
        return 'any';
    }
  }

  /** The rows of an object schema's fields, each followed by its own nested fields. */
  fields(schema: JsonSchema, prefix = '', depth = 1, seen: ReadonlySet<string> = new Set()): FieldRow[] {
    const object = this.resolve(schema, seen);
    if (!isSchema(object.properties)) return [];
    const required = new Set(Array.isArray(object.required) ? object.required.map(String) : []);
    const rows: FieldRow[] = [];
    for (const [name, property] of Object.entries(object.properties)) {
      if (!isSchema(property)) continue;
      const path = `${prefix}${name}`;
      const resolved = this.resolve(property, seen);
      rows.push({
        path,
        type: this.typeOf(property, seen),
        required: required.has(name),
        ...('default' in property ? { default: property.default } : 'default' in resolved ? { default: resolved.default } : {}),
        description: String(property.description ?? resolved.description ?? ''),
      });
      if (depth < MAX_DEPTH) rows.push(...this.nested(property, path, depth, seen));
    }
    return rows;
  }

  /** Fields inside a field: an object's, a list's items' (`[]`), a map's values' (`.*`), or an alternative's. */
  private nested(schema: JsonSchema, path: string, depth: number, seen: ReadonlySet<string>): FieldRow[] {
    const name = refName(schema);
    if (name !== undefined && (name in NAMED_ONLY || seen.has(name))) return [];
    const resolved = this.resolve(schema, seen);
    const inner = name === undefined ? seen : new Set([...seen, name]);
    if (isSchema(resolved.properties)) return this.fields(resolved, `${path}.`, depth + 1, inner);
    if (resolved.type === 'array' && isSchema(resolved.items)) return this.nested(resolved.items, `${path}[]`, depth, inner);
    if (isSchema(resolved.additionalProperties)) return this.nested(resolved.additionalProperties, `${path}.*`, depth, inner);
    const variants = Array.isArray(resolved.anyOf) ? resolved.anyOf.filter(isSchema) : [];
    return variants.flatMap((variant) => this.nested(variant, path, depth, inner));
  }
}

/** A JSON value as written in a definition: strings bare (as in YAML), anything else as JSON. */
export function literal(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** A type inside another, in parentheses when it is itself a choice: `list of (string or null)`. */
function grouped(type: string): string {
  let depth = 0;
  for (let index = 0; index < type.length; index++) {
    const char = type[index];
    if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (depth === 0 && type.startsWith(' or ', index)) return `(${type})`;
  }
  return type;
}

function unique(parts: string[]): string[] {
  return [...new Set(parts)];
}

/** Whether alternatives accept any JSON value (zod's `z.json()`), which says more briefly as such. */
function coversEveryJsonKind(variants: JsonSchema[]): boolean {
  const kinds = new Set(variants.flatMap((variant) => (Array.isArray(variant.type) ? variant.type : [variant.type])).map(String));
  return JSON_KINDS.every((kind) => kinds.has(kind));
}

function withConstraints(type: string, constraints: string[]): string {
  return constraints.length ? `${type} (${constraints.join(', ')})` : type;
}

function stringConstraints(schema: JsonSchema): string[] {
  const constraints: string[] = [];
  if (typeof schema.format === 'string') constraints.push(schema.format);
  const length = range(schema.minLength, schema.maxLength, undefined, undefined, 'chars');
  if (length) constraints.push(length);
  // A format's own pattern (zod spells out `date-time` as a long expression) says nothing the format does not.
  if (typeof schema.pattern === 'string' && typeof schema.format !== 'string') constraints.push(`matching ${code(schema.pattern)}`);
  return constraints;
}

function numberConstraints(schema: JsonSchema): string[] {
  const bounds = range(schema.minimum, schema.maximum, schema.exclusiveMinimum, schema.exclusiveMaximum, '');
  return bounds ? [bounds] : [];
}

/** `1–100 unit`, `≥ 1 unit`, `≤ 100 unit`, `> 0`, or '' without bounds. */
function range(min: unknown, max: unknown, exclusiveMin: unknown, exclusiveMax: unknown, unit: string): string {
  const suffix = unit ? ` ${unit}` : '';
  const low = typeof min === 'number' ? min : undefined;
  const high = typeof max === 'number' ? max : undefined;
  const lowOpen = typeof exclusiveMin === 'number' ? exclusiveMin : undefined;
  const highOpen = typeof exclusiveMax === 'number' ? exclusiveMax : undefined;
  const parts: string[] = [];
  if (low !== undefined && high !== undefined) return `${groupDigits(low)}–${groupDigits(high)}${suffix}`;
  if (low !== undefined) parts.push(`≥ ${groupDigits(low)}`);
  if (lowOpen !== undefined) parts.push(`> ${groupDigits(lowOpen)}`);
  if (high !== undefined) parts.push(`≤ ${groupDigits(high)}`);
  if (highOpen !== undefined) parts.push(`< ${groupDigits(highOpen)}`);
  return parts.length ? `${parts.join(', ')}${suffix}` : '';
}
