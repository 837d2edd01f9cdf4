/**
 * What the expression fields suggest after a dot: the names at a path in the sample data (the latest
 * outputs, the pinned input) or, where there is no sample, in a JSON Schema. Pure, so it is unit tested.
 */

/** What a field's text can reach: sample values by root, and JSON Schemas where no sample exists. */
export interface ShapeSource {
  /** Root name → a sample value (`input` → the sample input, `steps` → `{ id: { output } }`, …). */
  samples: Record<string, unknown>;
  /** A path's first names joined by "." → the JSON Schema of what is there (e.g. `steps.profile.output`). */
  schemas?: Record<string, unknown>;
}

export interface FieldSuggestion {
  name: string;
  /** What is there: `string`, `number`, `object (3)`, `list (12)`, … */
  detail: string;
}

const MAX_FIELDS = 200;

/** The names one may write after `path` (e.g. ['steps', 'profile', 'output', 'row']). */
export function fieldsAt(source: ShapeSource, path: readonly string[]): FieldSuggestion[] {
  if (path.length === 0) return [];
  const sampled = valueAt(source.samples, path);
  if (sampled.found) return fieldsOfValue(sampled.value);
  for (let split = path.length; split > 0; split--) {
    const schema = source.schemas?.[path.slice(0, split).join('.')];
    if (schema !== undefined) return fieldsOfSchema(schemaAt(schema, path.slice(split)));
  }
  return [];
}

/** Walks a sample: names into objects; into a list, an index picks an item and a name reads its first item's field. */
function valueAt(root: unknown, path: readonly string[]): { found: boolean; value?: unknown } {
  let current = root;
  for (const name of path) {
    if (Array.isArray(current)) {
      if (/^\d+$/.test(name)) current = current[Number(name)];
      else if (name === 'first') current = current[0];
      else if (name === 'last') current = current[current.length - 1];
      else if (name === 'size') return { found: true, value: current.length };
      else current = itemOf(current)?.[name as never];
    } else if (current !== null && typeof current === 'object' && Object.hasOwn(current, name)) {
      current = (current as Record<string, unknown>)[name];
    } else {
      return { found: false };
    }
    if (current === undefined) return { found: false };
  }
  return { found: true, value: current };
}

const itemOf = (list: unknown[]) => list.find((item) => item !== null && typeof item === 'object') as Record<string, unknown> | undefined;

function fieldsOfValue(value: unknown): FieldSuggestion[] {
  const target = Array.isArray(value) ? itemOf(value) : value;
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return [];
  return Object.entries(target)
    .slice(0, MAX_FIELDS)
    .map(([name, item]) => ({ name, detail: describe(item) }));
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return `list (${value.length})`;
  if (value === null) return 'null';
  if (typeof value === 'object') return `object (${Object.keys(value).length})`;
  return typeof value;
}

type Schema = { type?: unknown; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[] };

/** The schema at `path` below `schema` (lists are looked through, like a JSONata path does). */
function schemaAt(schema: unknown, path: readonly string[]): unknown {
  let current = schema as Schema | undefined;
  for (const name of path) {
    current = unwrap(current);
    if (current?.items && (current.type === 'array' || !current.properties)) current = unwrap(current.items);
    if (/^\d+$/.test(name) || name === 'first' || name === 'last') continue;
    current = current?.properties?.[name];
    if (!current) return undefined;
  }
  return current;
}

/** A nullable or single-choice union reads as its object member. */
function unwrap(schema: Schema | undefined): Schema | undefined {
  const choices = schema?.anyOf ?? schema?.oneOf;
  return choices ? (choices.find((choice) => choice.properties || choice.items) ?? schema) : schema;
}

function fieldsOfSchema(schema: unknown): FieldSuggestion[] {
  let current = unwrap(schema as Schema | undefined);
  if (current?.items && !current.properties) current = unwrap(current.items);
  return Object.entries(current?.properties ?? {})
    .slice(0, MAX_FIELDS)
    .map(([name, property]) => ({ name, detail: typeof property.type === 'string' ? property.type : 'value' }));
}

/** The dotted path being typed before `caret` in a JSONata expression, and the partial name at its end. */
export interface PathQuery {
  /** Complete names before the last dot (empty when a root is being typed). */
  path: string[];
  partial: string;
  /** Where the partial name starts. */
  from: number;
}

/**
 * Reads back from the caret over `name.name[…].partial`; a bracket's contents are skipped (an index or
 * a filter keeps the list's fields). Inside an unclosed filter (`rows[pri`) the names are the list's
 * item fields, so the path is the one before the `[`.
 */
export function jsonataPathAt(text: string, caret: number): PathQuery | null {
  const before = text.slice(0, caret);
  if (insideString(before)) return null;
  // An odd number of backticks: a quoted name is being typed.
  const quoted = (before.match(/`/g)?.length ?? 0) % 2 === 1;
  const partial = quoted ? before.slice(before.lastIndexOf('`')) : (/[A-Za-z_]\w*$/.exec(before)?.[0] ?? '');
  const from = caret - partial.length;
  if (before[from - 1] === '$') return null; // a variable or a function
  const path = before[from - 1] === '.' ? readPath(before, from - 1) : null;
  if (path) return { path, partial: partial.replace(/^`/, ''), from };
  // Not after a dot: a root, unless inside a filter, where names are the items' fields.
  const filter = openFilterPath(before.slice(0, from));
  return { path: filter ?? [], partial: partial.replace(/^`/, ''), from };
}

/** The names of a path ending at `end` (exclusive, `end` is just past its last name). */
function readPath(text: string, dot: number): string[] | null {
  const names: string[] = [];
  let at = dot;
  while (at > 0) {
    let end = at;
    if (text[end - 1] === ']') {
      const open = matchingOpen(text, end - 1);
      if (open < 0) return null;
      end = open;
    }
    const match = /([A-Za-z_][\w]*|`[^`]+`)$/.exec(text.slice(0, end));
    if (!match) return null;
    names.unshift(match[1]!.replace(/^`|`$/g, ''));
    at = end - match[1]!.length;
    if (text[at - 1] !== '.') break;
    at -= 1;
  }
  return names;
}

function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (text[i] === ']') depth++;
    else if (text[i] === '[' && --depth === 0) return i;
  }
  return -1;
}

/** Inside `path[…` (an unclosed bracket after a path), the path; else null. */
function openFilterPath(text: string): string[] | null {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ']') depth++;
    else if (text[i] === '[') {
      if (depth === 0) return /[\w`\]]$/.test(text.slice(0, i)) ? readPath(`${text.slice(0, i)}.`, i) : null;
      depth--;
    }
  }
  return null;
}

function insideString(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
  }
  return quote !== null;
}
