import { StepDefinition, templateReferenceTexts, type ErrorDetail, type ReferenceSyntax, type WorkflowDefinition } from '@assay/schema';
import { z } from 'zod';
import type { StepRegistry } from '../step-type';
import type { Segment } from './reference-paths';
import { scopeTexts, textPaths } from './scope-names';
import type { KnownShapes } from '../step-type';
import { stepRecordShape } from './step-output-shapes';
import { inputShape, RUN_ROOT_SHAPES, type Shape } from './value-shapes';

/**
 * Warnings (never refusals) about fields a template or expression reads that cannot be there, as far
 * as the shapes are known before a run: `input.name.first` of a string input, `steps.lookup.output.rowz`
 * of a step type whose output has no `rowz`, a dataset row's column that the dataset does not have.
 * Each at the path of the text that reads it. Unknown steps, inputs and names are errors of
 * `compileWorkflow`, not repeated here.
 */
export function referenceWarnings(definition: WorkflowDefinition, registry: StepRegistry, known: KnownShapes = {}): ErrorDetail[] {
  const warnings: ErrorDetail[] = [];
  const seen = new Set<string>();
  const warn = (path: string, message: string) => {
    const key = `${path}\n${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    warnings.push({ path, message });
  };
  const context: GraphContext = { definition, registry, known, warn };
  warnGraph(definition.steps, (i) => `steps[${i}]`, new Map(), context);
  const topLevel = visibleSteps(definition.steps, new Map());
  for (const text of definition.output ? templateReferenceTexts(definition.output, 'output') : [])
    warnText(text.path, text.text, 'template', topLevel, context);
  return warnings;
}

interface GraphContext {
  definition: WorkflowDefinition;
  registry: StepRegistry;
  known: KnownShapes;
  warn(path: string, message: string): void;
}

const SubgraphSteps = z.array(StepDefinition).min(1).max(100);

function visibleSteps(steps: readonly StepDefinition[], outer: ReadonlyMap<string, StepDefinition>): Map<string, StepDefinition> {
  const visible = new Map(outer);
  for (const step of steps) visible.set(step.id, step);
  return visible;
}

/** A graph's steps (the workflow's, a map's sub-graph, an agent's tool), each step's texts and its own sub-graphs. */
function warnGraph(
  steps: readonly StepDefinition[],
  at: (index: number) => string,
  outer: ReadonlyMap<string, StepDefinition>,
  context: GraphContext,
): void {
  const visible = visibleSteps(steps, outer);
  steps.forEach((step, i) => {
    const type = context.registry.get(step.type);
    if (!type) return;
    for (const text of scopeTexts(step, type)) warnText(`${at(i)}.${text.path}`, text.text, text.syntax, visible, context);
    if (type.subgraphKey) {
      const inner = SubgraphSteps.safeParse(step.with[type.subgraphKey]);
      if (inner.success) warnGraph(inner.data, (j) => `${at(i)}.with.${type.subgraphKey}[${j}]`, visible, context);
    }
    for (const { path, step: tool } of type.subgraphsOf?.(step.with) ?? []) {
      const inner = StepDefinition.safeParse(tool);
      if (inner.success) warnGraph([inner.data], () => `${at(i)}.with.${path}`, visible, context);
    }
  });
}

function warnText(
  path: string,
  text: string,
  syntax: ReferenceSyntax,
  visible: ReadonlyMap<string, StepDefinition>,
  context: GraphContext,
): void {
  for (const [root, ...segments] of textPaths({ path, text, syntax })) {
    const start = startOf(root, segments, visible, context);
    if (!start) continue;
    const problem = fieldProblem(start.shape, segments.slice(start.used), start.display, syntax);
    if (problem) context.warn(path, problem);
  }
}

/** Where a path's shape is known from: a declared input, a step of this graph or an enclosing one, `run`, `workflow`, `trigger`. */
function startOf(
  root: string,
  segments: readonly Segment[],
  visible: ReadonlyMap<string, StepDefinition>,
  context: GraphContext,
): { shape: Shape; display: string; used: number } | null {
  const [name] = segments;
  if (root === 'input') {
    if (typeof name !== 'string' || !Object.hasOwn(context.definition.inputs, name)) return null;
    return { shape: inputShape(context.definition.inputs[name]!), display: `input.${name}`, used: 1 };
  }
  if (root === 'steps') {
    const step = typeof name === 'string' ? visible.get(name) : undefined;
    if (!step) return null;
    return { shape: stepRecordShape(step, context.registry.get(step.type), context.known), display: `steps.${name}`, used: 1 };
  }
  if (Object.hasOwn(RUN_ROOT_SHAPES, root)) return { shape: RUN_ROOT_SHAPES[root]!, display: root, used: 0 };
  return null;
}

/** Liquid's own properties of lists, strings and objects (`xs.size`, `xs.first`, `xs.last`). */
const LIQUID_PROPERTIES = new Set(['size', 'first', 'last']);

const A_SCALAR = { string: 'a string', number: 'a number', boolean: 'a boolean' } as const;

/**
 * Why the field a path reads cannot be there, or null when it can (or nothing is known). A list is
 * read item by item in JSONata (`rows.name`) and by index or `first`/`last` in Liquid.
 */
function fieldProblem(start: Shape, segments: readonly Segment[], startDisplay: string, syntax: ReferenceSyntax): string | null {
  let shape = start;
  let display = startDisplay;
  for (const segment of segments) {
    if (segment === null || shape.kind === 'unknown') return null;
    if (syntax === 'template' && typeof segment === 'string' && LIQUID_PROPERTIES.has(segment)) {
      if (shape.kind !== 'list' || segment === 'size') return null;
      shape = shape.items;
      display = `${display}.${segment}`;
      continue;
    }
    if (shape.kind === 'list') {
      if (typeof segment === 'number') {
        shape = shape.items;
        display = `${display}[${segment}]`;
        continue;
      }
      if (syntax === 'template') return null;
      shape = shape.items;
    }
    if (typeof segment === 'number') return null;
    if (shape.kind === 'scalar') return `${display} is ${A_SCALAR[shape.type]}: it has no field "${segment}"`;
    if (shape.kind === 'object') {
      if (!Object.hasOwn(shape.fields, segment)) {
        const fields = Object.keys(shape.fields);
        return `${display} has no field "${segment}" (${fields.length > 0 ? `it has: ${fields.join(', ')}` : 'it has none'})`;
      }
      shape = shape.fields[segment]!;
      display = `${display}.${segment}`;
      continue;
    }
    return null; // unknown items, or a list of lists
  }
  return null;
}
