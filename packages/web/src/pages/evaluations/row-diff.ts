import type { FieldChange } from '@assay/schema';
import { jsonText } from './evaluation-format';

/** One leaf of an output: its path as the diff names it (`figures.revenue`, `items[0].name`; `` for the whole value). */
export interface Field {
  path: string;
  value: unknown;
}

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** An output as its leaves, depth first in key order; empty objects and lists are leaves of their own. */
export function flattenValue(value: unknown, prefix = ''): Field[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ path: prefix, value }];
    return value.flatMap((item, index) => flattenValue(item, join(prefix, index)));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [{ path: prefix, value }];
    return entries.flatMap(([key, item]) => flattenValue(item, join(prefix, key)));
  }
  return [{ path: prefix, value }];
}

/** Whether `path` is `changed` or lies inside it (or holds it: a changed leaf marks the fields around it). */
function related(path: string, changed: string): boolean {
  if (path === changed || changed === '' || path === '') return true;
  const inside = (outer: string, inner: string) => inner.startsWith(outer) && (inner[outer.length] === '.' || inner[outer.length] === '[');
  return inside(changed, path) || inside(path, changed);
}

/** How a field of an output shows against the diff: the change that touches it, or null when it is the same. */
export function changeAt(path: string, diff: readonly FieldChange[]): FieldChange | null {
  return diff.find((change) => related(path, change.path)) ?? null;
}

/** Paths the other versions changed, for marking the first version's side of each change. */
export function changedPaths(diffs: ReadonlyArray<readonly FieldChange[]>): string[] {
  return [...new Set(diffs.flatMap((diff) => diff.map((change) => change.path)))];
}

/** `verdict: "sell" → "buy"`, `notes added: "…"`, `score removed (was 3)`. */
export function changeText(change: FieldChange): string {
  const path = change.path === '' ? '(output)' : change.path;
  switch (change.type) {
    case 'added':
      return `${path} added: ${jsonText(change.after)}`;
    case 'removed':
      return `${path} removed (was ${jsonText(change.before)})`;
    case 'changed':
      return `${path}: ${jsonText(change.before)} → ${jsonText(change.after)}`;
  }
}
