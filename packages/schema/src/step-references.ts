import { ExpressionLexer, type Token } from './expression-lexer';
import { templateCodeRegions, type Region } from './template-regions';

/**
 * The one grammar of `steps.<id>` and `input.<name>` references, shared by the engine (implicit
 * dependencies, validation) and the editor (drawn edges, renaming a step).
 *
 * A reference is the name `steps` (or `input`), not itself a property of something (`item.steps`,
 * `$steps`), followed by `.id`, `` .`id` ``, `["id"]` or `['id']`. It counts only where it is code:
 * in a Liquid template inside `{{ … }}` or `{% … %}`; in a JSONata expression (or a code step's
 * JavaScript) anywhere but in string literals and comments.
 */

/**
 * How a text is read: a Liquid template, a JSONata expression, or a code step's JavaScript. The last
 * two are code throughout and read alike; they differ in how a renamed id that is no plain name is written.
 */
export type ReferenceSyntax = 'template' | 'expression' | 'script';

export interface ExpressionReference {
  root: 'steps' | 'input';
  name: string;
  /** How it is written: `steps.id`, `` steps.`id` `` or `steps["id"]` / `steps['id']`. */
  form: 'dot' | 'backtick' | 'bracket';
  /** Where the access starts (its `.` or `[`) and where the name itself (without quotes) is. */
  accessStart: number;
  nameStart: number;
  nameEnd: number;
}

export interface ReferenceScan {
  references: ExpressionReference[];
  /** `steps` is used other than as `steps.<id>` (a loop over it, a computed key): any step may be read. */
  readsAnySteps: boolean;
}

/** A step id after `steps.`: its characters, but not ending in `-` (so `{{ steps.a-}}` is `a`). */
const DOTTED_STEP_ID = /[A-Za-z0-9_-]*[A-Za-z0-9_]/y;
const DOTTED_INPUT_NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const DOTTED_NAME = { steps: DOTTED_STEP_ID, input: DOTTED_INPUT_NAME } as const;
/** What may follow a dot in each syntax when a reference is renamed (JSONata and JavaScript read `a-b` as a subtraction). */
const WRITABLE_AFTER_DOT: Record<ReferenceSyntax, RegExp> = {
  template: new RegExp(`^${DOTTED_STEP_ID.source}$`),
  expression: /^[A-Za-z_][A-Za-z0-9_]*$/,
  script: /^[A-Za-z_][A-Za-z0-9_]*$/,
};
/** How a renamed id that cannot follow a dot is written instead, in each syntax. */
const WITHOUT_DOT: Record<ReferenceSyntax, (id: string) => string> = {
  template: (id) => `["${id}"]`,
  expression: (id) => `.\`${id}\``,
  script: (id) => `["${id}"]`,
};

/** The regions of `text` that are code under `syntax`. */
function codeRegions(text: string, syntax: ReferenceSyntax): Region[] {
  return syntax === 'template' ? templateCodeRegions(text) : [{ start: 0, end: text.length }];
}

export function scanReferences(text: string, syntax: ReferenceSyntax): ReferenceScan {
  const scan: ReferenceScan = { references: [], readsAnySteps: false };
  for (const region of codeRegions(text, syntax)) scanRegion(text, region, syntax, scan);
  return scan;
}

function scanRegion(text: string, region: Region, syntax: ReferenceSyntax, scan: ReferenceScan): void {
  const lexer = new ExpressionLexer(text, region.start, region.end, syntax === 'script');
  let previous: Token | null = null;
  for (let token = lexer.next(); token; previous = token, token = lexer.next()) {
    const isRoot = token.kind === 'name' && (token.text === 'steps' || token.text === 'input');
    if (!isRoot || previous?.text === '.') continue;
    const root = token.text as 'steps' | 'input';
    const reference = readAccess(lexer, root);
    if (reference) scan.references.push(reference);
    else if (root === 'steps') scan.readsAnySteps = true;
  }
}

/** Reads `.id`, `` .`id` `` or `["id"]` after a root; rewinds and returns null when something else follows. */
function readAccess(lexer: ExpressionLexer, root: 'steps' | 'input'): ExpressionReference | null {
  const mark = lexer.mark();
  const access = lexer.next();
  if (access?.text === '.') {
    const dotted = lexer.readName(DOTTED_NAME[root]);
    if (dotted) return { root, name: dotted.text, form: 'dot', accessStart: access.start, nameStart: dotted.start, nameEnd: dotted.end };
    const quoted = lexer.next();
    if (quoted?.kind === 'backtick' && quoted.text.length > 2 && quoted.text.endsWith('`')) {
      return {
        root,
        name: quoted.text.slice(1, -1),
        form: 'backtick',
        accessStart: access.start,
        nameStart: quoted.start + 1,
        nameEnd: quoted.end - 1,
      };
    }
  } else if (access?.text === '[') {
    const key = lexer.next();
    const close = lexer.next();
    if (key?.kind === 'string' && key.text.length > 2 && key.text.endsWith(key.text[0]!) && close?.text === ']') {
      return {
        root,
        name: key.text.slice(1, -1),
        form: 'bracket',
        accessStart: access.start,
        nameStart: key.start + 1,
        nameEnd: key.end - 1,
      };
    }
  }
  lexer.rewind(mark);
  return null;
}

/** The step ids and input names a text references. */
export function referencedNames(text: string, syntax: ReferenceSyntax): { steps: Set<string>; inputs: Set<string> } {
  const found = { steps: new Set<string>(), inputs: new Set<string>() };
  for (const reference of scanReferences(text, syntax).references)
    (reference.root === 'steps' ? found.steps : found.inputs).add(reference.name);
  return found;
}

/**
 * Renames step `from` to `to` in every reference to it, keeping the form written (a bracket stays a
 * bracket). `steps.fetch-2` is not a reference to `fetch`, nor is `"steps.fetch"` in a string. An id
 * the syntax cannot write after a dot (`a-` in a template, `a-b` in JSONata or JavaScript) is written
 * `["to"]`, or `` .`to` `` in JSONata.
 */
export function renameStepReferences(text: string, syntax: ReferenceSyntax, from: string, to: string): string {
  const edits = scanReferences(text, syntax).references.filter((reference) => reference.root === 'steps' && reference.name === from);
  if (edits.length === 0) return text;
  const dottable = WRITABLE_AFTER_DOT[syntax].test(to);
  let out = '';
  let copied = 0;
  for (const reference of edits) {
    if (reference.form !== 'dot' || dottable) {
      out += text.slice(copied, reference.nameStart) + to;
    } else {
      out += text.slice(copied, reference.accessStart) + WITHOUT_DOT[syntax](to);
    }
    copied = reference.nameEnd;
  }
  return out + text.slice(copied);
}
