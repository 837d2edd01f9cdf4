import type { FieldChange } from '@assay/schema';
import microdiff from 'microdiff';

type Segment = string | number;

/** How `compareFields` reads each side's strings before comparing (e.g. to ignore a run's own id in its links). */
export interface CompareOptions {
  /** The most changes listed (default 1000). */
  limit?: number;
  /** Applied to every string of `before` (keys excepted) for the comparison only; reported values are the originals. */
  normaliseBefore?: (text: string) => string;
  /** The same for `after`. */
  normaliseAfter?: (text: string) => string;
}

/**
 * The fields that differ between two values: each added, removed or changed leaf with its path
 * (`figures.revenue`, `items[2].name`, `["a b"].c`; `""` for the value as a whole) and the values
 * before and after. List items are compared by position. At most `limit` changes.
 */
export function fieldDiff(before: unknown, after: unknown, limit = 1000): FieldChange[] {
  return compareFields(before, after, { limit }).changes;
}

/** `fieldDiff` that also says whether the list stopped at its limit. */
export function compareFields(
  before: unknown,
  after: unknown,
  options: CompareOptions = {},
): { changes: FieldChange[]; truncated: boolean } {
  const limit = Math.max(0, Math.floor(options.limit ?? 1000));
  const all = rawChanges(copy(before, options.normaliseBefore), copy(after, options.normaliseAfter));
  const changes = all.slice(0, limit).map(({ path, type }): FieldChange => {
    const change: FieldChange = { path: formatPath(path), type };
    if (type !== 'added') change.before = at(before, path);
    if (type !== 'removed') change.after = at(after, path);
    return change;
  });
  return { changes, truncated: all.length > limit };
}

/** A path as text: identifiers dotted, list positions as `[n]`, any other key quoted as `["…"]`. */
export function formatPath(path: readonly Segment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Container = Record<string, unknown> | unknown[];

/** The changes between two copies (see `copy`), with paths as segments. */
function rawChanges(before: unknown, after: unknown): Array<{ path: Segment[]; type: FieldChange['type'] }> {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path: [], type: 'added' }];
  if (after === undefined) return [{ path: [], type: 'removed' }];
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const kinds = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;
    // The copies hold no cycles (see `copy`).
    return microdiff(before, after, { cyclesFix: false }).map((d) => ({ path: d.path, type: kinds[d.type] }));
  }
  return sameLeaf(before, after) ? [] : [{ path: [], type: 'changed' }];
}

function isContainer(value: unknown): value is Container {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === null || prototype === Object.prototype;
}

/** Two values that are not both objects or both lists (microdiff's rule for the leaves it compares). */
function sameLeaf(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return Object.is(a, b);
}

/**
 * A copy to compare: plain objects become objects without a prototype (so keys like `__proto__`,
 * `constructor` or `toString` are compared as the data they are), strings are normalised, -0 is 0,
 * a cycle becomes the text `[Circular]`. Other values (dates, numbers, …) are kept as they are.
 */
function copy(value: unknown, normalise: ((text: string) => string) | undefined, seen = new Set<object>()): unknown {
  if (typeof value === 'string') return normalise ? normalise(value) : value;
  // -0 and 0 are the same JSON.
  if (value === 0) return 0;
  if (!isContainer(value)) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  let result: Container;
  if (Array.isArray(value)) {
    result = value.map((item) => copy(item, normalise, seen));
  } else {
    const object = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value)) object[key] = copy(value[key], normalise, seen);
    result = object;
  }
  seen.delete(value);
  return result;
}

/** The original value at a path (own keys only). */
function at(value: unknown, path: readonly Segment[]): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current)) current = typeof segment === 'number' ? current[segment] : undefined;
    else if (current !== null && typeof current === 'object' && Object.hasOwn(current, segment))
      current = (current as Record<Segment, unknown>)[segment];
    else return undefined;
  }
  return current;
}
