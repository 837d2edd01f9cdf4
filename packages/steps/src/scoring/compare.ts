import { isDeepStrictEqual } from 'node:util';

/** The value at a dotted path (`figures.revenue`; empty: the value itself); undefined when absent. */
export function valueAt(value: unknown, path: string): unknown {
  if (path === '') return value;
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A value as text: strings as they are, anything else as JSON ('' for absent). */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Equal as a reviewer would see it: deeply equal, or the same text once trimmed — so a CSV's "42"
 * equals a number 42 and "true" equals true (datasets hold text; outputs hold values).
 */
export function sameValue(output: unknown, expected: unknown, caseSensitive: boolean): boolean {
  if (isDeepStrictEqual(output, expected)) return true;
  const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
  if (!scalar(output) || !scalar(expected)) return false;
  const [a, b] = [asText(output).trim(), asText(expected).trim()];
  return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** A number from a value: numbers, and text like "12.5" or "1,250" (thousands separators dropped). */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim().replace(/,/g, '');
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  return Number(text);
}

/** Whether `output` is within `tolerance` of `expected` (a fraction of it when `relative`). */
export function withinTolerance(output: number, expected: number, tolerance: number, relative: boolean): boolean {
  const allowed = relative ? Math.abs(expected) * tolerance : tolerance;
  // A hair of slack for floating point (0.1 + 0.2 is within 0.3 of 0.6).
  return Math.abs(output - expected) <= allowed + 1e-9 * Math.max(1, Math.abs(expected));
}
