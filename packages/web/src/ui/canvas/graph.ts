import type { Edge, Node } from '@xyflow/react';
import {
  mapTemplateTexts,
  renameInStep,
  renameStepReferences,
  stepReferences,
  type StepSyntaxOf,
  type WorkflowDefinitionInput,
} from '@assay/schema';

/**
 * The definition ⇄ canvas conversion. Pure: no React, no DOM, so it is unit tested and the editor,
 * the run page and the layout share one mapping. Steps become nodes (in definition order, keeping
 * their ids, positions and every field); each `needs` entry becomes an edge from the needed step to
 * the step that needs it. Everything that is not a step stays in `meta` untouched.
 */

type StepInput = WorkflowDefinitionInput['steps'][number];

/** A step as the canvas holds it: the definition's fields except `position` (the node has it) and `needs` (the edges are it). */
export type StepFields = Omit<StepInput, 'position' | 'needs'> & { with: Record<string, unknown> };

export interface StepNodeData extends Record<string, unknown> {
  step: StepFields;
}

export type StepNode = Node<StepNodeData, 'step'>;
export type DefinitionMeta = Omit<WorkflowDefinitionInput, 'steps'>;

export interface Canvas {
  meta: DefinitionMeta;
  nodes: StepNode[];
  edges: Edge[];
}

/** Horizontal and vertical distance between steps placed by the fallback layout. */
export const GRID = { x: 290, y: 140 };

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`;
}

export function needsEdge(source: string, target: string): Edge {
  return { id: edgeId(source, target), source, target };
}

export function definitionToCanvas(definition: WorkflowDefinitionInput): Canvas {
  const { steps, ...meta } = definition;
  const fallback = layeredPositions(steps);
  const nodes: StepNode[] = steps.map((step) => {
    const { position, needs: _needs, ...fields } = step;
    return {
      id: step.id,
      type: 'step',
      position: position ? { x: position.x, y: position.y } : (fallback.get(step.id) ?? { x: 0, y: 0 }),
      data: { step: { ...fields, with: fields.with ?? {} } },
    };
  });
  const edges = steps.flatMap((step) => (step.needs ?? []).map((needed) => needsEdge(needed, step.id)));
  return { meta, nodes, edges };
}

export function canvasToDefinition(canvas: Canvas): WorkflowDefinitionInput {
  const needsOf = new Map<string, string[]>();
  for (const edge of canvas.edges)
    if (!edge.id.startsWith(REFERENCE_EDGE)) needsOf.set(edge.target, [...(needsOf.get(edge.target) ?? []), edge.source]);
  const steps = canvas.nodes.map((node): StepInput => {
    const needs = needsOf.get(node.id) ?? [];
    return {
      ...node.data.step,
      id: node.id,
      ...(needs.length > 0 ? { needs } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    };
  });
  return { ...canvas.meta, steps } as WorkflowDefinitionInput;
}

/**
 * Positions for steps the definition gives none (written by hand or by the API): one row per depth
 * in the `needs` graph (top to bottom, as the auto-layout), steps of one depth side by side. The
 * editor's auto-layout does better.
 */
export function layeredPositions(steps: readonly StepInput[]): Map<string, { x: number; y: number }> {
  const byId = new Map(steps.map((step) => [step.id, step]));
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0; // a cycle: validation reports it; the layout just must not loop
    visiting.add(id);
    const needs = (byId.get(id)?.needs ?? []).filter((needed) => byId.has(needed));
    const value = needs.length === 0 ? 0 : Math.max(...needs.map(depthOf)) + 1;
    visiting.delete(id);
    depth.set(id, value);
    return value;
  };
  const columns = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const step of steps) {
    const row = depthOf(step.id);
    const column = columns.get(row) ?? 0;
    columns.set(row, column + 1);
    positions.set(step.id, { x: column * GRID.x, y: row * GRID.y });
  }
  return positions;
}

/** A step id not yet used: `lookup`, `lookup_2`, `lookup_3`… from the step type's last word. */
export function freshStepId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = (type.split('.').pop() ?? 'step').replace(/[^A-Za-z0-9_-]/g, '_') || 'step';
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

/** True when an edge source → target would close a cycle (target already reaches source). */
export function wouldCycle(edges: readonly Edge[], source: string, target: string): boolean {
  if (source === target) return true;
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>();
  const stack = [target];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === source) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(next.get(id) ?? []));
  }
  return false;
}

/** Without the step types (not loaded yet), each text's syntax is guessed from its Liquid markup. */
const UNKNOWN_TYPES: StepSyntaxOf = () => undefined;

/**
 * Renames a step: its node, the edges touching it, and the references to it in every step and the
 * output, read by each step type's syntax (the same grammar the engine infers dependencies with).
 */
export function renameStep(canvas: Canvas, from: string, to: string, syntaxOf: StepSyntaxOf = UNKNOWN_TYPES): Canvas {
  const output =
    canvas.meta.output &&
    (mapTemplateTexts(canvas.meta.output, 'output', (text) => renameStepReferences(text, 'template', from, to)) as Record<string, unknown>);
  return {
    meta: { ...canvas.meta, ...(output ? { output } : {}) },
    nodes: canvas.nodes.map((node) => {
      const step = renameInStep(node.data.step, syntaxOf, from, to);
      return node.id === from ? { ...node, id: to, data: { step: { ...step, id: to } } } : { ...node, data: { step } };
    }),
    edges: canvas.edges.map((edge) => {
      const source = edge.source === from ? to : edge.source;
      const target = edge.target === from ? to : edge.target;
      return source === edge.source && target === edge.target ? edge : needsEdge(source, target);
    }),
  };
}

/** The prefix of edges drawn for references rather than `needs`. */
export const REFERENCE_EDGE = 'ref:';

/**
 * Dependencies the engine infers from `steps.<id>` references in a step's config, condition or sub-graph,
 * beyond its `needs`: drawn dashed so the graph shows what really runs first, but not editable
 * (change the reference to change them) and never saved as `needs`.
 */
export function referenceEdges(canvas: Pick<Canvas, 'nodes' | 'edges'>, syntaxOf: StepSyntaxOf = UNKNOWN_TYPES): Edge[] {
  const ids = new Set(canvas.nodes.map((node) => node.id));
  const explicit = new Set(canvas.edges.map((edge) => edgeId(edge.source, edge.target)));
  const edges: Edge[] = [];
  for (const node of canvas.nodes) {
    for (const source of stepReferences(node.data.step, syntaxOf).steps) {
      if (source === node.id || !ids.has(source) || explicit.has(edgeId(source, node.id))) continue;
      edges.push({
        id: REFERENCE_EDGE + edgeId(source, node.id),
        source,
        target: node.id,
        deletable: false,
        selectable: false,
        focusable: false,
        className: 'reference-edge',
        data: { reference: true },
      });
    }
  }
  return edges;
}
