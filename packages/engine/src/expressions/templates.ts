import { AssayError } from '@assay/schema';
import { Liquid, type Template } from 'liquidjs';

/**
 * Liquid text templates over `{ input, steps, run, workflow }`. Strict: an undefined reference is an
 * error that names it, so a typo never silently renders as an empty string.
 */
const liquid = new Liquid({
  strictVariables: true,
  strictFilters: true,
  // Objects interpolated into text render as JSON rather than "[object Object]".
  outputEscape: (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)),
});

/** `{{ expr }}` and nothing else: such a string yields the referenced value with its type. */
const EXACT_EXPRESSION = /^\{\{\s*([^{}]+?)\s*\}\}$/;

// Templates are immutable text; parsing once per distinct string keeps per-step overhead low.
const parsed = new Map<string, Template[]>();
const MAX_CACHED = 10_000;

/** True when the string contains Liquid markup and must be rendered. */
export function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

function parse(text: string): Template[] {
  let templates = parsed.get(text);
  if (!templates) {
    templates = liquid.parse(text);
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(text, templates);
  }
  return templates;
}

function templateError(error: unknown, path: string): AssayError {
  const message = error instanceof Error ? error.message.replace(/, line:\d+, col:\d+$/, '') : String(error);
  return new AssayError('template_error', `${path}: ${message}`, { details: [{ path, message }], cause: error });
}

/** Renders one string. An exact `{{ expr }}` keeps the value's type (object, number, list). */
export function renderTemplate(text: string, scope: object, path = 'template'): unknown {
  if (!isTemplate(text)) return text;
  try {
    const exact = EXACT_EXPRESSION.exec(text);
    if (exact?.[1]) return liquid.evalValueSync(exact[1], scope as Record<string, unknown>);
    return liquid.renderSync(parse(text), scope as Record<string, unknown>) as string;
  } catch (error) {
    throw templateError(error, path);
  }
}

/** Checks that a string parses as a Liquid template; returns the parser's message if not. */
export function templateSyntaxError(text: string): string | null {
  if (!isTemplate(text)) return null;
  try {
    parse(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Resolves every string in a config value (objects and lists walked recursively). Keys listed in
 * `rawKeys` at the top level hold JSONata or other verbatim text and are passed through unchanged.
 */
export function resolveTemplates(value: unknown, scope: object, path: string, rawKeys: readonly string[] = []): unknown {
  if (typeof value === 'string') return renderTemplate(value, scope, path);
  if (Array.isArray(value)) return value.map((item, i) => resolveTemplates(item, scope, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = rawKeys.includes(key) ? item : resolveTemplates(item, scope, `${path}.${key}`);
    }
    return out;
  }
  return value;
}
