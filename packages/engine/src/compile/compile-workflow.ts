import {
  AssayError,
  referencedNames,
  StepDefinition,
  stepReferences,
  stepReferenceTexts,
  templateReferenceTexts,
  type ErrorDetail,
  type ReferenceText,
  type RetryPolicy,
  type StepSyntaxOf,
  type WorkflowDefinition,
} from '@assay/schema';
import { compileExpression } from '../expressions/jsonata';
import { isTemplate, templateSyntaxError } from '../expressions/templates';
import type { StepRegistry, StepType } from '../step-type';
import { suggestion } from './closest-name';
import { configIssues, joinPath } from './config-issues';
import { RUN_ROOTS, scopeTexts, TOOL_SCOPE, unknownRootIssues, type ScopeNames } from './scope-names';
import { z } from 'zod';

/** A step ready to schedule: its definition, type, all dependencies and effective policies. */
export interface CompiledStep {
  definition: StepDefinition;
  type: StepType;
  /** `needs` plus every step referenced from `with` and `if`. */
  dependencies: string[];
  retry: RetryPolicy;
}

/** A validated workflow: steps in topological order with their dependencies resolved. */
export interface CompiledWorkflow {
  definition: WorkflowDefinition;
  steps: Map<string, CompiledStep>;
  /** Step ids in a topological order (every step after all of its dependencies). */
  order: string[];
}

/** For sub-graphs: step ids of the enclosing graphs, which templates may reference too. */
export interface CompileOptions {
  outerSteps?: Set<string>;
  /** Compiling a sub-graph (a map's steps, an agent's tools): step types that must be top-level are refused. */
  nested?: boolean;
  /**
   * Also refuse a template or expression that names what its scope does not hold (`inptu.x`, a
   * half-typed `in`). Saves and `validate` check it; a definition loaded to run is not refused for
   * it, as versions saved before the check must keep running.
   */
  checkScope?: boolean;
  /** Names a sub-graph's scope holds besides the run's (a map's `item` and `index`, a tool's `args`). */
  scopeNames?: readonly string[];
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 1, backoff: 'exponential', initialDelayMs: 1000, maxDelayMs: 300_000 };

/**
 * Checks everything about a definition that its zod schema cannot: known step types, valid configs,
 * references to existing steps and declared inputs, JSONata and Liquid syntax, and cycles. Throws an
 * `invalid_input` AssayError whose details name every offending path.
 */
export function compileWorkflow(definition: WorkflowDefinition, registry: StepRegistry, options: CompileOptions = {}): CompiledWorkflow {
  const issues: ErrorDetail[] = [];
  const outer = options.outerSteps ?? new Set<string>();
  const ids = new Set<string>();
  definition.steps.forEach((step, i) => {
    if (ids.has(step.id)) issues.push({ path: `steps[${i}].id`, message: `duplicate step id "${step.id}"` });
    ids.add(step.id);
  });

  const names: ScopeNames | null = options.checkScope
    ? {
        roots: new Set([...RUN_ROOTS, ...(options.scopeNames ?? [])]),
        steps: new Set([...ids, ...outer]),
        inputs: new Set(Object.keys(definition.inputs)),
      }
    : null;
  const steps = new Map<string, CompiledStep>();
  definition.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    const type = registry.get(step.type);
    if (!type) {
      issues.push({ path: `${at}.type`, message: `unknown step type "${step.type}"` });
      return;
    }
    if (options.nested && type.topLevelOnly)
      issues.push({ path: `${at}.type`, message: `a "${step.type}" step must be a top-level step (not inside a map or an agent's tools)` });
    issues.push(...checkStep(step, at, type, new Set([...ids, ...outer]), definition, names));
    const subgraphContext = (scopeNames: readonly string[]) => ({
      registry,
      definition,
      outerSteps: new Set([...ids, ...outer]),
      checkScope: options.checkScope ?? false,
      scopeNames: [...(options.scopeNames ?? []), ...scopeNames],
    });
    if (type.subgraphKey)
      checkSubgraph(step.with[type.subgraphKey], `${at}.with.${type.subgraphKey}`, subgraphContext(type.subgraphScope ?? []), issues);
    for (const { path, step: inner } of type.subgraphsOf?.(step.with) ?? [])
      checkSubgraph([inner], `${at}.with.${path}`, subgraphContext(TOOL_SCOPE), issues, true);
    // A sub-graph's references to this level's steps are dependencies of the step that runs it.
    const references = stepReferences(step, syntaxOf(registry));
    const dependencies = new Set([...step.needs, ...references.steps].filter((s) => ids.has(s)));
    dependencies.delete(step.id);
    steps.set(step.id, { definition: step, type, dependencies: [...dependencies], retry: step.retry ?? DEFAULT_RETRY });
  });

  if (definition.output) {
    const texts = templateReferenceTexts(definition.output, 'output');
    issues.push(...checkReferences(texts, ids, definition, null));
    if (names) issues.push(...unknownRootIssues(texts, names));
  }
  const order = issues.length === 0 ? topologicalOrder(definition, steps, issues) : [];
  if (issues.length > 0) {
    throw new AssayError('invalid_input', `invalid workflow definition: ${issues[0]?.path}: ${issues[0]?.message}`, { details: issues });
  }
  return { definition, steps, order };
}

/** The step types' syntax, as the shared reference grammar reads steps by it. */
function syntaxOf(registry: StepRegistry): StepSyntaxOf {
  return (name) => registry.get(name);
}

/** `with` keys that templates leave alone: JSONata and verbatim text. */
function rawKeys(type: StepType): string[] {
  return [...(type.expressionKeys ?? []), ...(type.verbatimKeys ?? [])];
}

function withoutExpressions(config: Record<string, unknown>, expressionKeys: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !expressionKeys.includes(key)));
}

function checkStep(
  step: StepDefinition,
  at: string,
  type: StepType,
  ids: Set<string>,
  definition: WorkflowDefinition,
  names: ScopeNames | null,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  step.needs.forEach((need, j) => {
    if (need === step.id) issues.push({ path: `${at}.needs[${j}]`, message: 'a step cannot need itself' });
    else if (!ids.has(need)) issues.push({ path: `${at}.needs[${j}]`, message: `unknown step "${need}"` });
  });
  if (step.if !== undefined) issues.push(...checkExpression(step.if, `${at}.if`));
  if (step.cache && !type.cacheable?.(step.with))
    issues.push({
      path: `${at}.cache`,
      message: `a "${step.type}" step cannot be cached: executing it again may change something outside the run (cacheable: AI steps, web.extract, web.search, http.request with GET, dataset.lookup, read-only sql.query)`,
    });
  for (const key of type.expressionKeys ?? []) {
    const text = step.with[key];
    if (typeof text === 'string') issues.push(...checkExpression(text, `${at}.with.${key}`));
  }
  const texts = prefixed(stepReferenceTexts(step, type), at);
  issues.push(...checkReferences(texts, ids, definition, step.id));
  if (names) issues.push(...unknownRootIssues(prefixed(scopeTexts(step, type), at), names));
  issues.push(...checkTemplateSyntax(withoutExpressions(step.with, rawKeys(type)), `${at}.with`));
  issues.push(...configIssues(type.config, step.with, `${at}.with`));
  return issues;
}

/** Texts with paths relative to a step, placed under the step's own path. */
function prefixed(texts: readonly ReferenceText[], at: string): ReferenceText[] {
  return texts.map((text) => ({ ...text, path: `${at}.${text.path}` }));
}

/** Validates a step's sub-graph like a workflow of its own (`single`: one step, reported at `path` itself). */
function checkSubgraph(
  value: unknown,
  path: string,
  context: {
    registry: StepRegistry;
    definition: WorkflowDefinition;
    outerSteps: Set<string>;
    checkScope: boolean;
    scopeNames: readonly string[];
  },
  issues: ErrorDetail[],
  single = false,
): void {
  if (value === undefined) return; // optional: the step's config says whether it is needed
  const parsed = z.array(StepDefinition).min(1).max(100).safeParse(value);
  if (!parsed.success) {
    issues.push(...parsed.error.issues.map((issue) => ({ path: joinPath(path, issue.path), message: issue.message })));
    return;
  }
  try {
    compileWorkflow({ name: 'subgraph', inputs: context.definition.inputs, steps: parsed.data }, context.registry, {
      outerSteps: context.outerSteps,
      nested: true,
      checkScope: context.checkScope,
      scopeNames: context.scopeNames,
    });
  } catch (error) {
    if (!(error instanceof AssayError)) throw error;
    const prefix = single ? 'steps[0]' : 'steps';
    issues.push(...(error.details ?? []).map((d) => ({ path: `${path}${d.path.slice(prefix.length)}`, message: d.message })));
  }
}

function checkExpression(text: string, path: string): ErrorDetail[] {
  try {
    compileExpression(text, path);
    return [];
  } catch (error) {
    return error instanceof AssayError && error.details ? error.details : [{ path, message: String(error) }];
  }
}

function checkTemplateSyntax(value: unknown, path: string): ErrorDetail[] {
  if (typeof value === 'string') {
    const error = isTemplate(value) ? templateSyntaxError(value) : null;
    return error ? [{ path, message: `invalid template: ${error}` }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => checkTemplateSyntax(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => checkTemplateSyntax(item, `${path}.${key}`));
  }
  return [];
}

/** Reports references to unknown steps or undeclared inputs at the exact path of each text. */
function checkReferences(
  texts: readonly ReferenceText[],
  ids: Set<string>,
  definition: WorkflowDefinition,
  self: string | null,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  for (const { path, text, syntax } of texts) {
    const references = referencedNames(text, syntax);
    for (const id of references.steps) {
      if (id === self) issues.push({ path, message: `a step cannot reference its own output ("steps.${id}")` });
      else if (!ids.has(id))
        issues.push({ path, message: `reference to unknown step "steps.${id}"${suggestion(id, ids, (known) => `steps.${known}`)}` });
    }
    for (const name of references.inputs) {
      if (!Object.hasOwn(definition.inputs, name))
        issues.push({
          path,
          message: `reference to undeclared input "input.${name}"${suggestion(name, Object.keys(definition.inputs), (known) => `input.${known}`)}`,
        });
    }
  }
  return issues;
}

/** Kahn's algorithm; a leftover step is part of a cycle and is reported with the cycle's members. */
function topologicalOrder(definition: WorkflowDefinition, steps: Map<string, CompiledStep>, issues: ErrorDetail[]): string[] {
  const remaining = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const [id, step] of steps) {
    remaining.set(id, step.dependencies.length);
    for (const dep of step.dependencies) dependents.set(dep, [...(dependents.get(dep) ?? []), id]);
  }
  const queue = definition.steps.map((s) => s.id).filter((id) => remaining.get(id) === 0);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    order.push(id);
    for (const next of dependents.get(id) ?? []) {
      const left = (remaining.get(next) ?? 0) - 1;
      remaining.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length < steps.size) {
    const cyclic = [...remaining].filter(([, n]) => n > 0).map(([id]) => id);
    const index = definition.steps.findIndex((s) => s.id === cyclic[0]);
    issues.push({ path: `steps[${index}].needs`, message: `dependency cycle between steps ${cyclic.map((c) => `"${c}"`).join(', ')}` });
  }
  return order;
}
