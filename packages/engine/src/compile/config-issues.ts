import type { ErrorDetail } from '@assay/schema';
import type { z } from 'zod';
import { isTemplate } from '../expressions/templates';

/**
 * Validates a step's raw `with` against its config schema at save time. A field holding a template
 * can only be checked once it is resolved at run time, so issues at (or inside) a template are ignored.
 */
export function configIssues(schema: z.ZodType, config: Record<string, unknown>, path: string): ErrorDetail[] {
  const result = schema.safeParse(config);
  if (result.success) return [];
  return result.error.issues
    .filter((issue) => !insideTemplate(config, issue.path))
    .map((issue) => ({ path: joinPath(path, issue.path), message: issue.message }));
}

function insideTemplate(root: unknown, path: readonly PropertyKey[]): boolean {
  let value = root;
  for (const key of path) {
    if (typeof value === 'string') break;
    if (value === null || typeof value !== 'object') return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return typeof value === 'string' && isTemplate(value);
}

/** Joins a base path and zod issue path segments into `a.b[0].c`. */
export function joinPath(base: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), base);
}
