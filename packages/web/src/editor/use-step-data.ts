import { useCallback, useEffect, useRef, useState } from 'react';
import type { DraftRun, DraftRunMode, LatestOutputs, WorkflowDefinitionInput, WorkflowSample } from '@assay/schema';
import { api } from '../api';

const FINISHED = new Set(['completed', 'failed', 'cancelled']);
/** How long one request waits for a draft run to end (the server's most is 60 s); then it is polled. */
const WAIT_SECONDS = 20;

export interface Trial {
  target: string;
  mode: DraftRunMode;
  run: DraftRun | null;
  error: unknown;
}

/**
 * What flows through a saved workflow, for the editor: each step's latest output (from a run or a
 * test), the pinned sample, and draft runs ("Test step", "Run to here") on the unsaved definition.
 * A new workflow has none of it until its first save.
 */
export function useStepData(workflowId: string | null, definition: WorkflowDefinitionInput) {
  const [latest, setLatest] = useState<LatestOutputs['steps']>({});
  const [sample, setSample] = useState<WorkflowSample | null>(null);
  const [trial, setTrial] = useState<Trial | null>(null);
  const current = useRef(definition);
  current.current = definition;

  const refresh = useCallback(async () => {
    if (!workflowId) return;
    const [outputs, pinned] = await Promise.all([api.drafts.latestOutputs(workflowId), api.drafts.sample(workflowId)]);
    setLatest(outputs.steps);
    setSample(pinned);
  }, [workflowId]);
  useEffect(() => {
    void refresh().catch(() => undefined);
  }, [refresh]);

  const tryStep = useCallback(
    async (target: string, mode: DraftRunMode) => {
      if (!workflowId) return;
      setTrial({ target, mode, run: null, error: null });
      try {
        let run = await api.drafts.run(workflowId, { definition: current.current as never, target, mode }, { wait: WAIT_SECONDS });
        setTrial({ target, mode, run, error: null });
        while (!FINISHED.has(run.status)) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          run = await api.drafts.get(run.id);
          setTrial({ target, mode, run, error: null });
        }
        await refresh();
      } catch (error) {
        setTrial({ target, mode, run: null, error });
      }
    },
    [workflowId, refresh],
  );

  const pinSample = useCallback(
    async (input: Record<string, unknown>) => {
      if (!workflowId) return;
      setSample(await api.drafts.pinSample(workflowId, { input, outputs: sample?.outputs ?? {} }));
    },
    [workflowId, sample],
  );

  /** Pins a step's output: "Test step" of the steps after it uses it before any run's. */
  const pinOutput = useCallback(
    async (stepId: string, output: unknown) => {
      if (!workflowId) return;
      setSample(await api.drafts.pinSample(workflowId, { input: sample?.input ?? {}, outputs: { ...sample?.outputs, [stepId]: output } }));
    },
    [workflowId, sample],
  );

  return { latest, sample, trial, tryStep, pinSample, pinOutput, refresh };
}
