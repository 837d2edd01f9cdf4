import { isTemplateText } from './template-regions';
import { referencedNames, renameStepReferences, type ReferenceSyntax } from './step-references';

/**
 * Which texts of a step hold references, and in which syntax: the one walk both the engine (its
 * implicit dependencies and checks) and the editor (its inferred edges, renaming) make over a step.
 */

/** What a step type says about its `with` (as the engine's step type and `GET /v1/step-types` do). */
export interface StepSyntax {
  /** Keys holding JSONata expressions (strings); other values under them are data. */
  expressionKeys?: readonly string[];
  /** Keys passed through verbatim (a code step's JavaScript): read as code, never rendered. */
  verbatimKeys?: readonly string[];
  /** The key holding a sub-graph: a list of steps whose references to this level count for this step. */
  subgraphKey?: string;
}

/** A step type's syntax by type name; undefined when the type is not known. */
export type StepSyntaxOf = (type: string) => StepSyntax | undefined;

/** A step as far as references go (a definition's, or one as the editor holds it). */
export interface ReferencingStep {
  id: string;
  type: string;
  with?: Record<string, unknown>;
  if?: string;
}

export interface ReferenceText {
  /** Where the text is, relative to the step (`with.url`, `with.headers[0]`, `if`). */
  path: string;
  text: string;
  syntax: ReferenceSyntax;
}

type TextMapper = (text: string, syntax: ReferenceSyntax, path: string) => string;

/**
 * Rebuilds a step's `with` and `if` with every text that may reference mapped, except its sub-graph.
 * Without the type's syntax (an unknown type) a text with Liquid markup is taken as a template, any
 * other as an expression: the engine rejects the step anyway, and the editor still shows what it
 * probably means.
 */
function mapStepTexts(step: ReferencingStep, syntax: StepSyntax | undefined, map: TextMapper): Pick<ReferencingStep, 'with' | 'if'> {
  const config =
    step.with === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(step.with).map(([key, value]) => {
            const path = `with.${key}`;
            if (key === syntax?.subgraphKey) return [key, value];
            if (!syntax)
              return [key, mapTemplateTexts(value, path, (text, at) => map(text, isTemplateText(text) ? 'template' : 'expression', at))];
            const code = syntax.expressionKeys?.includes(key) ? 'expression' : syntax.verbatimKeys?.includes(key) ? 'script' : null;
            if (code === null) return [key, mapTemplateTexts(value, path, (text, at) => map(text, 'template', at))];
            return [key, typeof value === 'string' ? map(value, code, path) : value];
          }),
        );
  return { ...(config ? { with: config } : {}), ...(step.if !== undefined ? { if: map(step.if, 'expression', 'if') } : {}) };
}

/** Every string in `value` (walked recursively) mapped, as the engine renders each one as a template. */
export function mapTemplateTexts(value: unknown, path: string, map: (text: string, path: string) => string): unknown {
  if (typeof value === 'string') return map(value, path);
  if (Array.isArray(value)) return value.map((item, i) => mapTemplateTexts(item, `${path}[${i}]`, map));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapTemplateTexts(item, `${path}.${key}`, map)]));
  return value;
}

/** The texts of a step that may reference other steps or inputs (its sub-graph aside), with their syntax. */
export function stepReferenceTexts(step: ReferencingStep, syntax: StepSyntax | undefined): ReferenceText[] {
  const texts: ReferenceText[] = [];
  mapStepTexts(step, syntax, (text, textSyntax, path) => {
    texts.push({ path, text, syntax: textSyntax });
    return text;
  });
  return texts;
}

/** The steps of a sub-graph, as far as they look like steps (the engine validates them). */
function subgraphSteps(step: ReferencingStep, syntax: StepSyntax | undefined): ReferencingStep[] {
  const value = syntax?.subgraphKey === undefined ? undefined : step.with?.[syntax.subgraphKey];
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is ReferencingStep =>
      item !== null && typeof item === 'object' && typeof item.id === 'string' && typeof item.type === 'string',
  );
}

/**
 * The step ids and input names a step references: from its config and condition, and from its
 * sub-graph those that are not the sub-graph's own steps (its steps run inside it, not before it).
 */
export function stepReferences(step: ReferencingStep, syntaxOf: StepSyntaxOf): { steps: Set<string>; inputs: Set<string> } {
  const found = { steps: new Set<string>(), inputs: new Set<string>() };
  const syntax = syntaxOf(step.type);
  for (const { text, syntax: textSyntax } of stepReferenceTexts(step, syntax)) {
    const names = referencedNames(text, textSyntax);
    names.steps.forEach((id) => found.steps.add(id));
    names.inputs.forEach((name) => found.inputs.add(name));
  }
  const inner = subgraphSteps(step, syntax);
  const innerIds = new Set(inner.map((s) => s.id));
  for (const innerStep of inner) {
    const names = stepReferences(innerStep, syntaxOf);
    names.steps.forEach((id) => innerIds.has(id) || found.steps.add(id));
    names.inputs.forEach((name) => found.inputs.add(name));
  }
  return found;
}

/** Renames step `from` to `to` in every reference of a step (and of its sub-graph, unless one of its own steps is `from`). */
export function renameInStep<T extends ReferencingStep>(step: T, syntaxOf: StepSyntaxOf, from: string, to: string): T {
  const syntax = syntaxOf(step.type);
  const renamed: T = { ...step, ...mapStepTexts(step, syntax, (text, textSyntax) => renameStepReferences(text, textSyntax, from, to)) };
  const inner = subgraphSteps(step, syntax);
  if (syntax?.subgraphKey !== undefined && inner.length > 0 && !inner.some((s) => s.id === from)) {
    const list = step.with![syntax.subgraphKey] as unknown[];
    const steps = list.map((item) =>
      inner.includes(item as ReferencingStep) ? renameInStep(item as ReferencingStep, syntaxOf, from, to) : item,
    );
    renamed.with = { ...renamed.with, [syntax.subgraphKey]: steps };
  }
  return renamed;
}

/** The texts of a value every string of which is a template (a workflow's `output`). */
export function templateReferenceTexts(value: unknown, path: string): ReferenceText[] {
  const texts: ReferenceText[] = [];
  mapTemplateTexts(value, path, (text, at) => {
    texts.push({ path: at, text, syntax: 'template' });
    return text;
  });
  return texts;
}
