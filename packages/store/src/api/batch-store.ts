import type { RunError, RunStatus } from '@assay/schema';
import type { Selectable, Transaction } from 'kysely';
import type { BatchesTable, Database, Db } from '../database';
import { fromJson, toJson, toMs } from '../codec';
import { newId } from '../ids';
import { param, prepareQuery } from '../prepared-query';
import type { WriteBatcher } from '../write-batcher';
import type { EventLog } from '../events/event-log';
import { budgetOf, type BatchSettlement } from '../batches/settle-batch';
import type { BudgetLimits } from '@assay/engine';
import type { RunEnqueuer, RunRow, RunTemplate } from '../runs/enqueue-runs';

export type BatchSource = 'json' | 'csv' | 'dataset';
export type BatchStatus = 'running' | 'completed' | 'cancelled';

/** A row refused by validation (1-based data row). */
export interface InvalidRowRecord {
  row: number;
  field: string;
  reason: string;
}

/** A batch as stored (times in ms). */
export interface BatchRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  status: BatchStatus;
  source: BatchSource;
  total: number;
  /** The refused rows kept (a capped list) and how many there were in all. */
  invalid: InvalidRowRecord[];
  invalidCount: number;
  concurrency: number | null;
  priority: number;
  createdAt: number;
  completedAt: number | null;
  /** The batch's spending limit on model calls over all its runs (null: none). */
  budget: BudgetLimits | null;
  /** What its runs' model calls cost (as of each run's last park or end). */
  cost: { usd: number; tokens: number };
  /** When its cost reached its budget: its queued runs are held until the budget is raised. */
  budgetExceededAt: number | null;
}

export interface NewBatch {
  workspaceId: string;
  workflowId: string;
  workflowVersion: number;
  source: BatchSource;
  /** Each run's input, already validated and serialized (JSON text), in input order. */
  inputs: readonly string[];
  /** Each run's replay source (same order as `inputs`): its unchanged steps' outputs are reused. */
  replayOf?: ReadonlyArray<string | null>;
  concurrency: number | null;
  priority: number;
  /** Its runs' cached steps execute instead of reusing earlier outputs. */
  cacheBypass?: boolean;
  /** The batch's own budget, over all its runs. */
  budget?: BudgetLimits | null;
  /** Each run's budget (the workflow's default). */
  runBudget?: BudgetLimits | null;
  invalid: InvalidRowRecord[];
  invalidCount: number;
}

/** Counts of a batch's runs by status. */
export type StatusCounts = Partial<Record<RunStatus, number>>;

/** What the open batches (status `running`) hold: how many there are, and their runs by status. */
export interface OpenBatchProgress {
  open: number;
  runsByStatus: StatusCounts;
}

/** One run of a batch as the results export reads it. */
export interface BatchResultRow {
  id: string;
  status: RunStatus;
  input: Record<string, unknown>;
  output: unknown;
  error: RunError | null;
}

/** Rows per transaction while a batch is inserted: other writers (the engine, the API) get turns in between. */
const ROWS_PER_TRANSACTION = 20_000;

function toRecord(row: Selectable<BatchesTable>): BatchRecord {
  // `invalid` is `{ count, rows }`; a bare array (count = its length) is read too.
  const stored = fromJson<{ count: number; rows: InvalidRowRecord[] } | InvalidRowRecord[]>(row.invalid);
  const invalid = Array.isArray(stored) ? stored : (stored?.rows ?? []);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    workflowVersion: Number(row.workflow_version),
    status: row.status as BatchStatus,
    source: row.source as BatchSource,
    total: Number(row.total),
    invalid,
    invalidCount: Array.isArray(stored) ? stored.length : (stored?.count ?? 0),
    concurrency: row.concurrency === null ? null : Number(row.concurrency),
    priority: Number(row.priority),
    createdAt: Number(row.created_at),
    completedAt: toMs(row.completed_at),
    budget: budgetOf(row),
    cost: { usd: Number(row.cost_usd), tokens: Number(row.cost_tokens) },
    budgetExceededAt: toMs(row.budget_exceeded_at),
  };
}

/**
 * Batches ("run over a list"): creating one inserts all its runs in multi-row statements; the
 * queue semantics (concurrency cap through held runs, `batch.completed` once) live in
 * `batches/settle-batch.ts`, shared with the engine's side of the store.
 */
export class BatchStore {
  private readonly sql: ReturnType<typeof prepareBatchQueries>;

  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly events: EventLog,
    private readonly settlement: BatchSettlement,
    private readonly enqueuer: RunEnqueuer,
  ) {
    this.sql = prepareBatchQueries(db);
  }

  /**
   * Creates the batch and its runs. The runs are queued held (`due_at` null, invisible to
   * claims), with their `run.queued` events, in a few transactions; then the last transaction
   * writes the batch, releases the first runs (all of them, or `concurrency`) and records
   * `batch.created`: no run starts before the batch exists, and a failure part-way leaves nothing
   * behind.
   */
  async create(batch: NewBatch): Promise<BatchRecord> {
    const now = Date.now();
    const id = newId(now);
    const template: RunTemplate = {
      workspaceId: batch.workspaceId,
      workflowId: batch.workflowId,
      workflowVersion: batch.workflowVersion,
      trigger: 'batch',
      batchId: id,
      priority: batch.priority,
      held: true,
      cacheBypass: batch.cacheBypass,
      budget: batch.runBudget ?? null,
    };
    try {
      for (let start = 0; start < batch.inputs.length; start += ROWS_PER_TRANSACTION) {
        const inputs = batch.inputs.slice(start, start + ROWS_PER_TRANSACTION);
        const replayOf = batch.replayOf?.slice(start, start + ROWS_PER_TRANSACTION);
        await this.db.transaction().execute((trx) => this.enqueuer.enqueue(trx, template, inputs, now, replayOf));
        // Let requests and the engine in between transactions.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const row: Selectable<BatchesTable> = {
        id,
        workspace_id: batch.workspaceId,
        workflow_id: batch.workflowId,
        workflow_version: batch.workflowVersion,
        status: 'running',
        source: batch.source,
        total: batch.inputs.length,
        invalid: batch.invalidCount > 0 ? JSON.stringify({ count: batch.invalidCount, rows: batch.invalid }) : null,
        concurrency: batch.concurrency,
        priority: batch.priority,
        created_at: now,
        completed_at: null,
        updated_at: now,
        budget_usd: batch.budget?.usd ?? null,
        budget_tokens: batch.budget?.tokens ?? null,
        cost_usd: 0,
        cost_tokens: 0,
        budget_exceeded_at: null,
      };
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('batches').values(row).execute();
        await releaseHeld(trx, id, batch.concurrency, Date.now());
        await this.events.append(
          trx,
          [
            {
              workspaceId: batch.workspaceId,
              type: 'batch.created',
              workflowId: batch.workflowId,
              batchId: id,
              data: {
                batchId: id,
                total: row.total,
                source: batch.source,
                concurrency: batch.concurrency,
                priority: batch.priority,
                invalidCount: batch.invalidCount,
                ...(batch.budget && { budget: batch.budget }),
              },
            },
          ],
          now,
        );
      });
      this.events.committed();
      return toRecord(row);
    } catch (error) {
      // Nothing of a batch that was not created may run: its runs are all still held.
      await this.db
        .deleteFrom('runs')
        .where('batch_id', '=', id)
        .execute()
        .catch(() => undefined);
      await this.db
        .deleteFrom('events')
        .where('batch_id', '=', id)
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  async get(workspaceId: string, id: string): Promise<BatchRecord | null> {
    const row = await batchRow(this.db, workspaceId, id);
    return row ? toRecord(row) : null;
  }

  async list(
    workspaceId: string,
    filter: { limit: number; lt?: string; gt?: string; direction: 'asc' | 'desc'; workflowId?: string; status?: BatchStatus },
  ): Promise<BatchRecord[]> {
    let query = this.db.selectFrom('batches').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.lt) query = query.where('id', '<', filter.lt);
    if (filter.gt) query = query.where('id', '>', filter.gt);
    return (await query.orderBy('id', filter.direction).limit(filter.limit).execute()).map(toRecord);
  }

  /** The batch's runs per status (one pass over the `runs_batch_status` index). */
  async counts(batchId: string): Promise<StatusCounts> {
    const rows = await this.sql.counts.execute(this.db, { batchId });
    return Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * Across every workspace: how many batches are open (status `running`) and their runs by status,
   * for the metrics' batch progress gauges. The runs' side walks the `runs_batch_status` index of
   * each open batch.
   */
  async openProgress(): Promise<OpenBatchProgress> {
    const [open, runs] = await Promise.all([
      this.db
        .selectFrom('batches')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'running')
        .executeTakeFirst(),
      this.db
        .selectFrom('runs')
        .innerJoin('batches', 'batches.id', 'runs.batch_id')
        .select(['runs.status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('batches.status', '=', 'running')
        .groupBy('runs.status')
        .execute(),
    ]);
    return { open: Number(open?.n ?? 0), runsByStatus: Object.fromEntries(runs.map((row) => [row.status, Number(row.n)])) };
  }

  /** When the batch's first run (in input order) started; runs are claimed in that order. */
  async firstStartedAt(batchId: string): Promise<number | null> {
    const { rows } = await this.sql.firstStarted.execute(this.db, { batchId });
    return toMs(rows[0]?.started_at ?? null);
  }

  /** A page of the batch's runs in input order, after `afterId` (keyset: cost does not grow with the page number). */
  async resultsPage(batchId: string, afterId: string, limit: number): Promise<BatchResultRow[]> {
    const { rows } = await this.sql.resultsPage.execute(this.db, { batchId, afterId, limit });
    return rows.map((row) => ({
      id: row.id,
      status: row.status as RunStatus,
      input: fromJson<Record<string, unknown>>(row.input) ?? {},
      output: fromJson(row.output),
      error: fromJson<RunError>(row.error),
    }));
  }

  /** The output of the batch's first completed run (results take their columns from it when the workflow maps no output). */
  async firstCompletedOutput(batchId: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('runs')
      .select('output')
      .where('batch_id', '=', batchId)
      .where('status', '=', 'completed')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row ? fromJson(row.output) : undefined;
  }

  /**
   * Cancels the batch: its queued (held or not) and waiting runs become `cancelled` with their
   * unfinished steps, in one transaction; runs already running finish normally. Finishes the batch
   * (and records `batch.completed`) when nothing is left running. `changed` is false when the batch
   * had already finished or been cancelled.
   */
  cancel(workspaceId: string, id: string): Promise<{ before: BatchRecord | null; changed: boolean; cancelledRuns: number }> {
    return this.writes.write(async (trx) => {
      const row = await batchRow(trx, workspaceId, id);
      if (!row) return { before: null, changed: false, cancelledRuns: 0 };
      const before = toRecord(row);
      if (before.status !== 'running' || before.completedAt !== null) return { before, changed: false, cancelledRuns: 0 };
      const now = Date.now();
      const error: RunError = { code: 'cancelled', message: 'batch cancelled', stepId: null };
      await trx
        .updateTable('step_runs')
        .set({ status: 'cancelled', wake_at: null, completed_at: now })
        .where('run_id', 'in', (eb) =>
          eb.selectFrom('runs').select('id').where('batch_id', '=', id).where('status', 'in', ['queued', 'waiting']),
        )
        .where('status', 'in', ['running', 'pending'])
        .execute();
      const result = await trx
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
        .where('batch_id', '=', id)
        .where('status', 'in', ['queued', 'waiting'])
        .executeTakeFirst();
      await trx.updateTable('batches').set({ status: 'cancelled', updated_at: now }).where('id', '=', id).execute();
      await this.settlement.finishIfDone(trx, id, now);
      return { before, changed: true, cancelledRuns: Number(result.numUpdatedRows) };
    });
  }

  /**
   * Queues the batch's failed and cancelled runs again, like a single run's retry (completed and
   * skipped steps keep their checkpoints), in one transaction. Under a concurrency cap only as many
   * as the cap leaves room for are due now; the rest are held and released as runs end. A cancelled
   * batch is running again.
   */
  retryFailed(workspaceId: string, id: string): Promise<{ before: BatchRecord | null; retried: number }> {
    return this.writes.write(async (trx) => {
      const row = await batchRow(trx, workspaceId, id);
      if (!row) return { before: null, retried: 0 };
      const before = toRecord(row);
      const now = Date.now();
      const retryable = ['failed', 'cancelled'];
      await trx
        .deleteFrom('step_runs')
        .where('run_id', 'in', (eb) => eb.selectFrom('runs').select('id').where('batch_id', '=', id).where('status', 'in', retryable))
        .where('status', 'not in', ['completed', 'skipped'])
        .execute();
      const result = await trx
        .updateTable('runs')
        .set({ status: 'queued', error: null, output: null, completed_at: null, updated_at: now, due_at: null })
        .where('batch_id', '=', id)
        .where('status', 'in', retryable)
        .executeTakeFirst();
      const retried = Number(result.numUpdatedRows);
      if (retried === 0) return { before, retried };
      await this.settlement.reopen(trx, id, now);
      if (before.status === 'cancelled') await trx.updateTable('batches').set({ status: 'running' }).where('id', '=', id).execute();
      if (before.budgetExceededAt === null) await releaseHeld(trx, id, before.concurrency, now);
      return { before, retried };
    });
  }

  /**
   * Sets the batch's budget (a limit given replaces the old one, null removes it). A batch held by
   * its budget that is now within it releases its held runs (as many as its cap allows).
   */
  setBudget(
    workspaceId: string,
    id: string,
    change: { usd?: number | null; tokens?: number | null },
  ): Promise<{ batch: BatchRecord | null; released: boolean }> {
    return this.writes.write(async (trx) => {
      const row = await batchRow(trx, workspaceId, id);
      if (!row) return { batch: null, released: false };
      const now = Date.now();
      const budgetUsd = change.usd === undefined ? row.budget_usd : change.usd;
      const budgetTokens = change.tokens === undefined ? row.budget_tokens : change.tokens;
      const over =
        (budgetUsd !== null && Number(row.cost_usd) >= Number(budgetUsd)) ||
        (budgetTokens !== null && Number(row.cost_tokens) >= Number(budgetTokens));
      const released = row.budget_exceeded_at !== null && !over;
      const exceededAt = over ? (row.budget_exceeded_at ?? now) : null;
      await trx
        .updateTable('batches')
        .set({ budget_usd: budgetUsd, budget_tokens: budgetTokens, budget_exceeded_at: exceededAt, updated_at: now })
        .where('id', '=', id)
        .execute();
      const updated = { ...row, budget_usd: budgetUsd, budget_tokens: budgetTokens, budget_exceeded_at: exceededAt, updated_at: now };
      // Lowered below what it spent: held now, as if a run had just crossed it.
      if (over && row.budget_exceeded_at === null && row.completed_at === null) await this.settlement.holdOverBudget(trx, updated, now);
      if (released && row.status === 'running') await releaseHeld(trx, id, row.concurrency === null ? null : Number(row.concurrency), now);
      return { batch: toRecord(updated), released };
    });
  }
}

/** The workspace's batch row (null when the workspace has no such batch). */
function batchRow(db: Db | Transaction<Database>, workspaceId: string, id: string): Promise<Selectable<BatchesTable> | undefined> {
  return db.selectFrom('batches').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/**
 * Makes held runs of the batch due: all of them without a cap, else as many as the cap leaves room
 * for beside the runs already in progress or due (the rest are released one by one as runs end).
 */
async function releaseHeld(trx: Transaction<Database>, batchId: string, concurrency: number | null, now: number): Promise<void> {
  if (concurrency === null) {
    await trx
      .updateTable('runs')
      .set({ due_at: now })
      .where('batch_id', '=', batchId)
      .where('status', '=', 'queued')
      .where('due_at', 'is', null)
      .execute();
    return;
  }
  const active = await trx
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId)
    .where((eb) => eb.or([eb('status', 'in', ['running', 'waiting']), eb.and([eb('status', '=', 'queued'), eb('due_at', 'is not', null)])]))
    .executeTakeFirst();
  const room = concurrency - Number(active?.n ?? 0);
  if (room <= 0) return;
  await trx
    .updateTable('runs')
    .set({ due_at: now })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('runs')
        .select('id')
        .where('batch_id', '=', batchId)
        .where('status', '=', 'queued')
        .where('due_at', 'is', null)
        .orderBy('id')
        .limit(room),
    )
    .execute();
}

function prepareBatchQueries(db: Db) {
  return {
    counts: prepareQuery<{ batchId: string }, { status: string; n: number }>(
      db
        .selectFrom('runs')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('batch_id', '=', param<string>('batchId'))
        .groupBy('status'),
    ),
    firstStarted: prepareQuery<{ batchId: string }, { started_at: number | null }>(
      db
        .selectFrom('runs')
        .select('started_at')
        .where('batch_id', '=', param<string>('batchId'))
        .where('started_at', 'is not', null)
        .orderBy('id')
        .limit(1),
    ),
    resultsPage: prepareQuery<
      { batchId: string; afterId: string; limit: number },
      Pick<RunRow, 'id' | 'status' | 'input' | 'output' | 'error'>
    >(
      db
        .selectFrom('runs')
        .select(['id', 'status', 'input', 'output', 'error'])
        .where('batch_id', '=', param<string>('batchId'))
        .where('id', '>', param<string>('afterId'))
        .orderBy('id')
        .limit(param<number>('limit')),
    ),
  };
}
