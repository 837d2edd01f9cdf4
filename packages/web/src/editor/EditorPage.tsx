import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type DragEvent } from 'react';
import { Background, Controls, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor.css';
import { useLocation } from 'wouter';
import type { Workflow } from '@assay/schema';
import { api, loadStepTypes } from '../api';
import { useSession } from '../auth/session';
import { ErrorNote } from '../ui/ErrorNote';
import { useAction } from '../ui/use-action';
import { downloadDefinition } from '../ui/definition-files';
import { editorReducer, initialEditorState, type EditorState } from './editor-state';
import { canvasToDefinition, definitionToCanvas, referenceEdges, type StepNode } from '../ui/canvas/graph';
import { autoLayout } from '../ui/canvas/layout';
import { DRAG_TYPE, Palette } from './Palette';
import { downstreamOf } from './references';
import { useStepData } from './use-step-data';
import { StepTrial } from './StepTrial';
import { SampleInput } from './SampleInput';
import { outputSummary } from '../ui/output/summary';
import { codeContextFor } from './code-context';
import { keys } from '../ui/query/keys';
import { queryClient } from '../ui/query/query-client';
import { PREFETCHED_MS, workflowQuery } from '../ui/query/prefetch';
import { useInvalidate } from '../ui/query/use-invalidate';
import { StepPanel } from './StepPanel';
import { nodeTypes } from '../ui/canvas/StepNode';
import { stepSyntaxOf, type StepTypeInfo } from '../ui/step-types';
import { useValidation } from './use-validation';
import { useCanvasPlacement } from './use-canvas-placement';
import { VersionsPanel } from './VersionsPanel';
import { WorkflowPanel } from './WorkflowPanel';
import { EditorToolbar } from './EditorToolbar';
import { friendlyMessage } from './friendly-messages';
import { boundsOf } from './placement';
import { parseStepsYaml, stepsToYaml, type ClipboardStep } from './step-clipboard';
import { useLeaveGuard } from './use-leave-guard';
import { useDraft } from './use-draft';
import { usePanels } from './use-panels';
import { useEditorKeys } from './use-editor-keys';
import { LeaveDialog } from './LeaveDialog';
import { DraftOffer } from './DraftOffer';

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
  // The id a first save just created: the route moves to it, but the editor already holds the
  // workflow, with its undo history, so it is not loaded again.
  const created = useRef<string | null>(null);
  // Each load starts a fresh editor body (its draft offer, its first fit); a first save does not.
  const [loads, setLoads] = useState(0);

  const load = useCallback(async () => {
    try {
      if (workflowId === NEW) {
        // A new workflow lives only in the editor until its first save creates it.
        const name = new URLSearchParams(window.location.search).get('name') || 'Untitled workflow';
        const types = await loadStepTypes();
        setStepTypes(types);
        setWorkflow(draftWorkflow(name));
        dispatch({ kind: 'load', canvas: { meta: { name, inputs: {} }, nodes: [], edges: [] } });
        setLoads((count) => count + 1);
        return;
      }
      const [loaded, types] = await Promise.all([
        queryClient.fetchQuery({ ...workflowQuery(workflowId), staleTime: PREFETCHED_MS }),
        loadStepTypes(),
      ]);
      let canvas = definitionToCanvas(loaded.definition);
      // A definition written by hand has no positions: lay it out once.
      if (loaded.definition.steps.some((step) => !step.position)) {
        const positions = autoLayout(canvas.nodes, [...canvas.edges, ...referenceEdges(canvas, stepSyntaxOf(types))]);
        canvas = { ...canvas, nodes: canvas.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })) };
      }
      setStepTypes(types);
      setWorkflow(loaded);
      dispatch({ kind: 'load', canvas });
      setLoads((count) => count + 1);
    } catch (error) {
      setLoadError(error);
    }
  }, [workflowId]);
  useEffect(() => {
    if (created.current === workflowId) return;
    void load();
  }, [load, workflowId]);

  if (loadError) return <ErrorNote error={loadError} />;
  if (!workflow) return <div className="muted">Loading…</div>;
  return (
    <EditorBody
      key={loads}
      workflow={workflow}
      stepTypes={stepTypes}
      state={state}
      dispatch={dispatch}
      readOnly={!can.edit}
      canRun={can.run}
      onSaved={(saved, isNew) => {
        if (isNew) created.current = saved.id;
        setWorkflow(saved);
      }}
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
  onSaved(workflow: Workflow, isNew: boolean): void;
  onReload(): Promise<void>;
}

function EditorBody({ workflow, stepTypes, state, dispatch, readOnly, canRun, onSaved, onReload }: BodyProps) {
  const flow = useReactFlow();
  const [, navigate] = useLocation();
  const { canvas } = state;
  const [panel, setPanel] = useState<'edit' | 'versions'>('edit');
  const { panels, toggle } = usePanels(canvas.nodes.length > 0);
  const saving = useAction();
  const invalidate = useInvalidate();
  // Notes about the last action last until the next change: each remembers the revision it is about.
  const [savedNote, setSavedNote] = useState<{ text: string; revision: number } | null>(null);
  const [noteState, setNoteState] = useState<{ text: string; revision: number } | null>(null);
  const note = noteState && noteState.revision >= state.revision ? noteState.text : null;
  /** `afterChange`: the note is about a change dispatched with it (the revision moves by one). */
  const setNote = (text: string, afterChange = false) => setNoteState({ text, revision: state.revision + (afterChange ? 1 : 0) });
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const typesByName = useMemo(() => new Map(stepTypes.map((type) => [type.type, type])), [stepTypes]);
  const families = useMemo(() => new Map(stepTypes.map((type) => [type.type, type.family])), [stepTypes]);
  const syntaxOf = useMemo(() => stepSyntaxOf(stepTypes), [stepTypes]);
  const definition = useMemo(() => canvasToDefinition(canvas), [state.revision]); // eslint-disable-line react-hooks/exhaustive-deps
  const validation = useValidation(definition, state.revision);
  // References change only with content: recomputed per revision, not per drag frame.
  const inferredEdges = useMemo(() => referenceEdges(canvas, syntaxOf), [state.revision, syntaxOf]); // eslint-disable-line react-hooks/exhaustive-deps
  const edges = useMemo(() => [...canvas.edges, ...inferredEdges], [canvas.edges, inferredEdges]);
  const { canvasElement, fitTo, visibleCentre, addStep, addCopies, nodeRect } = useCanvasPlacement({
    canvas,
    dispatch,
    syntaxOf,
    families,
    onAdded: (message) => setNote(message, true),
  });
  const draft = useDraft({
    workflowId: workflow.id,
    version: workflow.version,
    definition,
    revision: state.revision,
    dirty: state.dirty,
    enabled: !readOnly,
  });

  const isNew = workflow.id === NEW;
  // What flows: each step's latest output (runs and tests), the pinned sample, draft runs of this definition.
  const data = useStepData(isNew ? null : workflow.id, definition);

  // Errors and warnings on nodes (in a form's words), each node's latest output, and families for
  // their colour, without touching history.
  const nodeErrors = useMemo(
    () => new Map([...validation.index.byStep].map(([id, messages]) => [id, messages.map(friendlyMessage)])),
    [validation.index],
  );
  const nodeOutputs = useMemo(() => new Map(Object.entries(data.latest).map(([id, latest]) => [id, outputSummary(latest)])), [data.latest]);
  useEffect(
    () => dispatch({ kind: 'decorate', errors: nodeErrors, warnings: validation.warningIndex.byStep, outputs: nodeOutputs, families }),
    [nodeErrors, validation.warningIndex, nodeOutputs, families, canvas.nodes.length, dispatch],
  );

  // Leaving with unsaved changes asks first: in the app with a dialog, out of it with the browser's prompt.
  const guard = useLeaveGuard(state.dirty && !readOnly, (proceed) => setLeaving(() => proceed), draft.flush);
  /** Goes to another page of the app, asking first when there are unsaved changes. */
  const go = (path: string) => {
    if (!state.dirty || readOnly) return navigate(path);
    setLeaving(() => () => {
      guard.leaving.current = true;
      navigate(path);
    });
  };

  const selectedNodes = canvas.nodes.filter((node) => node.selected);
  const selected = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  // A step may read any step but itself and those after it (reading one of them would close a cycle).
  const readable = useMemo(() => {
    const all = canvas.nodes.map((node) => node.id);
    if (!selected) return all;
    const after = new Set(downstreamOf(selected.id, edges));
    return all.filter((id) => id !== selected.id && !after.has(id));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected?.id, edges, canvas.nodes.length]);
  const code = useMemo(
    () =>
      codeContextFor({
        workflow: { id: workflow.id, version: workflow.version, name: canvas.meta.name || workflow.name },
        inputs: canvas.meta.inputs ?? {},
        readable,
        latest: data.latest,
        sample: data.sample,
        outputSchemas: validation.outputSchemas,
      }),
    [workflow, canvas.meta, readable, data.latest, data.sample, validation.outputSchemas],
  );
  const takenIds = useMemo(() => new Set(canvas.nodes.map((node) => node.id)), [canvas.nodes]);

  const selectedSteps = (): ClipboardStep[] => {
    const ids = new Set(selectedNodes.map((node) => node.id));
    return definition.steps.filter((step) => ids.has(step.id));
  };
  const copyText = () => (selectedNodes.length > 0 ? stepsToYaml(selectedSteps()) : null);
  const paste = (text: string) => {
    const parsed = parseStepsYaml(text);
    if (!parsed) return false;
    if ('error' in parsed) setNote(parsed.error);
    else addCopies(parsed.steps, visibleCentre());
    return true;
  };
  const duplicate = () => {
    if (readOnly || selectedNodes.length === 0) return;
    const bounds = boundsOf(selectedNodes.map(nodeRect))!;
    // Beside the originals: placement moves the copies off them, diagonally.
    addCopies(selectedSteps(), { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 });
  };
  const copyToClipboard = () => {
    const text = copyText();
    if (!text) return;
    navigator.clipboard.writeText(text).then(
      () => setNote(`Copied ${selectedNodes.length} step${selectedNodes.length === 1 ? '' : 's'} as YAML.`),
      () => setNote('The browser did not allow copying: use Ctrl+C on the canvas.'),
    );
  };

  useEditorKeys({
    readOnly,
    undo: () => dispatch({ kind: 'undo' }),
    redo: () => dispatch({ kind: 'redo' }),
    duplicate,
    copyText,
    paste,
  });

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    const type = typesByName.get(event.dataTransfer.getData(DRAG_TYPE));
    if (!type || readOnly) return;
    addStep(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const save = () =>
    saving.run(async () => {
      setSavedNote(null);
      setNoteState(null);
      const problems = validation.errors.length;
      if (problems > 0)
        throw new Error(`Fix ${problems} problem${problems === 1 ? '' : 's'} before saving (they are marked on the steps).`);
      const isNew = workflow.id === NEW;
      const saved = isNew ? await api.workflows.create(definition) : await api.workflows.update(workflow.id, definition);
      draft.clear(workflow.id);
      // Other pages' copies of workflows (the list, names, versions) are stale now.
      invalidate(keys.workflows.all);
      onSaved(saved, isNew);
      dispatch({ kind: 'saved' });
      setSavedNote({ text: `Saved as version ${saved.version}.`, revision: state.revision });
      if (isNew) navigate(`/workflows/${saved.id}`, { replace: true });
    });

  const layout = () => {
    const positions = autoLayout(canvas.nodes, edges);
    dispatch({ kind: 'layout', positions });
    fitTo(canvas.nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })));
  };

  const more = [
    { label: 'Duplicate selected', onSelect: duplicate, disabled: readOnly || selectedNodes.length === 0, hint: 'Ctrl+D' },
    { label: 'Copy selected as YAML', onSelect: copyToClipboard, disabled: selectedNodes.length === 0, hint: 'Ctrl+C; paste with Ctrl+V' },
    { label: 'Export as YAML', onSelect: () => downloadDefinition(definition, 'yaml') },
    { label: 'Export as JSON', onSelect: () => downloadDefinition(definition, 'json') },
    ...(isNew ? [] : [{ label: 'Trigger & schedules', onSelect: () => go(`/workflows/${workflow.id}/settings`) }]),
  ];

  return (
    <>
      <EditorToolbar
        title={canvas.meta.name || workflow.name}
        versionLabel={isNew ? 'not saved yet' : `v${workflow.version}`}
        dirty={state.dirty}
        validation={{ pending: validation.pending, problems: validation.errors.length }}
        readOnly={readOnly}
        canUndo={state.past.length > 0}
        canRedo={state.future.length > 0}
        saving={saving.busy}
        canSave={state.dirty || isNew}
        runHref={canRun && !isNew ? `/workflows/${workflow.id}/run` : null}
        showVersions={isNew ? null : panel === 'versions'}
        more={more}
        onUndo={() => dispatch({ kind: 'undo' })}
        onRedo={() => dispatch({ kind: 'redo' })}
        onLayout={layout}
        onFit={() => fitTo(canvas.nodes)}
        onToggleVersions={() => setPanel(panel === 'versions' ? 'edit' : 'versions')}
        onSave={() => void save()}
      />
      <div className={`editor${panels.palette ? '' : ' palette-folded'}${panels.side ? '' : ' side-folded'}`} data-testid="editor">
        {panels.palette ? (
          <Palette stepTypes={stepTypes} disabled={readOnly} onAdd={(type) => addStep(type)} onCollapse={() => toggle('palette')} />
        ) : (
          <button className="panel-rail" aria-label="Show step types" title="Show step types" onClick={() => toggle('palette')}>
            › <span>Steps</span>
          </button>
        )}
        <div
          className="canvas"
          ref={canvasElement}
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = 'move';
          }}
          onDrop={onDrop}
          data-testid="canvas"
        >
          {/* Notes float over the top of the canvas: the canvas never moves under the user's pointer. */}
          <div className="canvas-notes">
            {draft.offer && (
              <DraftOffer
                draft={draft.offer}
                version={workflow.version}
                onRestore={() => {
                  const restored = definitionToCanvas(draft.offer!.definition);
                  draft.dismissOffer();
                  dispatch({ kind: 'replace', canvas: restored });
                }}
                onDiscard={() => draft.clear()}
              />
            )}
            {(state.notice ?? note) && (
              <div className="notice editor-note" role="status">
                {state.notice ?? note}
              </div>
            )}
            {savedNote && savedNote.revision >= state.revision && (
              <div className="notice" data-testid="saved-note">
                {savedNote.text}
              </div>
            )}
            <ErrorNote error={saving.error} />
          </div>
          <ReactFlow<StepNode, Edge>
            nodes={canvas.nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            onNodesChange={(changes) => dispatch({ kind: 'nodes-changed', changes })}
            onEdgesChange={(changes) => dispatch({ kind: 'edges-changed', changes })}
            onConnect={(connection) => dispatch({ kind: 'connect', connection })}
            onPaneClick={() => dispatch({ kind: 'select', id: null })}
            // A loaded graph is shown whole once (a new, empty one keeps its viewport for the first drop).
            onInit={() => canvas.nodes.length > 0 && fitTo(canvas.nodes, 0)}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            elementsSelectable
            deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
            onlyRenderVisibleElements
            minZoom={0.1}
            maxZoom={2}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable ariaLabel="Overview of the workflow" />
          </ReactFlow>
        </div>
        {panels.side ? (
          <aside className="side-panel" data-testid="side-panel">
            <button
              className="panel-toggle side-toggle"
              aria-label="Hide side panel"
              title="Hide side panel"
              onClick={() => toggle('side')}
            >
              ›
            </button>
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
                warnings={validation.warningIndex.byField.get(selected.id) ?? new Map()}
                code={code}
                trial={
                  <StepTrial
                    stepId={selected.id}
                    latest={data.latest[selected.id]}
                    trial={data.trial?.target === selected.id ? data.trial : null}
                    pinned={data.sample?.outputs[selected.id] !== undefined}
                    unavailable={
                      isNew
                        ? 'Save the workflow once to try its steps on real data.'
                        : readOnly
                          ? 'Trying steps needs the editor role.'
                          : validation.errors.length > 0
                            ? 'Fix the problems marked on the steps to try them.'
                            : null
                    }
                    onTry={(mode) => void data.tryStep(selected.id, mode)}
                    onPin={(output) => void data.pinOutput(selected.id, output)}
                  />
                }
                takenIds={takenIds}
                readOnly={readOnly}
                onChange={(fields) => dispatch({ kind: 'update-step', id: selected.id, fields })}
                onRename={(to) => dispatch({ kind: 'rename-step', from: selected.id, to, syntaxOf })}
                onDuplicate={duplicate}
                onRemove={() => dispatch({ kind: 'remove-step', id: selected.id })}
              />
            ) : selectedNodes.length > 1 ? (
              <div data-testid="selection-panel">
                <h2>{selectedNodes.length} steps selected</h2>
                <p className="muted">
                  Ctrl+C copies them as YAML (paste into this or another workflow), Ctrl+D duplicates them, Delete removes them.
                </p>
                {!readOnly && <button onClick={duplicate}>Duplicate</button>}
              </div>
            ) : (
              <>
                <WorkflowPanel
                  meta={canvas.meta}
                  errors={validation.index.workflow}
                  code={code}
                  readOnly={readOnly}
                  onChange={(meta) => dispatch({ kind: 'update-meta', meta })}
                />
                {!isNew && (
                  <SampleInput inputs={canvas.meta.inputs ?? {}} sample={data.sample} readOnly={readOnly} onPin={data.pinSample} />
                )}
              </>
            )}
          </aside>
        ) : (
          <button className="panel-rail" aria-label="Show side panel" title="Show side panel" onClick={() => toggle('side')}>
            ‹ <span>{selected ? 'Step' : 'Workflow'}</span>
          </button>
        )}
      </div>
      {leaving && (
        <LeaveDialog
          onStay={() => setLeaving(null)}
          onDiscard={() => {
            draft.clear();
            const proceed = leaving;
            setLeaving(null);
            proceed();
          }}
        />
      )}
    </>
  );
}
