/**
 * What the main thread needs to know about a JSONata expression before evaluating it: whether it can
 * do unbounded work inside one native call (where no time check can reach), and which earlier steps'
 * outputs it reads (so an isolated evaluation copies only those into its worker).
 */

/**
 * Built-in functions one call of which can run far longer, or allocate far more, than the data it
 * is given: `$eval` runs text as an expression (any of these), `$pad` allocates its width whatever
 * its input, `$match`/`$replace` run regular expressions or build their output in one loop,
 * `$distinct` is quadratic and `$sort` (without a comparator) sorts in one pass no check reaches.
 */
const UNBOUNDED_FUNCTIONS = new Set(['eval', 'pad', 'match', 'replace', 'distinct', 'sort']);

interface Node {
  type?: string;
  value?: unknown;
  steps?: Node[];
}

/** The outcome of reading an expression's syntax tree. */
export interface ExpressionShape {
  /** Why it must be evaluated in an isolate, or null when the main thread may try it. */
  isolate: string | null;
  /** The step ids whose outputs it reads via `steps.<id>`, or null when it may read any. */
  steps: Set<string> | null;
}

/** Reads a compiled expression's syntax tree (`expression.ast()`). */
export function expressionShape(ast: unknown): ExpressionShape {
  let isolate: string | null = null;
  let steps: Set<string> | null = new Set();
  const heads = new WeakSet<object>();
  const seen = new WeakSet<object>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as Node;
    if (node.type === 'regex') isolate ??= 'it uses a regular expression';
    if (node.type === 'variable' && typeof node.value === 'string') {
      if (UNBOUNDED_FUNCTIONS.has(node.value)) isolate ??= `it calls $${node.value}`;
      // `$` and `$$` at the top reach the whole scope.
      if (node.value === '' || node.value === '$') steps = null;
    }
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const [head, next] = node.steps;
      if (head?.type === 'name' && head.value === 'steps') {
        heads.add(head);
        if (next?.type === 'name' && typeof next.value === 'string') steps?.add(next.value);
        else steps = null;
      }
    }
    // `steps` anywhere but at the head of `steps.<id>` (e.g. `$keys(steps)`): assume every step.
    if (node.type === 'name' && node.value === 'steps' && !heads.has(node)) steps = null;
    for (const child of Object.values(node)) visit(child);
  };
  visit(ast);
  return { isolate, steps };
}
