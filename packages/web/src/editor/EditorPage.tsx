import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react';
import { Background, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Link, useLocation } from 'wouter';
import type { Workflow } from '@assay/schema';
import { api, loadStepTypes } from '../api';
import { useSession } from '../auth/session';
import { ErrorNote } from '../ui/ErrorNote';
import { useAction } from '../ui/use-action';
import { downloadDefinition } from '../ui/definition-files';
import { ExportMenu } from '../ui/ExportMenu';
import { editorReducer, initialEditorState, type EditorState } from './editor-state';
import { canvasToDefinition, definitionToCanvas, referenceEdges, type StepNode } from '../ui/canvas/graph';
import { autoLayout } from '../ui/canvas/layout';
import { DRAG_TYPE, Palette } from './Palette';
import { referenceSuggestions, upstreamOf } from './references';
import { StepPanel } from './StepPanel';
import { nodeTypes } from '../ui/canvas/StepNode';
import { stepSyntaxOf, type StepTypeInfo } from '../ui/step-types';
import { useValidation } from './use-validation';
import { VersionsPanel } from './VersionsPanel';
import { WorkflowPanel } from './WorkflowPanel';

/** The route id of a workflow not saved yet. */
const NEW = 'new';

function draftWorkflow(name: string): Workflow {
  const now = new Date().toISOString();
  return {
    id: NEW,
    name,
    description: null,
    version: 0,
    definition: { name, inputs: {}, steps: [] } as unknown as Workflow['definition'],
    trigger: null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  } as Workflow;
}

/** The visual editor of one workflow (`new`: a workflow created by its first save). */
export function EditorPage({ workflowId }: { workflowId: string }) {
  return (
    <ReactFlowProvider>
      <Editor workflowId={workflowId} />
    </ReactFlowProvider>
  );
}

function Editor({ workflowId }: { workflowId: string }) {
  const { can } = useSession();
  const [workflow, setWorkflow] = useState<Workflow | null>(null);
  const [stepTypes, setStepTypes] = useState<StepTypeInfo[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [state, dispatch] = useReducer(editorReducer, null, () => initialEditorState({ meta: { name: '' }, nodes: [], edges: [] }));

  const load = useCallback(async () => {
    try {
      if (workflowId === NEW) {
        // A new workflow lives only in the editor until its first save creates it.
        const name = new URLSearchParams(window.location.search).get('name') || 'Untitled workflow';
        const types = await loadStepTypes();
        setStepTypes(types);
        setWorkflow(draftWorkflow(name));
        dispatch({ kind: 'load', canvas: { meta: { name, inputs: {} }, nodes: [], edges: [] } });
        return;
      }
      const [loaded, types] = await Promise.all([api.workflows.get(workflowId), loadStepTypes()]);
      let canvas = definitionToCanvas(loaded.definition);
      // A definition written by hand has no positions: lay it out once.
      if (loaded.definition.steps.some((step) => !step.position)) {
        const positions = autoLayout(canvas.nodes, [...canvas.edges, ...referenceEdges(canvas, stepSyntaxOf(types))]);
        canvas = { ...canvas, nodes: canvas.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) };
      }
      setStepTypes(types);
      setWorkflow(loaded);
      dispatch({ kind: 'load', canvas });
    } catch (error) {
      setLoadError(error);
    }
  }, [workflowId]);
  useEffect(() => void load(), [load]);

  if (loadError) return <ErrorNote error={loadError} />;
  if (!workflow) return <div className="muted">Loading…</div>;
  return (
    <EditorBody
      workflow={workflow}
      stepTypes={stepTypes}
      state={state}
      dispatch={dispatch}
      readOnly={!can.edit}
      canRun={can.run}
      onSaved={setWorkflow}
      onReload={load}
    />
  );
}

interface BodyProps {
  workflow: Workflow;
  stepTypes: StepTypeInfo[];
  state: EditorState;
  dispatch: React.Dispatch<Parameters<typeof editorReducer>[1]>;
  readOnly: boolean;
  canRun: boolean;
  onSaved(workflow: Workflow): void;
  onReload(): Promise<void>;
}

function EditorBody({ workflow, stepTypes, state, dispatch, readOnly, canRun, onSaved, onReload }: BodyProps) {
  const flow = useReactFlow();
  const [, navigate] = useLocation();
  const { canvas } = state;
  const [panel, setPanel] = useState<'edit' | 'versions'>('edit');
  const saving = useAction();
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const typesByName = useMemo(() => new Map(stepTypes.map((type) => [type.type, type])), [stepTypes]);
  const families = useMemo(() => new Map(stepTypes.map((type) => [type.type, type.family])), [stepTypes]);
  const syntaxOf = useMemo(() => stepSyntaxOf(stepTypes), [stepTypes]);
  const definition = useMemo(() => canvasToDefinition(canvas), [state.revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const validation = useValidation(definition, state.revision);
  // References change only with content: recomputed per revision, not per drag frame.
  const inferredEdges = useMemo(() => referenceEdges(canvas, syntaxOf), [state.revision, syntaxOf]); // eslint-disable-line react-hooks/exhaustive-deps
  const edges = useMemo(() => [...canvas.edges, ...inferredEdges], [canvas.edges, inferredEdges]);

  // Errors on nodes (and families for their colour) without touching history.
  useEffect(
    () => dispatch({ kind: 'decorate', errors: validation.index.byStep, families }),
    [validation.index, families, canvas.nodes.length, dispatch],
  );

  // Fit a loaded graph once its nodes are measured (React Flow's fitView). A new, empty workflow keeps
  // its viewport: fitting after the first drop would move the canvas under the user's next drop.
  const fitOnLoad = useRef(canvas.nodes.length > 0).current;

  // Undo/redo from the keyboard, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (!(event.metaKey || event.ctrlKey) || readOnly) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) dispatch({ kind: 'undo' });
      else if ((key === 'z' && event.shiftKey) || key === 'y') dispatch({ kind: 'redo' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, readOnly]);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!state.dirty) return;
    const onLeave = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [state.dirty]);

  const selected = canvas.nodes.find((node) => node.selected);
  const inputNames = Object.keys(canvas.meta.inputs ?? {});
  const suggestions = useMemo(
    () => referenceSuggestions(inputNames, selected ? upstreamOf(selected.id, canvas.edges).sort() : canvas.nodes.map((node) => node.id)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [inputNames.join(','), selected?.id, canvas.edges, canvas.nodes.length],
  );

  const addStep = (type: StepTypeInfo, position?: { x: number; y: number }) => {
    const anchor = selected ?? canvas.nodes.at(-1);
    const at = position ?? (anchor ? { x: anchor.position.x + 280, y: anchor.position.y } : { x: 0, y: 0 });
    dispatch({ kind: 'add-step', type: type.type, family: type.family, position: at });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const type = typesByName.get(event.dataTransfer.getData(DRAG_TYPE));
    if (!type || readOnly) return;
    addStep(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const save = () =>
    saving.run(async () => {
      setSavedNote(null);
      const problems = validation.errors.length;
      if (problems > 0)
        throw new Error(`Fix ${problems} problem${problems === 1 ? '' : 's'} before saving (they are marked on the steps).`);
      const isNew = workflow.id === NEW;
      const saved = isNew ? await api.workflows.create(definition) : await api.workflows.update(workflow.id, definition);
      onSaved(saved);
      dispatch({ kind: 'saved' });
      setSavedNote(`Saved as version ${saved.version}.`);
      if (isNew) navigate(`/workflows/${saved.id}`, { replace: true });
    });

  const layout = () => {
    dispatch({ kind: 'layout', positions: autoLayout(canvas.nodes, edges) });
    requestAnimationFrame(() => void flow.fitView({ padding: 0.2, duration: 200 }));
  };

  return (
    <>
      <div className="editor-toolbar">
        <h1 style={{ marginRight: 8 }}>{canvas.meta.name || workflow.name}</h1>
        <span className="muted" data-testid="workflow-version">
          {workflow.id === NEW ? 'not saved yet' : `v${workflow.version}`}
          {state.dirty ? ' · unsaved changes' : ''}
        </span>
        <span className="spacer" />
        <span className={validation.errors.length > 0 ? 'field-error' : 'muted'} data-testid="validation-summary">
          {validation.pending
            ? 'Checking…'
            : validation.errors.length > 0
              ? `${validation.errors.length} problem${validation.errors.length === 1 ? '' : 's'}`
              : 'Valid'}
        </span>
        {!readOnly && (
          <>
            <button onClick={() => dispatch({ kind: 'undo' })} disabled={state.past.length === 0} title="Undo (Ctrl+Z)">
              Undo
            </button>
            <button onClick={() => dispatch({ kind: 'redo' })} disabled={state.future.length === 0} title="Redo (Ctrl+Shift+Z)">
              Redo
            </button>
            <button onClick={layout}>Auto-layout</button>
          </>
        )}
        <button onClick={() => void flow.fitView({ padding: 0.2, duration: 200 })}>Zoom to fit</button>
        {workflow.id !== NEW && (
          <button onClick={() => setPanel(panel === 'versions' ? 'edit' : 'versions')}>{panel === 'versions' ? 'Edit' : 'Versions'}</button>
        )}
        <ExportMenu onPick={(format) => downloadDefinition(definition, format)} />
        {workflow.id !== NEW && (
          <Link className="button" href={`/workflows/${workflow.id}/settings`}>
            Trigger & schedules
          </Link>
        )}
        {canRun && workflow.id !== NEW && (
          <Link className="button" href={`/workflows/${workflow.id}/run`}>
            Run
          </Link>
        )}
        {!readOnly && (
          <button className="primary" onClick={() => void save()} disabled={saving.busy || (!state.dirty && workflow.id !== NEW)}>
            {saving.busy ? 'Saving…' : 'Save'}
          </button>
        )}
      </div>
      {state.notice && <div className="notice">{state.notice}</div>}
      {savedNote && (
        <div className="notice" data-testid="saved-note">
          {savedNote}
        </div>
      )}
      <ErrorNote error={saving.error} />
      <div className="editor">
        <Palette stepTypes={stepTypes} disabled={readOnly} onAdd={(type) => addStep(type)} />
        <div
          className="canvas"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
          }}
          onDrop={onDrop}
          data-testid="canvas"
        >
          <ReactFlow<StepNode, Edge>
            nodes={canvas.nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={(changes) => dispatch({ kind: 'nodes-changed', changes })}
            onEdgesChange={(changes) => dispatch({ kind: 'edges-changed', changes })}
            onConnect={(connection) => dispatch({ kind: 'connect', connection })}
            onPaneClick={() => dispatch({ kind: 'select', id: null })}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            elementsSelectable
            deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
            fitView={fitOnLoad}
            fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
            onlyRenderVisibleElements
            minZoom={0.05}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        <aside className="side-panel">
          {panel === 'versions' ? (
            <VersionsPanel
              workflowId={workflow.id}
              current={definition}
              currentVersion={workflow.version}
              canRestore={!readOnly}
              onRestored={() => void onReload()}
            />
          ) : selected ? (
            <StepPanel
              key={selected.id}
              step={selected.data.step}
              stepType={typesByName.get(selected.data.step.type)}
              errors={validation.index.byField.get(selected.id) ?? new Map()}
              suggestions={suggestions}
              readOnly={readOnly}
              onChange={(fields) => dispatch({ kind: 'update-step', id: selected.id, fields })}
              onRename={(to) => dispatch({ kind: 'rename-step', from: selected.id, to, syntaxOf })}
              onRemove={() => dispatch({ kind: 'remove-step', id: selected.id })}
            />
          ) : (
            <WorkflowPanel
              meta={canvas.meta}
              errors={validation.index.workflow}
              suggestions={suggestions}
              readOnly={readOnly}
              onChange={(meta) => dispatch({ kind: 'update-meta', meta })}
            />
          )}
        </aside>
      </div>
    </>
  );
}
