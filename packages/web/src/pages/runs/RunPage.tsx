import { useCallback, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { StepRun, WorkflowDefinition } from '@assay/schema';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { StatusBadge } from '../../ui/StatusBadge';
import type { StepFields } from '../../ui/canvas/graph';
import { ApprovalNote } from './ApprovalNote';
import { Artifacts } from './Artifacts';
import { BudgetNote } from './BudgetNote';
import { RunActions } from './RunActions';
import { RunCanvas } from './RunCanvas';
import { RunSummary } from './RunSummary';
import { RunWaterfall } from './RunWaterfall';
import { StepDetails } from './StepDetails';
import { shortId } from '../../ui/run-time';
import { useLiveRun } from './use-live-run';
import { useRunDefinition } from './use-run-definition';
import './runs.css';

/** A definition rebuilt from the run's steps, for when the workflow cannot be read: steps without edges. */
function definitionFromSteps(steps: readonly StepRun[]): WorkflowDefinition {
  return { name: 'run', inputs: {}, steps: steps.map((step) => ({ id: step.id, type: step.type, with: {}, needs: [] })) };
}

const NO_FAMILIES: ReadonlyMap<string, string> = new Map();

/** One run, live: its graph coloured by step status, the selected step's details, input, output and files. */
export function RunPage({ runId }: { runId: string }) {
  // Keyed: going to another run (after a rerun) starts from nothing, not from the previous run's state.
  return <RunView key={runId} runId={runId} />;
}

function RunView({ runId }: { runId: string }) {
  const { run, error, follow, toolCalls } = useLiveRun(runId);
  const loaded = useRunDefinition(run?.workflowId, run?.workflowVersion);
  const [selected, setSelected] = useState<string | null>(null);
  const onSelect = useCallback((id: string | null) => setSelected(id), []);

  // Only the step list's shape (ids) matters for the fallback graph: keep it stable across events.
  const stepIds = run?.steps.map((step) => `${step.id}:${step.type}`).join('\n') ?? '';
  const fallback = useMemo(() => definitionFromSteps(run?.steps ?? []), [stepIds]); // eslint-disable-line react-hooks/exhaustive-deps
  const definition = loaded.data?.definition ?? (loaded.loading ? null : fallback);
  const stepDefinition = useMemo(() => new Map((definition?.steps ?? []).map((step) => [step.id, step as StepFields])), [definition]);

  if (!run) return error ? <ErrorNote error={error} /> : <div className="muted">Loading…</div>;
  const selectedStep = selected ? run.steps.find((step) => step.id === selected) : undefined;
  return (
    <div>
      <PageHeader
        title={
          <>
            Run <code>{shortId(run.id)}</code>{' '}
            <span data-testid="run-status">
              <StatusBadge status={run.status} />
            </span>
          </>
        }
      >
        <RunActions run={run} onChanged={follow} />
      </PageHeader>
      <ErrorNote error={error ?? loaded.error} />
      <BudgetNote run={run} onChanged={follow} />
      <ApprovalNote run={run} />
      <div className="run-layout">
        <div>
          {definition && (
            <ReactFlowProvider>
              <RunCanvas
                definition={definition}
                families={loaded.data?.families ?? NO_FAMILIES}
                syntaxOf={loaded.data?.syntaxOf}
                steps={run.steps}
                selectedId={selected}
                onSelect={onSelect}
              />
            </ReactFlowProvider>
          )}
          {run.steps.length > 0 && <RunWaterfall run={run} onSelect={onSelect} />}
          <RunSummary run={run} workflowName={loaded.data?.workflow.name} />
          <Artifacts artifacts={run.artifacts} />
        </div>
        <aside className="run-side">
          {selected ? (
            <StepDetails
              stepId={selected}
              step={selectedStep}
              definition={stepDefinition.get(selected)}
              toolCalls={toolCalls[selected]}
              onClose={() => setSelected(null)}
            />
          ) : (
            <StepList steps={run.steps} onSelect={onSelect} />
          )}
        </aside>
      </div>
    </div>
  );
}

/** With no step selected, the side panel lists the steps: a way in that does not need the canvas. */
function StepList({ steps, onSelect }: { steps: readonly StepRun[]; onSelect(id: string): void }) {
  return (
    <div>
      <h2 style={{ marginTop: 0 }}>Steps</h2>
      <p className="muted">Click a step on the graph or here for its details.</p>
      <table className="table">
        <tbody>
          {steps.map((step) => (
            <tr key={step.id} className="clickable" onClick={() => onSelect(step.id)} data-testid={`step-row-${step.id}`}>
              <td>
                <code>{step.id}</code>
              </td>
              <td>
                <StatusBadge status={step.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
