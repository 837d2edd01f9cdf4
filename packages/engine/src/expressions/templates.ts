import { AssayError, scanReferences } from '@assay/schema';
import { Context, Liquid, type Template } from 'liquidjs';
import { runIsolated } from '../isolation/isolate-pool';
import { isolateFailure } from '../isolation/isolate-failure';
import { siblingModule } from '../isolation/sibling-module';
import { limits, MAIN_THREAD_SLICE } from './limits';

/**
 * Liquid text templates over `{ input, steps, run, workflow }`. Strict: an undefined reference is an
 * error that names it, so a typo never silently renders as an empty string.
 */
const liquid = new Liquid({
  strictVariables: true,
  strictFilters: true,
  // Objects interpolated into text render as JSON rather than "[object Object]".
  outputEscape: (value: unknown) =>
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value),
  // No file system: `{% include %}`, `{% render %}` and `{% layout %}` find nothing (by default they
  // read files relative to the working directory, which holds the data directory and its secret key).
  templates: {},
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

/** The budget one rendering gets: time (ms) and Liquid's allocation count (characters and items). */
export interface RenderBudget {
  /** On the wall clock, unless `overTime` is given. */
  renderLimit: number;
  memoryLimit: number;
  /** Whether the time is used up, on another clock (an isolate's CPU time, see cpu-budget.ts). */
  overTime?: () => boolean;
}

const MAIN_THREAD_BUDGET: RenderBudget = { renderLimit: MAIN_THREAD_SLICE.liquidMs, memoryLimit: MAIN_THREAD_SLICE.liquidMemory };

/** Renders one template string under `budget`; throws Liquid's errors as they are. */
export function renderWithin(text: string, scope: object, budget: RenderBudget): unknown {
  const { overTime } = budget;
  // Liquid checks its render limit with `check(now)` as it goes; this one reads the isolate's CPU clock.
  const limits = overTime ? { liquid, renderLimit: cpuRenderLimit(overTime) } : { liquid };
  const context = new Context(scope, liquid.options, { ...budget, sync: true }, limits);
  const exact = EXACT_EXPRESSION.exec(text);
  if (exact?.[1]) return liquid.evalValueSync(exact[1], context);
  return liquid.renderSync(parse(text), context) as string;
}

type RenderLimit = NonNullable<ConstructorParameters<typeof Context>[3]>['renderLimit'];

/** Liquid's render limit on another clock: its error has the message of Liquid's own. */
function cpuRenderLimit(overTime: () => boolean): RenderLimit {
  return {
    check: () => {
      if (overTime()) throw new Error('template render limit exceeded');
    },
  } as unknown as RenderLimit;
}

/** Liquid stopped the rendering because it hit a budget (time or allocation). */
export function hitRenderBudget(error: unknown): 'time' | 'memory' | null {
  const message = error instanceof Error ? error.message : '';
  if (message.includes('template render limit exceeded')) return 'time';
  if (message.includes('memory alloc limit exceeded')) return 'memory';
  return null;
}

function templateError(error: unknown, path: string): AssayError {
  const message = error instanceof Error ? error.message.replace(/, line:\d+, col:\d+$/, '') : String(error);
  return new AssayError('template_error', `${path}: ${message}`, { details: [{ path, message }], cause: error });
}

/** What an isolated rendering returns. */
export type IsolatedRendering =
  { ok: true; json: string | undefined } | { ok: false; budget: 'time' | 'memory' | null; message: string; tooLarge?: number };

const ISOLATED = siblingModule(import.meta.url, './isolated');

/** A template that outgrew the main thread's budget: it is rendered again in an isolate. */
class NeedsIsolate extends Error {}

/** Renders on the main thread within its budget; throws {@link NeedsIsolate} when that is not enough. */
function renderOnMain(text: string, scope: object, path: string): unknown {
  if (!isTemplate(text)) return text;
  try {
    return renderWithin(text, scope, MAIN_THREAD_BUDGET);
  } catch (error) {
    if (hitRenderBudget(error) === null) throw templateError(error, path);
    throw new NeedsIsolate();
  }
}

/**
 * Renders one string. An exact `{{ expr }}` keeps the value's type (object, number, list).
 *
 * The main thread renders within a small slice of time and allocation; a template that needs more
 * (a long loop, a large join) is rendered again in an isolate under the full limits, so no template
 * keeps the server from answering.
 */
export async function renderTemplate(
  text: string,
  scope: object,
  path = 'template',
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  try {
    return renderOnMain(text, scope, path);
  } catch (error) {
    if (!(error instanceof NeedsIsolate)) throw error;
  }
  return renderIsolated(text, scope, path, options.signal);
}

async function renderIsolated(text: string, scope: object, path: string, signal: AbortSignal | undefined): Promise<unknown> {
  const { timeoutMs, maxOutputBytes } = limits();
  let result: IsolatedRendering;
  try {
    result = await runIsolated<IsolatedRendering>(
      { module: ISOLATED, exportName: 'renderLiquid', input: { text, scope: narrowScope(text, scope), timeoutMs, maxOutputBytes } },
      { timeoutMs, signal },
    );
  } catch (error) {
    throw isolateFailure(error, { path, what: 'the template' });
  }
  if (result.ok) return result.json === undefined ? undefined : JSON.parse(result.json);
  const fail = (code: 'limit_exceeded' | 'output_too_large', message: string) =>
    new AssayError(code, `${path}: ${message}`, { details: [{ path, message }] });
  if (result.tooLarge !== undefined)
    throw fail(
      'output_too_large',
      `the template rendered ${result.tooLarge.toLocaleString('en-US')} bytes or more, over the limit of ${maxOutputBytes.toLocaleString('en-US')} bytes (ASSAY_MAX_OUTPUT_BYTES)`,
    );
  if (result.budget === 'time')
    throw fail('limit_exceeded', `the template ran longer than its time limit of ${timeoutMs} ms (ASSAY_EXPRESSION_TIMEOUT_MS)`);
  if (result.budget === 'memory')
    throw fail(
      'limit_exceeded',
      `the template allocated more than its limit of ${(maxOutputBytes * 4).toLocaleString('en-US')} characters and items (4 × ASSAY_MAX_OUTPUT_BYTES)`,
    );
  throw templateError(new Error(result.message), path);
}

/** Only the earlier steps a template names (`steps.x`, `steps["x"]`) are copied into the isolate. */
function narrowScope(text: string, scope: object): object {
  const all = scope as Record<string, unknown>;
  const steps = all.steps as Record<string, unknown> | undefined;
  if (steps === undefined || typeof steps !== 'object') return scope;
  const scan = scanReferences(text, 'template');
  // Any other use of `steps` (a loop over it, a computed key) may read every step.
  if (scan.readsAnySteps) return scope;
  const picked: Record<string, unknown> = {};
  for (const { root, name } of scan.references) if (root === 'steps' && name in steps) picked[name] = steps[name];
  return { ...all, steps: picked };
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
 * Everything is rendered on the main thread in one synchronous pass unless a template needs more.
 */
export async function resolveTemplates(
  value: unknown,
  scope: object,
  path: string,
  rawKeys: readonly string[] = [],
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  try {
    return walk(value, path, rawKeys, (text, at) => renderOnMain(text, scope, at));
  } catch (error) {
    if (!(error instanceof NeedsIsolate)) throw error;
  }
  // Some template outgrew the main thread: render string by string, isolating those that need it.
  return resolveEach(value, scope, path, rawKeys, options);
}

function walk(value: unknown, path: string, rawKeys: readonly string[], render: (text: string, path: string) => unknown): unknown {
  if (typeof value === 'string') return render(value, path);
  if (Array.isArray(value)) return value.map((item, i) => walk(item, `${path}[${i}]`, [], render));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = rawKeys.includes(key) ? item : walk(item, `${path}.${key}`, [], render);
    return out;
  }
  return value;
}

async function resolveEach(
  value: unknown,
  scope: object,
  path: string,
  rawKeys: readonly string[],
  options: { signal?: AbortSignal },
): Promise<unknown> {
  if (typeof value === 'string') return renderTemplate(value, scope, path, options);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) out.push(await resolveEach(value[i], scope, `${path}[${i}]`, [], options));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      out[key] = rawKeys.includes(key) ? item : await resolveEach(item, scope, `${path}.${key}`, [], options);
    return out;
  }
  return value;
}
