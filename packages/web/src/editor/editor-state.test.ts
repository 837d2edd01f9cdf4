import { describe, expect, it } from 'vitest';
import { editorReducer, initialEditorState, type EditorState } from './editor-state';
import { canvasToDefinition, definitionToCanvas } from '../ui/canvas/graph';

const start = () =>
  initialEditorState(
    definitionToCanvas({
      name: 'w',
      steps: [
        { id: 'a', type: 'transform', with: { expression: '1' }, position: { x: 0, y: 0 } },
        { id: 'b', type: 'transform', needs: ['a'], with: { expression: 'steps.a.output' }, position: { x: 300, y: 0 } },
      ],
    }),
  );

const ids = (state: EditorState) => state.canvas.nodes.map((node) => node.id);

describe('editor state', () => {
  it('undoes and redoes adding a step', () => {
    let state = editorReducer(start(), { kind: 'add-step', type: 'document.render', family: 'document', position: { x: 600, y: 0 } });
    expect(ids(state)).toEqual(['a', 'b', 'render']);
    expect(state.dirty).toBe(true);
    state = editorReducer(state, { kind: 'undo' });
    expect(ids(state)).toEqual(['a', 'b']);
    state = editorReducer(state, { kind: 'redo' });
    expect(ids(state)).toEqual(['a', 'b', 'render']);
  });

  it('makes a whole drag one undo step', () => {
    let state = start();
    for (const x of [10, 20, 30])
      state = editorReducer(state, {
        kind: 'nodes-changed',
        changes: [{ type: 'position', id: 'a', position: { x, y: 0 }, dragging: true }],
      });
    state = editorReducer(state, {
      kind: 'nodes-changed',
      changes: [{ type: 'position', id: 'a', position: { x: 40, y: 0 }, dragging: false }],
    });
    expect(state.canvas.nodes[0]?.position).toEqual({ x: 40, y: 0 });
    expect(state.past).toHaveLength(1);
    state = editorReducer(state, { kind: 'undo' });
    expect(state.canvas.nodes[0]?.position).toEqual({ x: 0, y: 0 });
  });

  it('refuses a dependency that would make a cycle, and says why', () => {
    const state = editorReducer(start(), {
      kind: 'connect',
      connection: { source: 'b', target: 'a', sourceHandle: null, targetHandle: null },
    });
    expect(state.canvas.edges).toHaveLength(1);
    expect(state.notice).toMatch(/cycle/);
  });

  it('deleting a step removes its edges and keeps the rest of the definition', () => {
    const state = editorReducer(start(), { kind: 'remove-step', id: 'a' });
    expect(canvasToDefinition(state.canvas).steps).toEqual([
      { id: 'b', type: 'transform', with: { expression: 'steps.a.output' }, position: { x: 300, y: 0 } },
    ]);
    expect(editorReducer(state, { kind: 'remove-step', id: 'b' }).notice).toMatch(/at least one step/);
  });

  it('decorates nodes with errors without history, replacing only the nodes that changed', () => {
    const before = start();
    const state = editorReducer(before, { kind: 'decorate', errors: new Map([['b', ['expression: bad']]]), families: new Map() });
    expect(state.past).toHaveLength(0);
    expect(state.canvas.nodes[0]).toBe(before.canvas.nodes[0]);
    expect(state.canvas.nodes[1]?.data).toMatchObject({ errors: ['expression: bad'] });
    expect(state.revision).toBe(before.revision);
  });
});

describe('editor state: pasting, restoring, saving', () => {
  it('adds pasted steps selected, with their needs among them, as one undo step', () => {
    const before = start();
    let state = editorReducer(before, {
      kind: 'add-steps',
      steps: [
        { step: { id: 'a_2', type: 'transform', with: { expression: '1' } }, needs: [], position: { x: 0, y: 400 } },
        { step: { id: 'b_2', type: 'transform', with: { expression: 'steps.a_2.output' } }, needs: ['a_2'], position: { x: 0, y: 550 } },
      ],
    });
    expect(ids(state)).toEqual(['a', 'b', 'a_2', 'b_2']);
    expect(state.canvas.nodes.filter((node) => node.selected).map((node) => node.id)).toEqual(['a_2', 'b_2']);
    expect(canvasToDefinition(state.canvas).steps[3]).toMatchObject({ id: 'b_2', needs: ['a_2'] });
    state = editorReducer(state, { kind: 'undo' });
    expect(ids(state)).toEqual(['a', 'b']);
  });

  it('keeps the undo history across a save', () => {
    let state = editorReducer(start(), { kind: 'update-meta', meta: { name: 'renamed' } });
    state = editorReducer(state, { kind: 'saved' });
    expect(state.dirty).toBe(false);
    state = editorReducer(state, { kind: 'undo' });
    expect(state.canvas.meta.name).toBe('w');
    expect(state.dirty).toBe(true);
  });

  it('refuses a rename to an id another step has, and says so', () => {
    const state = editorReducer(start(), { kind: 'rename-step', from: 'a', to: 'b' });
    expect(ids(state)).toEqual(['a', 'b']);
    expect(state.notice).toMatch(/already exists/);
  });
});
