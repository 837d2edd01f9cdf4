import type { Engine, Logger } from '@assay/engine';
import type { Store } from '@assay/store';

/**
 * Logs one `run failed` line (warn) for each run this process's engine fails: the run, its workflow
 * and version, its workspace, and its error's code, message and step. The error is read back as the
 * store holds it, which the engine scrubbed of the run's secrets before writing it, so the line says
 * nothing the run's record does not. Returns the unsubscribe function.
 */
export function logFailedRuns(engine: Engine, store: Store, logger: Logger): () => void {
  return engine.onRunEvent((event) => {
    if (event.type !== 'run.failed') return;
    const { runId, workspaceId } = event;
    // One read per failed run (never on a run that succeeds), after the failure committed.
    store.runs.get(workspaceId, runId).then(
      (run) =>
        logger.warn(
          {
            runId,
            workspaceId,
            workflowId: run?.workflowId,
            workflowVersion: run?.workflowVersion,
            batchId: run?.batchId ?? undefined,
            draft: run?.draft || undefined,
            error: run?.error ? { code: run.error.code, message: run.error.message, stepId: run.error.stepId } : undefined,
          },
          'run failed',
        ),
      (error: unknown) => logger.warn({ runId, workspaceId, err: error }, 'run failed (its record could not be read)'),
    );
  });
}
