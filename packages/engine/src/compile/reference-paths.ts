import { Liquid } from 'liquidjs';
import { compileExpression } from '../expressions/jsonata';

/**
 * The variable paths a text reads from the scope it is evaluated against (`input.company.name` is
 * `['input', 'company', 'name']`), found from its syntax tree, for the checks a save makes: the first
 * segment is the root name; a segment computed at run time (`steps[input.key]`) is null, and nothing
 * after it is known.
 */
export type Segment = string | number | null;
export type ReferencePath = [string, ...Segment[]];

// Only parsed, never rendered: no file system (`{% render %}` finds nothing and the text is skipped).
const liquid = new Liquid({ templates: {} });

/**
 * The global variables of a Liquid template. liquidjs's static analysis leaves out the template's
 * own names (`assign`, `capture`, `for`, `tablerow`, `increment`, `forloop`). A text it cannot parse
 * yields nothing: its syntax error is reported on its own.
 */
export function templatePaths(text: string): ReferencePath[] {
  if (!text.includes('{{') && !text.includes('{%')) return [];
  let found: ReturnType<Liquid['globalVariableSegmentsSync']>;
  try {
    found = liquid.globalVariableSegmentsSync(text, { partials: false });
  } catch {
    return [];
  }
  const paths: ReferencePath[] = [];
  for (const segments of found) {
    const [root, ...rest] = segments;
    if (typeof root !== 'string') continue;
    paths.push([root, ...rest.map((segment) => (typeof segment === 'string' || typeof segment === 'number' ? segment : null))]);
  }
  return paths;
}

interface Node {
  type?: string;
  value?: unknown;
  steps?: Node[];
  stages?: Node[];
  expressions?: Node[];
  expression?: Node;
  arguments?: Node[];
  lhs?: Node | Node[][];
  rhs?: Node;
  condition?: Node;
  then?: Node;
  else?: Node;
}

/**
 * The paths of a JSONata expression evaluated against its top-level context (the scope): a path's
 * first step, as far as it is a name. Names evaluated against another context are left out, as it
 * is not known what they read: later steps of a path, predicates (`rows[price > 10]`), sort terms,
 * group-by objects, lambda bodies, the right of `~>`, transforms; `$variables` are not names. A text
 * that does not compile yields nothing: its syntax error is reported on its own.
 */
export function expressionPaths(text: string): ReferencePath[] {
  let ast: Node;
  try {
    ast = compileExpression(text, '(check)').ast() as Node;
  } catch {
    return [];
  }
  const paths: ReferencePath[] = [];
  collectTopLevel(ast, paths);
  return paths;
}

function collectTopLevel(node: Node | undefined, paths: ReferencePath[]): void {
  if (!node || typeof node !== 'object') return;
  const visit = (child: Node | undefined) => collectTopLevel(child, paths);
  switch (node.type) {
    case 'path': {
      const [first, ...rest] = node.steps ?? [];
      if (first?.type === 'name' && typeof first.value === 'string')
        paths.push([first.value, ...(indexesOnly(first) ? pathSegments(rest) : [null])]);
      // A path starting with a block or a function call evaluates that against the context.
      else if (first?.type !== 'variable') visit(first);
      return;
    }
    case 'name':
      if (typeof node.value === 'string') paths.push([node.value]);
      return;
    case 'binary':
      visit(node.lhs as Node);
      visit(node.rhs);
      return;
    case 'unary':
      if (node.value === '{' && Array.isArray(node.lhs)) for (const pair of node.lhs as Node[][]) pair.forEach(visit);
      else if (node.value === '[') node.expressions?.forEach(visit);
      else visit(node.expression);
      return;
    case 'condition':
      visit(node.condition);
      visit(node.then);
      visit(node.else);
      return;
    case 'block':
      node.expressions?.forEach(visit);
      return;
    case 'function':
    case 'partial':
      // Arguments are evaluated against the context; a lambda argument is not (its body runs later).
      node.arguments?.forEach(visit);
      return;
    case 'bind':
      visit(node.rhs);
      return;
    case 'apply':
      visit(node.lhs as Node);
      return;
    default:
      return;
  }
}

/**
 * The names after a path's head, up to the first step that is not a plain name. A step that filters
 * (`rows[price > 10]`, `rows[0]`) reads the same fields as without it, as JSONata maps paths over
 * lists; only a name filtered by other than a predicate or index (`output["rows"]`) ends what is known.
 */
function pathSegments(steps: Node[]): Segment[] {
  const segments: Segment[] = [];
  for (const step of steps) {
    if (step.type !== 'name' || typeof step.value !== 'string') {
      segments.push(null);
      break;
    }
    segments.push(step.value);
    if (!filtersOnly(step)) {
      segments.push(null);
      break;
    }
  }
  return segments;
}

/** Whether a step's stages are filters that are not string literals (a string in brackets is no field access in JSONata). */
function filtersOnly(step: Node): boolean {
  return (step.stages ?? []).every((stage) => stage.type === 'filter' && (stage as { expr?: Node }).expr?.type !== 'string');
}

/** The head `steps["a"]`: a string in brackets, which says nothing about the fields after it. */
function indexesOnly(step: Node): boolean {
  return (step.stages ?? []).length === 0;
}
