import { AssayError } from '@assay/schema';
import jsonata from 'jsonata';

type Expression = ReturnType<typeof jsonata>;
const compiled = new Map<string, Expression>();
const MAX_CACHED = 10_000;

interface JsonataFailure {
  message: string;
  position?: number;
}

function describe(error: unknown): string {
  const e = error as JsonataFailure;
  return e.position === undefined ? String(e.message ?? error) : `${e.message} (at character ${e.position})`;
}

/** Compiles (and caches) a JSONata expression; throws an `invalid_input` error naming `path`. */
export function compileExpression(text: string, path: string): Expression {
  let expression = compiled.get(text);
  if (!expression) {
    try {
      expression = jsonata(text);
    } catch (error) {
      const message = `invalid JSONata: ${describe(error)}`;
      throw new AssayError('invalid_input', `${path}: ${message}`, { details: [{ path, message }] });
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, expression);
  }
  return expression;
}

/** Evaluates a JSONata expression over `scope`; evaluation errors are non-retryable step errors. */
export async function evaluateExpression(text: string, scope: object, path: string): Promise<unknown> {
  const expression = compileExpression(text, path);
  try {
    return await expression.evaluate(scope);
  } catch (error) {
    const message = describe(error);
    throw new AssayError('step_failed', `${path}: ${message}`, { details: [{ path, message }] });
  }
}
