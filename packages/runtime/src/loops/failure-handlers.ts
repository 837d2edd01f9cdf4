import { AGAIN, Loop, POLL, type Logger, type NextPass } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { RunService } from '@assay/server/services';
import type { FailedRunEvent, Store } from '@assay/store';

/** Failed runs looked at per pass. */
const PAGE = 100;
/** A burst of failures (a batch going wrong) is read in one pass. */
const DEBOUNCE_MS = 20;

export interface FailureHandlerOptions {
  store: Store;
  runs: RunService;
  logger: Logger;
  pollMs: number;
}

/**
 * Starts a workflow's `onFailure` workflow for each of its runs that fails, with the failed run's
 * summary as input (the fields the handler declares). It reads the `run.failed` events after its
 * cursor, so a failure during a restart is handled after it; the run it starts is keyed by the
 * failed run (`on-failure:<run id>`), so no failure is handled twice, by any number of workers. A
 * handler's own failure starts no handler (no loops).
 */
export class FailureHandlers {
  private readonly loop: Loop;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly options: FailureHandlerOptions) {
    const { logger, pollMs } = options;
    this.loop = new Loop({
      name: 'failure handlers',
      logger,
      clock: { now: () => Date.now() },
      pollMs,
      debounceMs: DEBOUNCE_MS,
      pass: () => this.pass(),
    });
  }

  start(): void {
    const { store } = this.options;
    this.unsubscribe.push(store.events.onAppended(() => this.loop.notify()));
    this.unsubscribe.push(
      store.events.onAppendedElsewhere((types) => (types === null || types.has('run.failed') ? this.loop.notify() : undefined)),
    );
    this.loop.start();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    await this.loop.stop();
  }

  private async pass(): Promise<NextPass> {
    const { store } = this.options;
    const failed = await store.failedRuns.after(await store.failedRuns.cursor(), PAGE);
    for (const event of failed) {
      await this.handle(event);
      await store.failedRuns.advance(event.seq);
    }
    return failed.length === PAGE ? AGAIN : POLL;
  }

  /** Starts the failed run's handler, if its workflow names one; a handler that cannot start is logged, not retried. */
  private async handle(event: FailedRunEvent): Promise<void> {
    const { store, runs, logger } = this.options;
    const run = await store.runs.get(event.workspaceId, event.runId);
    if (!run || run.trigger === 'failure') return;
    const version = await store.workflows.getVersion(run.workflowId, run.workflowVersion);
    const handler = version?.definition.onFailure?.workflow;
    if (!version || handler === undefined) return;
    const summary = {
      workflowId: run.workflowId,
      workflowName: version.definition.name,
      workflowVersion: run.workflowVersion,
      runId: run.id,
      failedStep: run.error?.stepId ?? null,
      error: run.error ? { code: run.error.code, message: run.error.message } : null,
      input: run.input,
      failedAt: new Date(run.completedAt ?? Date.now()).toISOString(),
    };
    try {
      await runs.create({
        workspaceId: run.workspaceId,
        workflowId: handler,
        input: summary,
        declaredOnly: true,
        trigger: 'failure',
        parentRunId: run.id,
        idempotencyKey: `on-failure:${run.id}`,
      });
    } catch (error) {
      // The handler was archived, deleted or declares an input the summary cannot give: say so once.
      if (!(error instanceof AssayError) || error.code === 'internal') throw error;
      logger.warn({ runId: run.id, handler, err: error }, `could not start the onFailure workflow: ${error.message}`);
    }
  }
}
