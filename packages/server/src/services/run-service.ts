import { createHash } from 'node:crypto';
import { isRunFinished, type Engine, type RunTriggerRequest } from '@assay/engine';
import {
  AssayError,
  TERMINAL_RUN_STATUSES,
  type Budget,
  type Run,
  type RunMetadata,
  type SetBudgetBody,
  type RunListQuery,
  type RunTrigger,
  type WorkflowDefinition,
} from '@assay/schema';
import type { RunRecord, Store } from '@assay/store';
import { presentRun } from './presenters';
import { validateRunInput } from './run-input';
import { pinnedVersion } from './workflow-version';

export interface CreateRunRequest {
  workspaceId: string;
  workflowId: string;
  input: Record<string, unknown>;
  trigger: RunTrigger;
  idempotencyKey?: string;
  callbackUrl?: string;
  priority?: number;
  parentRunId?: string;
  /** `?cache=bypass`: cached steps execute instead of reusing an earlier output. */
  cacheBypass?: boolean;
  /** The run's budget (default: the workflow's). */
  budget?: Budget;
  /** The caller's own keys kept beside the run (checked by `RunMetadataInput`). */
  metadata?: RunMetadata;
  /** Only the fields the workflow declares are taken from `input` (a webhook body); others are ignored. */
  declaredOnly?: boolean;
  /** A webhook run's request, kept for its steps as `trigger.*`. */
  triggerRequest?: RunTriggerRequest;
  /** The workflow version to run (default: the current one). */
  version?: number;
  /** A replay: the run whose steps' recorded outputs are reused where their resolved config is unchanged. */
  replayOf?: string;
}

/** A run list's query: its filters, paging, and `metadata.<key>=<value>` pairs. */
export type RunListRequest = RunListQuery & { workflowId?: string; metadata?: ReadonlyArray<readonly [string, string]> };

/** The longest `?wait=N` may hold a request. */
export const MAX_WAIT_SECONDS = 60;

/** Runs as the API sees them: creation with input checks and idempotency, reads, and state changes. */
export class RunService {
  private readonly definitions = new Map<string, Promise<WorkflowDefinition | null>>();

  constructor(
    private readonly store: Store,
    private readonly engine: Engine,
  ) {}

  /** Creates a run of the workflow's current version (or the one asked for). Returns the run and whether it is new. */
  async create(request: CreateRunRequest): Promise<{ run: RunRecord; created: boolean; definition: WorkflowDefinition }> {
    const workflow = await this.store.workflows.get(request.workspaceId, request.workflowId);
    if (!workflow) throw new AssayError('not_found', `workflow ${request.workflowId} not found`);
    if (workflow.archivedAt !== null) throw new AssayError('invalid_state', `workflow ${request.workflowId} is archived`);
    const pinned = await pinnedVersion(this.store, workflow, request.version);
    const declared = pinned.definition.inputs;
    const given = request.declaredOnly
      ? Object.fromEntries(Object.entries(request.input).filter(([name]) => Object.hasOwn(declared, name)))
      : request.input;
    const input = validateRunInput(declared, given);
    const metadata = request.metadata && Object.keys(request.metadata).length > 0 ? request.metadata : null;
    // Metadata joins the fingerprint only when given, so keys used before it existed still replay.
    const requestHash =
      request.idempotencyKey === undefined
        ? null
        : createHash('sha256')
            .update(
              `${request.workflowId}\n${JSON.stringify(request.input)}${metadata ? `\n${JSON.stringify(metadata)}` : ''}` +
                (request.version === undefined ? '' : `\nversion ${request.version}`),
            )
            .digest('hex');
    const creating = this.store.runs.create({
      workspaceId: request.workspaceId,
      workflowId: workflow.id,
      workflowVersion: pinned.version,
      input,
      trigger: request.trigger,
      idempotencyKey: request.idempotencyKey ?? null,
      requestHash,
      callbackUrl: request.callbackUrl ?? null,
      priority: request.priority,
      parentRunId: request.parentRunId ?? null,
      cacheBypass: request.cacheBypass,
      budget: request.budget ?? pinned.definition.budget ?? null,
      metadata,
      triggerRequest: request.triggerRequest ?? null,
      replayOf: request.replayOf ?? null,
    });
    // Asked in the same turn, this process's claim joins the transaction that creates the run.
    this.engine.notifyCreating();
    const result = await creating;
    if (!result.created && result.run.requestHash !== requestHash) {
      throw new AssayError('conflict', 'this Idempotency-Key was already used with a different workflow, input or metadata', {
        details: [{ path: 'idempotencyKey', message: 'already used for another request' }],
      });
    }
    if (result.created) this.engine.notify();
    return { ...result, definition: pinned.definition };
  }

  /** One run with its steps, or a 404 error (a draft run is read at `/v1/draft-runs/{id}`). */
  async get(workspaceId: string, runId: string): Promise<Run> {
    const found = await this.store.runs.getWithDetails(workspaceId, runId);
    if (!found || found.run.draft) throw new AssayError('not_found', `run ${runId} not found`);
    const { run, steps, files } = found;
    return presentRun(run, steps, await this.definition(run.workflowId, run.workflowVersion), files);
  }

  async require(workspaceId: string, runId: string): Promise<RunRecord> {
    const run = await this.store.runs.get(workspaceId, runId);
    if (!run || run.draft) throw new AssayError('not_found', `run ${runId} not found`);
    return run;
  }

  /**
   * A page of runs plus one (see `page`); with `workflowId`, that workflow's (404 if it is not in the
   * workspace). `query.workflowId` is the global list's filter: no such workflow, no runs.
   */
  async list(workspaceId: string, query: RunListRequest, workflowId?: string): Promise<RunRecord[]> {
    if (workflowId !== undefined && !(await this.store.workflows.get(workspaceId, workflowId)))
      throw new AssayError('not_found', `workflow ${workflowId} not found`);
    return this.store.runs.list(workspaceId, {
      workflowId: workflowId ?? query.workflowId,
      statuses: query.status,
      batchId: query.batchId,
      createdAfter: query.createdAfter ? Date.parse(query.createdAfter) : undefined,
      createdBefore: query.createdBefore ? Date.parse(query.createdBefore) : undefined,
      metadata: query.metadata,
      limit: query.limit + 1, // one more than the page: whether more follow is then known
      offset: (query.page - 1) * query.limit,
      lt: query.lt,
      gt: query.gt,
      direction: query.direction,
    });
  }

  /**
   * Changes an unfinished run's budget; a run waiting over its budget resumes from its checkpoints
   * (and parks again if the new budget is still too small). 409 for a finished run.
   */
  async setBudget(workspaceId: string, runId: string, change: SetBudgetBody): Promise<Run> {
    const { before, resumed } = await this.store.runs.setBudget(workspaceId, runId, change);
    if (!before) throw new AssayError('not_found', `run ${runId} not found`);
    if (TERMINAL_RUN_STATUSES.has(before.status))
      throw new AssayError('invalid_state', `run ${runId} is already ${before.status}; only an unfinished run's budget can change`);
    if (resumed) this.engine.notify();
    return this.get(workspaceId, runId);
  }

  /** Cancels an in-progress run (or, with `draft`, draft run) and aborts its step in flight; 409 if it already finished. */
  async cancel(workspaceId: string, runId: string, draft = false): Promise<void> {
    const { before, changed } = await this.store.runs.cancel(workspaceId, runId, draft);
    if (!before) throw new AssayError('not_found', `run ${runId} not found`);
    if (!changed)
      throw new AssayError('invalid_state', `run ${runId} is already ${before.status}; only an in-progress run can be cancelled`);
    this.engine.abortRun(runId, 'cancelled');
    this.engine.events.emit('run', { type: 'run.cancelled', runId, workspaceId, status: 'cancelled' });
  }

  /** Resumes a failed or cancelled run from the step that failed; 409 otherwise. */
  async retry(workspaceId: string, runId: string): Promise<void> {
    const { before, changed } = await this.store.runs.retry(workspaceId, runId);
    if (!before) throw new AssayError('not_found', `run ${runId} not found`);
    if (!changed) throw new AssayError('invalid_state', `run ${runId} is ${before.status}; only a failed or cancelled run can be retried`);
    this.engine.notify();
  }

  /**
   * A new run with the same input (and metadata) on the same version as the original (or `version`,
   * or the current one with `version: "current"`), linked by parentRunId.
   */
  rerun(workspaceId: string, runId: string, version?: number | 'current'): Promise<RunRecord> {
    return this.again(workspaceId, runId, 'rerun', (original) => ({
      version: version === 'current' ? undefined : (version ?? original.workflowVersion),
    }));
  }

  /**
   * Runs a finished run again on `version` (default: the current one) reusing the recorded output of
   * every step whose type and resolved config are unchanged, so only what changed executes (and is
   * paid for). Same input, metadata and budget; linked by parentRunId and replayOf.
   */
  replay(workspaceId: string, runId: string, version?: number): Promise<RunRecord> {
    return this.again(workspaceId, runId, 'replay', (original) => ({ version, replayOf: original.id }));
  }

  /** A finished run started again (`rerun`, `replay`) with its input, budget, metadata and webhook request (`trigger.*`). */
  private async again(
    workspaceId: string,
    runId: string,
    trigger: 'rerun' | 'replay',
    fields: (original: RunRecord) => Pick<CreateRunRequest, 'version' | 'replayOf'>,
  ): Promise<RunRecord> {
    const original = await this.require(workspaceId, runId);
    if (!TERMINAL_RUN_STATUSES.has(original.status))
      throw new AssayError(
        'invalid_state',
        `run ${runId} is ${original.status}; only a finished run can be ${trigger === 'rerun' ? 'rerun' : 'replayed'}`,
      );
    const { run } = await this.create({
      workspaceId,
      workflowId: original.workflowId,
      input: original.input,
      trigger,
      parentRunId: original.id,
      budget: original.budget ?? undefined,
      metadata: original.metadata,
      triggerRequest: (await this.store.runs.triggerRequest(workspaceId, original.id)) ?? undefined,
      ...fields(original),
    });
    return run;
  }

  /**
   * Resolves when the run is terminal or `seconds` pass. `run` is the record the caller holds (just
   * created, or replayed): nothing to wait for if it is already finished. Listens for the engine's
   * finish event (runs finished in this process) and re-reads the run every second (runs finished
   * elsewhere).
   */
  async waitForTerminal(run: Pick<RunRecord, 'id' | 'workspaceId' | 'status'>, seconds: number): Promise<void> {
    if (TERMINAL_RUN_STATUSES.has(run.status)) return;
    const { id: runId, workspaceId } = run;
    const deadline = Date.now() + Math.min(seconds, MAX_WAIT_SECONDS) * 1000;
    await new Promise<void>((resolve) => {
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        unsubscribe();
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      };
      const unsubscribe = this.engine.onRunEvent((event) => {
        if (event.runId === runId && isRunFinished(event)) finish();
      });
      const timer = setTimeout(finish, Math.max(0, deadline - Date.now()));
      const poll = setInterval(
        () =>
          void this.store.runs.get(workspaceId, runId).then((current) => {
            if (!current || TERMINAL_RUN_STATUSES.has(current.status)) finish();
          }),
        1000,
      );
    });
  }

  private definition(workflowId: string, version: number): Promise<WorkflowDefinition | null> {
    const key = `${workflowId}@${version}`;
    let definition = this.definitions.get(key);
    if (!definition) {
      definition = this.store.workflows.getVersion(workflowId, version).then((v) => v?.definition ?? null);
      if (this.definitions.size > 1000) this.definitions.clear();
      this.definitions.set(key, definition);
    }
    return definition;
  }
}
