import type { BudgetLimits, RunTriggerRequest } from '@assay/engine';
import type { RunError, RunMetadata, RunStatus, RunTrigger, StepStatus, WaitReason } from '@assay/schema';
import type { Selectable } from 'kysely';
import type { Db, StepRunsTable } from '../database';
import { fromJson, toJson, toMs } from '../codec';
import { idFloor } from '../ids';
import { param, prepareQuery, readTogether } from '../prepared-query';
import { prepareFileList, toArtifactRecords, type ArtifactRecord } from './artifact-store';
import { wakeRun } from '../engine/run-queue';
import type { WriteBatcher } from '../write-batcher';
import type { EventLog } from '../events/event-log';
import { budgetOf, type BatchSettlement } from '../batches/settle-batch';
import { queuedRunRow, type RunEnqueuer, type RunRow, type RunTemplate } from '../runs/enqueue-runs';

/** A run as stored (times in ms). */
export interface RunRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  input: Record<string, unknown>;
  output: unknown;
  error: RunError | null;
  trigger: RunTrigger;
  batchId: string | null;
  parentRunId: string | null;
  /** A replay's source run. */
  replayOf: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  callbackUrl: string | null;
  createdAt: number;
  startedAt: number | null;
  completedAt: number | null;
  /** Its spending limit on model calls (null: none). */
  budget: BudgetLimits | null;
  /** What its model calls cost, as of its last park or its end. */
  cost: { usd: number; tokens: number };
  /** Why a waiting run waits (null unless waiting). */
  waitReason: WaitReason | null;
  /** The caller's metadata as given at creation (`{}`: none). */
  metadata: RunMetadata;
  /** A draft run (the editor's test): read by id at `/v1/draft-runs/{id}`, never listed. */
  draft: boolean;
}

/** One step's stored state. */
export interface StepRunRecord {
  stepId: string;
  type: string;
  status: StepStatus;
  attempts: number;
  config: unknown;
  output: unknown;
  error: RunError | null;
  usage: Record<string, unknown> | null;
  startedAt: number | null;
  completedAt: number | null;
}

/** A run with everything its record shows: its steps and its files (oldest first). */
export interface RunWithDetails {
  run: RunRecord;
  steps: StepRunRecord[];
  files: ArtifactRecord[];
}

/** A run to queue: what runs queued together share (`RunTemplate`, never held), and its input. */
export interface NewRun extends Omit<RunTemplate, 'held'> {
  input: Record<string, unknown>;
}

export interface RunFilter {
  workflowId?: string;
  statuses?: RunStatus[];
  batchId?: string;
  createdAfter?: number;
  createdBefore?: number;
  /** `[key, value]` pairs a run's metadata must all hold (values compared in their string form). */
  metadata?: ReadonlyArray<readonly [string, string]>;
  limit: number;
  offset: number;
  lt?: string;
  gt?: string;
  direction: 'asc' | 'desc';
}

/** How often a workflow ran, and its most recently created run (times in ms). */
export interface WorkflowRunStats {
  runCount: number;
  lastRun: { id: string; status: RunStatus; createdAt: number };
}

const TERMINAL: RunStatus[] = ['completed', 'failed', 'cancelled'];

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    workflowVersion: Number(row.workflow_version),
    status: row.status as RunStatus,
    input: fromJson<Record<string, unknown>>(row.input) ?? {},
    output: fromJson(row.output),
    error: fromJson<RunError>(row.error),
    trigger: row.trigger as RunTrigger,
    batchId: row.batch_id,
    parentRunId: row.parent_run_id,
    replayOf: row.replay_of,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    callbackUrl: row.callback_url,
    createdAt: Number(row.created_at),
    startedAt: toMs(row.started_at),
    completedAt: toMs(row.completed_at),
    budget: budgetOf(row),
    cost: { usd: Number(row.cost_usd), tokens: Number(row.cost_tokens) },
    waitReason: row.status === 'waiting' ? ((row.wait_reason as RunRecord['waitReason']) ?? 'timer') : null,
    metadata: fromJson<RunMetadata>(row.metadata) ?? {},
    draft: Number(row.draft) === 1,
  };
}

function toStepRecord(row: Selectable<StepRunsTable>): StepRunRecord {
  return {
    stepId: row.step_id,
    type: row.type,
    status: row.status as StepStatus,
    attempts: Number(row.attempts),
    config: fromJson(row.config),
    output: fromJson(row.output),
    error: fromJson<RunError>(row.error),
    usage: fromJson<Record<string, unknown>>(row.usage),
    startedAt: toMs(row.started_at),
    completedAt: toMs(row.completed_at),
  };
}

/** Runs as the API creates, reads, cancels and retries them. */
export class RunStoreApi {
  // Creating and reading runs is the API's hot path: those statements are prepared once.
  private readonly sql: ReturnType<typeof prepareRunQueries>;

  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly events: EventLog,
    private readonly batches: BatchSettlement,
    private readonly enqueuer: RunEnqueuer,
  ) {
    this.sql = prepareRunQueries(db);
  }

  /**
   * Queues a new run. With an idempotency key already used in the workspace, nothing is created
   * and the original run is returned with `created: false`.
   */
  create(run: NewRun): Promise<{ run: RunRecord; created: boolean }> {
    const now = Date.now();
    const input = toJson(run.input) as string;
    const key = run.idempotencyKey ?? null;
    return this.writes.write(async (trx) => {
      if (key !== null) {
        const existing = await this.enqueuer.findByIdempotencyKey(trx, run.workspaceId, key);
        if (existing) return { run: toRunRecord(existing), created: false };
      }
      const [id] = await this.enqueuer.enqueue(trx, run, [input], now);
      return { run: toRunRecord(queuedRunRow(run, id as string, input, now)), created: true };
    });
  }

  async get(workspaceId: string, id: string): Promise<RunRecord | null> {
    const [row] = (await this.sql.get.execute(this.db, { workspaceId, id })).rows;
    return row ? toRunRecord(row) : null;
  }

  /**
   * A run with its steps and files, or null. On SQLite the three reads share one read transaction:
   * they see one commit, and cost half of three statements each opening its own.
   */
  async getWithDetails(workspaceId: string, id: string): Promise<RunWithDetails | null> {
    const together = readTogether(this.db, (rows) => {
      const [row] = rows(this.sql.get, { workspaceId, id });
      if (!row) return null;
      return {
        run: toRunRecord(row),
        steps: rows(this.sql.steps, { runId: id }).map(toStepRecord),
        files: toArtifactRecords(rows(this.sql.files, { runId: id })),
      };
    });
    if (together !== undefined) return together;
    const run = await this.get(workspaceId, id);
    if (!run) return null;
    const [steps, files] = await Promise.all([this.steps(id), this.sql.files.execute(this.db, { runId: id })]);
    return { run, steps, files: toArtifactRecords(files.rows) };
  }

  /** The request a webhook run was started by (`trigger.*` in its templates), or null. */
  async triggerRequest(workspaceId: string, id: string): Promise<RunTriggerRequest | null> {
    const row = await this.db
      .selectFrom('runs')
      .select('trigger_request')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return fromJson<RunTriggerRequest>(row?.trigger_request ?? null);
  }

  async steps(runId: string): Promise<StepRunRecord[]> {
    return (await this.sql.steps.execute(this.db, { runId })).rows.map(toStepRecord);
  }

  async list(workspaceId: string, filter: RunFilter): Promise<RunRecord[]> {
    // Draft runs are kept apart: no list shows them.
    let query = this.db.selectFrom('runs').selectAll().where('workspace_id', '=', workspaceId).where('draft', '=', 0);
    if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
    if (filter.batchId) query = query.where('batch_id', '=', filter.batchId);
    if (filter.statuses?.length) query = query.where('status', 'in', filter.statuses);
    // Each metadata pair is an IN on `run_metadata` (served by its workspace, key, value index).
    for (const [key, value] of filter.metadata ?? [])
      query = query.where('id', 'in', (eb) =>
        eb
          .selectFrom('run_metadata')
          .select('run_metadata.run_id')
          .where('run_metadata.workspace_id', '=', workspaceId)
          .where('run_metadata.key', '=', key)
          .where('run_metadata.value', '=', value),
      );
    // Time filters become id bounds: ids start with their creation time, so the id index serves them.
    if (filter.createdAfter !== undefined) query = query.where('id', '>=', idFloor(filter.createdAfter));
    if (filter.createdBefore !== undefined) query = query.where('id', '<', idFloor(filter.createdBefore));
    if (filter.lt) query = query.where('id', '<', filter.lt);
    if (filter.gt) query = query.where('id', '>', filter.gt);
    const rows = await query.orderBy('id', filter.direction).limit(filter.limit).offset(filter.offset).execute();
    return rows.map(toRunRecord);
  }

  /**
   * Run count and most recent run of each workflow, in one grouped query (a list page's stats). The
   * ids come from a page of this workspace's workflows; the count is served by the (workflow_id, id) index.
   */
  async statsForWorkflows(workspaceId: string, workflowIds: string[]): Promise<Map<string, WorkflowRunStats>> {
    if (workflowIds.length === 0) return new Map();
    const grouped = this.db
      .selectFrom('runs')
      .select((eb) => ['workflow_id', eb.fn.countAll().as('run_count'), eb.fn.max('id').as('last_id')])
      .where('workflow_id', 'in', workflowIds)
      .where('draft', '=', 0)
      .groupBy('workflow_id');
    const rows = await this.db
      .selectFrom(grouped.as('g'))
      .innerJoin('runs as r', 'r.id', 'g.last_id')
      .select(['g.workflow_id', 'g.run_count', 'r.id', 'r.status', 'r.created_at'])
      .where('r.workspace_id', '=', workspaceId)
      .execute();
    return new Map(
      rows.map((row) => [
        row.workflow_id,
        { runCount: Number(row.run_count), lastRun: { id: row.id, status: row.status as RunStatus, createdAt: Number(row.created_at) } },
      ]),
    );
  }

  /**
   * Cancels an in-progress run: it becomes `cancelled` at once and its running or pending steps
   * with it. Returns the run before the change (null if absent, or not of the kind `draft` asks for) and whether it changed.
   */
  cancel(workspaceId: string, id: string, draft = false): Promise<{ before: RunRecord | null; changed: boolean }> {
    return this.writes.write(async (trx) => {
      const row = await runOfKind(trx, workspaceId, id, draft);
      if (!row) return { before: null, changed: false };
      const before = toRunRecord(row);
      if (TERMINAL.includes(before.status)) return { before, changed: false };
      const now = Date.now();
      const error: RunError = { code: 'cancelled', message: 'cancelled by request', stepId: null };
      await trx
        .updateTable('runs')
        .set({
          status: 'cancelled',
          error: toJson(error),
          completed_at: now,
          updated_at: now,
          due_at: null,
          lease_owner: null,
          lease_expires_at: null,
        })
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('step_runs')
        .set({ status: 'cancelled', wake_at: null, completed_at: now })
        .where('run_id', '=', id)
        .where('status', 'in', ['running', 'pending'])
        .execute();
      await this.events.appendForRun(trx, { runId: id, type: 'run.cancelled', data: { status: 'cancelled', error } }, now);
      if (before.trigger === 'workflow' && before.parentRunId) await wakeRun(trx, before.parentRunId, now);
      if (before.batchId) await this.batches.runEnded(trx, before.batchId, now);
      return { before, changed: true };
    });
  }

  /**
   * Resumes a failed or cancelled run from where it stopped: completed and skipped steps keep their
   * checkpoints; failed, cancelled and unfinished steps start over. Returns the run before the change.
   */
  retry(workspaceId: string, id: string, draft = false): Promise<{ before: RunRecord | null; changed: boolean }> {
    return this.writes.write(async (trx) => {
      const row = await runOfKind(trx, workspaceId, id, draft);
      if (!row) return { before: null, changed: false };
      const before = toRunRecord(row);
      if (before.status !== 'failed' && before.status !== 'cancelled') return { before, changed: false };
      const now = Date.now();
      await trx.deleteFrom('step_runs').where('run_id', '=', id).where('status', 'not in', ['completed', 'skipped']).execute();
      // Finished items of an unfinished map are kept: the retried step resumes after them.
      await trx
        .updateTable('runs')
        .set({ status: 'queued', error: null, output: null, completed_at: null, updated_at: now, due_at: now })
        .where('id', '=', id)
        .execute();
      await this.events.appendForRun(trx, { runId: id, type: 'run.queued', data: { status: 'queued', trigger: 'retry' } }, now);
      if (before.batchId) await this.batches.reopen(trx, before.batchId, now);
      return { before, changed: true };
    });
  }

  /**
   * Sets the run's budget (a limit given replaces the old one, null removes it). A run waiting over
   * its budget becomes due at once (it resumes from its checkpoints, and parks again if the new
   * budget is still too small); a running run takes the new budget when it next parks or resumes.
   * Returns the run before the change (null if absent) and whether it was woken.
   */
  setBudget(
    workspaceId: string,
    id: string,
    change: { usd?: number | null; tokens?: number | null },
    draft = false,
  ): Promise<{ before: RunRecord | null; resumed: boolean }> {
    return this.writes.write(async (trx) => {
      const row = await runOfKind(trx, workspaceId, id, draft);
      if (!row) return { before: null, resumed: false };
      const before = toRunRecord(row);
      if (TERMINAL.includes(before.status)) return { before, resumed: false };
      const now = Date.now();
      const resumed = before.waitReason === 'budget_exceeded';
      await trx
        .updateTable('runs')
        .set({
          ...(change.usd !== undefined && { budget_usd: change.usd }),
          ...(change.tokens !== undefined && { budget_tokens: change.tokens }),
          ...(resumed && { due_at: now, wait_reason: null }),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      return { before, resumed };
    });
  }

  /** Counts runs per status in a workspace, or overall (for metrics; draft runs are not counted). */
  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('runs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('draft', '=', 0)
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Runs due now (the queue depth). */
  async queueDepth(now: number): Promise<number> {
    const row = await this.db
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('due_at', '<=', now)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

function prepareRunQueries(db: Db) {
  return {
    get: prepareQuery<{ workspaceId: string; id: string }, RunRow>(
      db.selectFrom('runs').selectAll().where('workspace_id', '=', param<string>('workspaceId')).where('id', '=', param<string>('id')),
    ),
    steps: prepareQuery<{ runId: string }, Selectable<StepRunsTable>>(
      db.selectFrom('step_runs').selectAll().where('run_id', '=', param<string>('runId')),
    ),
    files: prepareFileList(db),
  };
}

/** A run of the workspace by id, of the kind asked for (a draft run or a production run), or undefined. */
function runOfKind(trx: Db, workspaceId: string, id: string, draft: boolean) {
  return trx
    .selectFrom('runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('draft', '=', draft ? 1 : 0)
    .executeTakeFirst();
}
