import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react';
import {
  freshStepId,
  needsEdge,
  renameStep,
  wouldCycle,
  type Canvas,
  type DefinitionMeta,
  type StepFields,
  type StepNode,
} from '../ui/canvas/graph';
import type { StepSyntaxOf } from '@assay/schema';
import type { StepNodeExtras } from '../ui/canvas/StepNode';

/**
 * The editor's state as a reducer: the canvas plus undo/redo history. Canvases are immutable, so a
 * history entry shares every unchanged node with its neighbours and costs little even at 200 steps.
 * Selection, measuring and decoration (errors, families) change the canvas without history.
 */
export interface EditorState {
  canvas: Canvas;
  past: Canvas[];
  future: Canvas[];
  /** Changed since the last load or save. */
  dirty: boolean;
  /** Counts content changes (not selection or decoration): validation re-runs when it moves. */
  revision: number;
  /** The canvas before the drag in progress (a whole drag is one undo step). */
  dragStart: Canvas | null;
  /** A note for the user about the last refused action (e.g. an edge that would close a cycle). */
  notice: string | null;
}

export type EditorAction =
  | { kind: 'load'; canvas: Canvas }
  | { kind: 'nodes-changed'; changes: NodeChange<StepNode>[] }
  | { kind: 'edges-changed'; changes: EdgeChange[] }
  | { kind: 'connect'; connection: Connection }
  | { kind: 'add-step'; type: string; family: string; position: { x: number; y: number }; fields?: Partial<StepFields> }
  /** Pasted or duplicated steps (ids already fresh): added selected, in one undoable change. */
  | { kind: 'add-steps'; steps: AddedStep[] }
  /** The whole canvas replaced by an undoable change (a restored draft). */
  | { kind: 'replace'; canvas: Canvas }
  | { kind: 'update-step'; id: string; fields: Partial<StepFields> }
  | { kind: 'rename-step'; from: string; to: string; syntaxOf?: StepSyntaxOf }
  | { kind: 'remove-step'; id: string }
  | { kind: 'update-meta'; meta: Partial<DefinitionMeta> }
  | { kind: 'layout'; positions: Map<string, { x: number; y: number }> }
  | {
      kind: 'decorate';
      errors: Map<string, string[]>;
      families: Map<string, string>;
      warnings?: Map<string, string[]>;
      /** Step id → one line about its latest output. */
      outputs?: Map<string, string>;
    }
  | { kind: 'select'; id: string | null }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'saved' };

/** A step to add as it is: a paste or a duplicate (its `needs` name steps added with it). */
export interface AddedStep {
  step: StepFields;
  needs: string[];
  position: { x: number; y: number };
  family?: string;
}

const HISTORY_LIMIT = 200;

export function initialEditorState(canvas: Canvas): EditorState {
  return { canvas, past: [], future: [], dirty: false, revision: 0, dragStart: null, notice: null };
}

/** Records `next` as an undoable change of `state`. */
function commit(state: EditorState, next: Canvas, notice: string | null = null): EditorState {
  return {
    ...state,
    canvas: next,
    past: [...state.past.slice(-HISTORY_LIMIT + 1), state.canvas],
    future: [],
    dirty: true,
    revision: state.revision + 1,
    notice,
  };
}

function withNodes(canvas: Canvas, nodes: StepNode[]): Canvas {
  return { ...canvas, nodes };
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  const { canvas } = state;
  switch (action.kind) {
    case 'load':
      return initialEditorState(action.canvas);
    case 'nodes-changed': {
      const removes = action.changes.filter((change) => change.type === 'remove').map((change) => change.id);
      if (removes.length > 0) return removeSteps(state, new Set(removes));
      const nodes = applyNodeChanges(action.changes, canvas.nodes);
      const moving = action.changes.filter((change) => change.type === 'position');
      if (moving.length === 0) return { ...state, canvas: withNodes(canvas, nodes) };
      const dragging = moving.some((change) => change.type === 'position' && change.dragging);
      if (dragging) return { ...state, canvas: withNodes(canvas, nodes), dragStart: state.dragStart ?? canvas };
      // The drag ended: the whole move is one undoable change.
      const before = state.dragStart ?? canvas;
      return {
        ...state,
        canvas: withNodes(canvas, nodes),
        past: [...state.past.slice(-HISTORY_LIMIT + 1), before],
        future: [],
        dirty: true,
        revision: state.revision + 1,
        dragStart: null,
      };
    }
    case 'edges-changed': {
      const edges = applyEdgeChanges(action.changes, canvas.edges);
      const removed = action.changes.some((change) => change.type === 'remove');
      return removed ? commit(state, { ...canvas, edges }) : { ...state, canvas: { ...canvas, edges } };
    }
    case 'connect': {
      const { source, target } = action.connection;
      if (!source || !target || canvas.edges.some((edge) => edge.source === source && edge.target === target)) return state;
      if (wouldCycle(canvas.edges, source, target))
        return { ...state, notice: `"${target}" already leads to "${source}": this dependency would make a cycle.` };
      return commit(state, { ...canvas, edges: [...canvas.edges, needsEdge(source, target)] });
    }
    case 'add-step': {
      const id = freshStepId(
        action.type,
        canvas.nodes.map((node) => node.id),
      );
      const node: StepNode & { data: StepNodeExtras } = {
        id,
        type: 'step',
        position: action.position,
        selected: true,
        data: { step: { id, type: action.type, with: {}, ...action.fields }, family: action.family },
      };
      return commit(
        state,
        withNodes(canvas, [...canvas.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), node]),
      );
    }
    case 'add-steps': {
      const taken = new Set(canvas.nodes.map((node) => node.id));
      const added = action.steps.filter((added) => !taken.has(added.step.id));
      if (added.length === 0) return state;
      const nodes: StepNode[] = added.map(({ step, position, family }) => ({
        id: step.id,
        type: 'step',
        position,
        selected: true,
        data: { step, ...(family ? { family } : {}) },
      }));
      const ids = new Set([...taken, ...nodes.map((node) => node.id)]);
      const edges = added.flatMap(({ step, needs }) => needs.filter((id) => ids.has(id)).map((id) => needsEdge(id, step.id)));
      return commit(state, {
        ...canvas,
        nodes: [...canvas.nodes.map((other) => (other.selected ? { ...other, selected: false } : other)), ...nodes],
        edges: [...canvas.edges, ...edges],
      });
    }
    case 'replace':
      return commit(state, action.canvas);
    case 'update-step':
      return commit(
        state,
        withNodes(
          canvas,
          canvas.nodes.map((node) =>
            node.id === action.id ? { ...node, data: { ...node.data, step: { ...node.data.step, ...action.fields } } } : node,
          ),
        ),
      );
    case 'rename-step': {
      if (action.from === action.to) return state;
      if (canvas.nodes.some((node) => node.id === action.to)) return { ...state, notice: `A step "${action.to}" already exists.` };
      return commit(state, renameStep(canvas, action.from, action.to, action.syntaxOf));
    }
    case 'remove-step':
      return removeSteps(state, new Set([action.id]));
    case 'update-meta':
      return commit(state, { ...canvas, meta: { ...canvas.meta, ...action.meta } });
    case 'layout':
      return commit(
        state,
        withNodes(
          canvas,
          canvas.nodes.map((node) => {
            const position = action.positions.get(node.id);
            return position ? { ...node, position } : node;
          }),
        ),
      );
    case 'decorate': {
      // Only nodes whose errors, warnings, output line or family changed get new objects, so React Flow re-renders only them.
      let changed = false;
      const nodes = canvas.nodes.map((node) => {
        const data = node.data as StepNode['data'] & StepNodeExtras;
        const errors = action.errors.get(node.id) ?? [];
        const warnings = action.warnings?.get(node.id) ?? [];
        const output = action.outputs?.get(node.id);
        const family = action.families.get(data.step.type);
        if (
          sameList(data.errors ?? [], errors) &&
          sameList(data.warnings ?? [], warnings) &&
          data.output === output &&
          data.family === family
        )
          return node;
        changed = true;
        return { ...node, data: { ...data, errors, warnings, output, family } };
      });
      return changed ? { ...state, canvas: withNodes(canvas, nodes) } : state;
    }
    case 'select':
      return {
        ...state,
        canvas: withNodes(
          canvas,
          canvas.nodes.map((node) =>
            Boolean(node.selected) === (node.id === action.id) ? node : { ...node, selected: node.id === action.id },
          ),
        ),
      };
    case 'undo': {
      const previous = state.past.at(-1);
      if (!previous) return state;
      return {
        ...state,
        canvas: previous,
        past: state.past.slice(0, -1),
        future: [canvas, ...state.future],
        dirty: true,
        revision: state.revision + 1,
        notice: null,
      };
    }
    case 'redo': {
      const next = state.future[0];
      if (!next) return state;
      return {
        ...state,
        canvas: next,
        past: [...state.past, canvas],
        future: state.future.slice(1),
        dirty: true,
        revision: state.revision + 1,
        notice: null,
      };
    }
    case 'saved':
      // Saving is not an edit: the history stays, so a change saved by mistake can still be undone.
      return { ...state, dirty: false };
  }
}

/** Deletes steps and every edge touching them (the steps that needed them simply need them no more). */
function removeSteps(state: EditorState, ids: Set<string>): EditorState {
  const { canvas } = state;
  if (canvas.nodes.length - ids.size < 1) return { ...state, notice: 'A workflow needs at least one step.' };
  return commit(state, {
    ...canvas,
    nodes: canvas.nodes.filter((node) => !ids.has(node.id)),
    edges: canvas.edges.filter((edge) => !ids.has(edge.source) && !ids.has(edge.target)),
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
