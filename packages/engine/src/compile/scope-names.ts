import { stepReferenceTexts, type ErrorDetail, type ReferenceText, type StepDefinition } from '@assay/schema';
import type { StepType } from '../step-type';
import { suggestion } from './closest-name';
import { expressionPaths, templatePaths, type ReferencePath } from './reference-paths';

/** The names of a run's scope (`execution/run-scope.ts`), which every template and expression of a step sees. */
export const RUN_ROOTS: readonly string[] = ['input', 'steps', 'run', 'workflow', 'assay', 'trigger'];

/** What an agent's tool step sees besides its agent's scope: the model's arguments (`ai/agent.ts`). */
export const TOOL_SCOPE: readonly string[] = ['args'];

/**
 * The texts of a step evaluated against its scope, with their paths relative to the step: its `if`,
 * its templates, and the expression keys its type evaluates over the scope. A code step's JavaScript
 * is not read here.
 */
export function scopeTexts(step: StepDefinition, type: StepType): ReferenceText[] {
  // A step type that does not say which keys read the scope only loses the check (never refuses a valid workflow).
  const scoped = type.scopeExpressionKeys ?? [];
  return stepReferenceTexts(step, type).filter(
    (text) =>
      text.syntax === 'template' ||
      (text.syntax === 'expression' && (text.path === 'if' || scoped.some((key) => text.path === `with.${key}`))),
  );
}

/** The variable paths a text reads from its scope. */
export function textPaths(text: ReferenceText): ReferencePath[] {
  if (text.syntax === 'template') return templatePaths(text.text);
  if (text.syntax === 'expression') return expressionPaths(text.text);
  return [];
}

/** What a text may name: the scope's roots, and (for suggestions) the steps and inputs behind `steps.` and `input.`. */
export interface ScopeNames {
  roots: ReadonlySet<string>;
  steps: ReadonlySet<string>;
  inputs: ReadonlySet<string>;
}

/** An error at each text's path for each root name its scope does not hold, with the closest known name. */
export function unknownRootIssues(texts: readonly ReferenceText[], names: ScopeNames): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  for (const text of texts) {
    const reported = new Set<string>();
    for (const [root] of textPaths(text)) {
      if (names.roots.has(root) || reported.has(root)) continue;
      reported.add(root);
      issues.push({ path: text.path, message: `unknown variable "${root}"${rootSuggestion(root, names)}` });
    }
  }
  return issues;
}

/** A step or an input named without its root (`lookup.output`) is meant as `steps.lookup`; otherwise the closest name. */
function rootSuggestion(root: string, names: ScopeNames): string {
  if (names.steps.has(root)) return ` (did you mean "steps.${root}"?)`;
  if (names.inputs.has(root)) return ` (did you mean "input.${root}"?)`;
  // The scope's own names first: they win a tie.
  const known = new Map<string, string>();
  for (const name of names.roots) known.set(name, name);
  for (const name of names.inputs) if (!known.has(name)) known.set(name, `input.${name}`);
  for (const id of names.steps) if (!known.has(id)) known.set(id, `steps.${id}`);
  return suggestion(root, known.keys(), (name) => known.get(name) ?? name);
}
