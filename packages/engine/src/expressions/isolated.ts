/**
 * The isolate's side of expressions and templates: loaded by a worker thread of the isolate pool
 * (never on the main thread). Each function evaluates under the full limits and reports failures as
 * values, and sends its result back as JSON only when it fits the output limit — an over-large
 * result is dropped here, before it reaches the main thread's memory.
 */
import jsonata from 'jsonata';
import { jsonSize } from '../execution/json-size';
import { threadCpuBudget } from '../isolation/cpu-budget';
import type { IsolatedEvaluation } from './jsonata';
import { MAX_EXPRESSION_DEPTH } from './limits';
import { hitRenderBudget, renderWithin, type IsolatedRendering } from './templates';

interface Limits {
  timeoutMs: number;
  maxOutputBytes: number;
}

function toJson(value: unknown, maxOutputBytes: number): { json: string | undefined } | { tooLarge: number } {
  const size = jsonSize(value, maxOutputBytes);
  if (size > maxOutputBytes) return { tooLarge: size };
  try {
    return { json: JSON.stringify(value) };
  } catch (error) {
    // Nested too deeply to serialize: the value could not be stored either.
    throw new Error(`the value cannot be stored as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** JSONata's own timeout error (what its `timeout` option throws): `evaluationError` names the limit. */
const JSONATA_TIMEOUT = 'D1012';

/**
 * Evaluates a JSONata expression with the full time, sequence and depth limits. The time limit counts
 * this thread's CPU time (see cpu-budget.ts): JSONata's `timeout` option counts the wall clock, so the
 * check is JSONata's per-step hook instead.
 */
export async function evaluateJsonata(input: Limits & { text: string; scope: object; maxItems: number }): Promise<IsolatedEvaluation> {
  try {
    const expression = jsonata(input.text, {
      stack: MAX_EXPRESSION_DEPTH,
      sequence: input.maxItems,
    } as unknown as Parameters<typeof jsonata>[1]);
    const overBudget = threadCpuBudget(input.timeoutMs);
    expression.assign(Symbol.for('jsonata.__evaluate_entry') as unknown as string, () => {
      if (overBudget()) throw { code: JSONATA_TIMEOUT, message: `evaluation used more than ${input.timeoutMs} ms of CPU time` };
    });
    const out = toJson(await expression.evaluate(input.scope), input.maxOutputBytes);
    return 'json' in out
      ? { ok: true, json: out.json }
      : { ok: false, code: undefined, name: undefined, message: 'too large', tooLarge: out.tooLarge };
  } catch (error) {
    const e = error as { code?: string; name?: string; message?: string; position?: number };
    const message = e.position === undefined ? String(e.message ?? error) : `${e.message} (at character ${e.position})`;
    return { ok: false, code: e.code, name: e.name, message };
  }
}

/** Renders a Liquid template with the full time (this thread's CPU time) and allocation limits. */
export function renderLiquid(input: Limits & { text: string; scope: object }): IsolatedRendering {
  try {
    const out = toJson(
      renderWithin(input.text, input.scope, {
        renderLimit: input.timeoutMs,
        memoryLimit: input.maxOutputBytes * 4,
        overTime: threadCpuBudget(input.timeoutMs),
      }),
      input.maxOutputBytes,
    );
    return 'json' in out ? { ok: true, json: out.json } : { ok: false, budget: null, message: 'too large', tooLarge: out.tooLarge };
  } catch (error) {
    return { ok: false, budget: hitRenderBudget(error), message: error instanceof Error ? error.message : String(error) };
  }
}
