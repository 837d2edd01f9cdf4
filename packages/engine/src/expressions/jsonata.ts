import { AssayError } from '@assay/schema';
import jsonata from 'jsonata';
import { runIsolated } from '../isolation/isolate-pool';
import { isolateFailure } from '../isolation/isolate-failure';
import { siblingModule } from '../isolation/sibling-module';
import { expressionShape, type ExpressionShape } from './jsonata-ast';
import { limits, MAIN_THREAD_SLICE, MAX_EXPRESSION_DEPTH } from './limits';

type Expression = ReturnType<typeof jsonata>;

interface Compiled {
  /** Evaluates on the main thread within the slice (JSONata's own guardrails stop it otherwise). */
  main: Expression;
  shape: ExpressionShape;
}

const compiled = new Map<string, Compiled>();
const MAX_CACHED = 10_000;

/** A JSONata failure: `code` (e.g. D1012), message, and where in the text. */
interface JsonataFailure {
  code?: string;
  name?: string;
  message?: string;
  position?: number;
}

/** The message of a JSONata error, with its position in the text. */
export function describeJsonataError(error: unknown): string {
  const e = error as JsonataFailure;
  return e.position === undefined ? String(e.message ?? error) : `${e.message} (at character ${e.position})`;
}

function compile(text: string, path: string): Compiled {
  let entry = compiled.get(text);
  if (!entry) {
    let main: Expression;
    try {
      main = jsonata(text, { stack: MAX_EXPRESSION_DEPTH, sequence: MAIN_THREAD_SLICE.maxItems } as unknown as Parameters<
        typeof jsonata
      >[1]);
    } catch (error) {
      const message = `invalid JSONata: ${describeJsonataError(error)}`;
      throw new AssayError('invalid_input', `${path}: ${message}`, { details: [{ path, message }] });
    }
    main.assign(EVALUATE_ENTRY as unknown as string, countStep);
    entry = { main, shape: expressionShape(main.ast()) };
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, entry);
  }
  return entry;
}

/** Compiles (and caches) a JSONata expression; throws an `invalid_input` error naming `path`. */
export function compileExpression(text: string, path: string): Expression {
  return compile(text, path).main;
}

/** JSONata calls this before evaluating each node of the syntax tree. */
const EVALUATE_ENTRY = Symbol.for('jsonata.__evaluate_entry');
/** Thrown (as JSONata throws its own errors) when an evaluation used up the main thread's steps. */
const OUT_OF_STEPS = 'ASSAY_SLICE';

/** Counts the steps of one evaluation (on its own environment, so concurrent evaluations do not mix). */
function countStep(_node: unknown, _input: unknown, environment: { base: { assaySteps?: number } }): void {
  const base = environment.base;
  base.assaySteps = (base.assaySteps ?? 0) + 1;
  if (base.assaySteps > MAIN_THREAD_SLICE.jsonataSteps)
    throw { code: OUT_OF_STEPS, message: 'evaluation steps of the main thread used up' };
}

/** JSONata stopped the evaluation because it outgrew the main thread's slice (steps or sequence size). */
function outgrewSlice(error: unknown): boolean {
  const code = (error as JsonataFailure).code;
  return code === OUT_OF_STEPS || code === 'D2015';
}

/** What an isolated evaluation returns: the value as JSON, or JSONata's failure. */
export type IsolatedEvaluation =
  | { ok: true; json: string | undefined }
  | { ok: false; code: string | undefined; name: string | undefined; message: string; tooLarge?: number };

const ISOLATED = siblingModule(import.meta.url, './isolated');

/**
 * Evaluates a JSONata expression over `scope`; evaluation errors are non-retryable step errors.
 *
 * The main thread evaluates it when it can do so briefly: expressions that could spend unbounded time
 * inside one native call (regular expressions, `$eval`, `$pad`, …) and any evaluation that outgrows
 * the main thread's slice (a count of evaluation steps, and of sequence items) go to an isolate, a worker thread with a hard time, memory and size limit
 * that is terminated when the limit passes. So no expression keeps the server from answering.
 */
export async function evaluateExpression(
  text: string,
  scope: object,
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const { main, shape } = compile(text, path);
  if (shape.isolate === null) {
    try {
      return await main.evaluate(scope);
    } catch (error) {
      if (!outgrewSlice(error)) throw evaluationError(error, path);
    }
  }
  return evaluateIsolated(text, narrowScope(scope, shape), path, options.signal);
}

async function evaluateIsolated(text: string, scope: object, path: string, signal: AbortSignal | undefined): Promise<unknown> {
  const { timeoutMs, maxItems, maxOutputBytes } = limits();
  let result: IsolatedEvaluation;
  try {
    result = await runIsolated<IsolatedEvaluation>(
      { module: ISOLATED, exportName: 'evaluateJsonata', input: { text, scope, timeoutMs, maxItems, maxOutputBytes } },
      { timeoutMs, signal },
    );
  } catch (error) {
    throw isolateFailure(error, { path, what: 'the expression' });
  }
  if (result.ok) return result.json === undefined ? undefined : JSON.parse(result.json);
  throw evaluationError({ code: result.code, name: result.name, message: result.message }, path, result.tooLarge);
}

/** Only the earlier steps the expression reads are copied into the isolate. */
function narrowScope(scope: object, shape: ExpressionShape): object {
  const all = scope as Record<string, unknown>;
  const steps = all.steps as Record<string, unknown> | undefined;
  if (shape.steps === null || steps === undefined || typeof steps !== 'object') return scope;
  const picked: Record<string, unknown> = {};
  for (const id of shape.steps) if (id in steps) picked[id] = steps[id];
  return { ...all, steps: picked };
}

/** Maps a JSONata failure to the step's error, naming the limit when one was hit. */
export function evaluationError(error: unknown, path: string, tooLarge?: number): AssayError {
  const { timeoutMs, maxItems, maxOutputBytes } = limits();
  const code = (error as JsonataFailure).code;
  const fail = (errorCode: 'limit_exceeded' | 'output_too_large' | 'step_failed', message: string) =>
    new AssayError(errorCode, `${path}: ${message}`, { details: [{ path, message }] });
  if (tooLarge !== undefined)
    return fail(
      'output_too_large',
      `the expression's value is ${tooLarge.toLocaleString('en-US')} bytes or more, over the limit of ${maxOutputBytes.toLocaleString('en-US')} bytes (ASSAY_MAX_OUTPUT_BYTES)`,
    );
  if (code === 'D1012')
    return fail('limit_exceeded', `the expression ran longer than its time limit of ${timeoutMs} ms (ASSAY_EXPRESSION_TIMEOUT_MS)`);
  if (code === 'D2015')
    return fail(
      'limit_exceeded',
      `the expression built a sequence of more than ${maxItems.toLocaleString('en-US')} items (ASSAY_EXPRESSION_MAX_ITEMS)`,
    );
  if (code === 'D2014') return fail('limit_exceeded', describeJsonataError(error));
  if (code === 'D1011')
    return fail('limit_exceeded', `the expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels (too much recursion)`);
  if ((error as JsonataFailure).name === 'RangeError')
    return fail('limit_exceeded', `the expression ran out of room: ${(error as JsonataFailure).message}`);
  return fail('step_failed', describeJsonataError(error));
}
