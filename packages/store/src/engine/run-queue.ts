import type {
  BudgetLimits,
  CachedOutput,
  ClaimedRun,
  ItemResult,
  Lease,
  Park,
  RunResult,
  RunStore,
  RunTriggerRequest,
  StepItemEvent,
  StepRecord,
} from '@assay/engine';
import { AssayError, WorkflowDefinition, type RunError, type StepStatus } from '@assay/schema';
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { Database, Db, StepCacheTable, StepRunsTable } from '../database';
import { param, prepareQuery } from '../prepared-query';
import { fromJson, toJson, toMs } from '../codec';
import type { WriteBatcher } from '../write-batcher';
import type { StoreDialect } from '../dialect/dialect';
import { CLAIMED_COLUMNS, type ClaimedRow, type FlowControl } from './flow-control';
import { stepEvent, type EventLog } from '../events/event-log';
import { budgetOf, type BatchSettlement } from '../batches/settle-batch';
import { groupedCheckpoints, groupedFinishes, StepReads, type FinishedRun, type FinishRow } from './grouped-writes';

/**
 * The engine's side of the store (the `RunStore` port): claiming, leases, step checkpoints and
 * run completion. Every write made under a lease is fenced: it only applies while the run is still
 * `running` under that worker's lease, so a cancelled run or a run taken over by another worker can
 * never be overwritten by a worker that lost it.
 */
export class RunQueue implements RunStore {
  private readonly sql: ReturnType<typeof prepareHotPath>;
  /** Step records of runs starting together, read by one statement (PostgreSQL). */
  private readonly stepReads: StepReads | null;
  /** Checkpoints and finishes of many runs in one group transaction share one statement (PostgreSQL). */
  private readonly grouped: { checkpoints: ReturnType<typeof groupedCheckpoints>; finishes: ReturnType<typeof groupedFinishes> };

  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly events: EventLog,
    private readonly batches: BatchSettlement,
    private readonly flow: FlowControl,
    private readonly dialect: StoreDialect,
  ) {
    this.sql = prepareHotPath(db, dialect);
    this.stepReads = dialect.arrayRows === null ? null : new StepReads(db, dialect.arrayRows);
    this.grouped = { checkpoints: groupedCheckpoints(dialect, this.sql.checkpoint), finishes: groupedFinishes(dialect, this.sql.finish) };
  }

  claimRuns(options: { workerId: string; limit: number; now: number; leaseMs: number }): Promise<ClaimedRun[]> {
    const { workerId, limit, now, leaseMs } = options;
    return this.writes.write(async (trx) => {
      // With a concurrency limit in force, claims count what runs; otherwise one prepared statement.
      const rows = (await this.flow.active(trx, now))
        ? await this.flow.claim(trx, options)
        : (await this.sql.claim.execute(trx, { workerId, leaseExpiresAt: now + leaseMs, now, limit })).rows;
      const started = { type: 'run.started' as const, data: { status: 'running' } };
      for (const row of rows)
        await this.events.appendForLease(
          trx,
          { runId: row.id, workspaceId: row.workspace_id, workflowId: row.workflow_id, batchId: row.batch_id },
          started,
          now,
        );
      return rows.map((row) => ({
        batchId: row.batch_id,
        cacheBypass: Number(row.cache_bypass) === 1,
        replayOf: row.replay_of,
        draft: Number(row.draft) === 1,
        id: row.id,
        workspaceId: row.workspace_id,
        workflowId: row.workflow_id,
        workflowVersion: Number(row.workflow_version),
        input: fromJson<Record<string, unknown>>(row.input) ?? {},
        trigger: fromJson<RunTriggerRequest>(row.trigger_request),
        createdAt: Number(row.created_at),
        startedAt: toMs(row.started_at) ?? now,
        budget: budgetOf(row),
        cost: { usd: Number(row.cost_usd), tokens: Number(row.cost_tokens) },
      }));
    });
  }

  renewLeases(options: { workerId: string; runIds: string[]; now: number; leaseMs: number }): Promise<Set<string>> {
    const { workerId, now, leaseMs } = options;
    return this.writes.write(async (trx) => {
      // Locks the rows in id order, as a group's finishes do: another group transaction of this
      // process finishing some of these runs meanwhile waits, instead of deadlocking with this one.
      const rows = await trx
        .updateTable('runs')
        .set({ lease_expires_at: now + leaseMs })
        .where('id', 'in', (eb) =>
          this.dialect.forUpdate(
            eb.selectFrom('runs').select('id').where('lease_owner', '=', workerId).where('status', '=', 'running').orderBy('id'),
          ),
        )
        .returning('id')
        .execute();
      return new Set(rows.map((r) => r.id));
    });
  }

  releaseForeignLeases(options: { workerId: string; now: number }): Promise<number> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('runs')
        .set({ lease_owner: null, lease_expires_at: null, due_at: options.now })
        .where('lease_owner', 'is not', null)
        .where('lease_owner', '!=', options.workerId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  recoverExpiredLeases(options: { now: number }): Promise<number> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('runs')
        .set({ lease_owner: null, lease_expires_at: null, due_at: options.now })
        .where('lease_owner', 'is not', null)
        .where('lease_expires_at', '<', options.now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  async nextDueAt(): Promise<number | null> {
    // Prepared: the worker pool asks before every claim it was not told is due (a read, not a write).
    const [row] = (await this.sql.nextDue.execute(this.db, {})).rows;
    return toMs(row?.next ?? null);
  }

  async readCache(workspaceId: string, key: string, now: number): Promise<CachedOutput | null> {
    const [row] = (await this.sql.readCache.execute(this.db, { workspaceId, key, now })).rows;
    if (!row) return null;
    return {
      output: fromJson(row.output),
      usage: fromJson<Record<string, unknown>>(row.usage),
      runId: row.run_id,
      stepId: row.step_id,
      createdAt: Number(row.created_at),
    };
  }

  writeCache(workspaceId: string, key: string, entry: CachedOutput, expiresAt: number): Promise<void> {
    const row = {
      workspace_id: workspaceId,
      key,
      output: toJson(entry.output),
      usage: toJson(entry.usage),
      run_id: entry.runId,
      step_id: entry.stepId,
      created_at: entry.createdAt,
      expires_at: expiresAt,
    };
    const { workspace_id: _w, key: _k, ...fresh } = row;
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('step_cache')
        .values(row)
        .onConflict((oc) => oc.columns(['workspace_id', 'key']).doUpdateSet(fresh))
        .execute();
    });
  }

  async credentialsVersion(workspaceId: string): Promise<string> {
    const [row] = (await this.sql.credentialsVersion.execute(this.db, { workspaceId })).rows;
    return `${Number(row?.n ?? 0)}:${Number(row?.latest ?? 0)}`;
  }

  async loadDefinition(workflowId: string, version: number): Promise<WorkflowDefinition> {
    const row = await this.db
      .selectFrom('workflow_versions')
      .select('definition')
      .where('workflow_id', '=', workflowId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw new AssayError('not_found', `workflow ${workflowId} has no version ${version}`);
    return WorkflowDefinition.parse(JSON.parse(row.definition));
  }

  async loadDraft(runId: string): Promise<{ definition: WorkflowDefinition; executes: string[] }> {
    const row = await this.db.selectFrom('draft_runs').select(['definition', 'executes']).where('run_id', '=', runId).executeTakeFirst();
    if (!row) throw new AssayError('not_found', `draft run ${runId} has no definition (it was pruned)`);
    return { definition: WorkflowDefinition.parse(JSON.parse(row.definition)), executes: JSON.parse(row.executes) as string[] };
  }

  async loadStepRecords(runId: string): Promise<StepRecord[]> {
    const rows = this.stepReads ? await this.stepReads.load(runId) : (await this.sql.loadSteps.execute(this.db, { runId })).rows;
    return rows.map((row) => ({
      stepId: row.step_id,
      type: row.type,
      status: row.status as StepStatus,
      attempts: Number(row.attempts),
      startedAt: toMs(row.started_at),
      completedAt: toMs(row.completed_at),
      config: fromJson(row.config),
      output: fromJson(row.output),
      error: fromJson<RunError>(row.error),
      usage: fromJson<Record<string, unknown>>(row.usage),
      wakeAt: toMs(row.wake_at),
      suspended: Number(row.suspended) === 1,
    }));
  }

  recordStep(lease: Lease, record: StepRecord): Promise<boolean> {
    const values = {
      run_id: lease.runId,
      step_id: record.stepId,
      type: record.type,
      status: record.status,
      attempts: record.attempts,
      config: toJson(record.config),
      output: toJson(record.output),
      error: toJson(record.error),
      usage: toJson(record.usage),
      wake_at: record.wakeAt,
      started_at: record.startedAt,
      completed_at: record.completedAt,
      suspended: record.suspended ? 1 : 0,
    };
    // The events this write reports; a write that supersedes this one before it ran carries them on.
    const event = stepEvent(record);
    const events: Array<NonNullable<typeof event>> = event ? [event] : [];
    const row = { ...values, workerId: lease.workerId };
    const report = async (trx: Transaction<Database>, accepted: boolean) => {
      if (accepted) {
        const now = Date.now();
        for (const e of events) await this.events.appendForLease(trx, lease, { type: e.type, stepId: record.stepId, data: e.data }, now);
      }
      return accepted;
    };
    // Only writes under the same lease may supersede each other: a write without it must be refused on its own.
    const key = `${lease.workerId}/${lease.runId}/${record.stepId}`;
    // SQLite: the checkpoint's own statement inside its write (a grouping pass measurably slows the
    // per-step path there). PostgreSQL: one statement for the checkpoints of every run in the
    // transaction, each fenced by its own lease.
    if (this.grouped.checkpoints.perRow)
      return this.writes.write(
        async (trx) => report(trx, Number((await this.sql.checkpoint.execute(trx, row)).numAffectedRows ?? 0) > 0),
        key,
        events,
        lease.runId,
      );
    return this.writes.writeGrouped(this.grouped.checkpoints, row, report, key, events, lease.runId);
  }

  async loadItems(runId: string, stepId: string): Promise<Map<number, ItemResult>> {
    const rows = await this.db.selectFrom('step_items').selectAll().where('run_id', '=', runId).where('step_id', '=', stepId).execute();
    return new Map(
      rows.map((row) => [
        Number(row.item_index),
        { status: row.status as ItemResult['status'], output: fromJson(row.output), error: fromJson<RunError>(row.error) },
      ]),
    );
  }

  recordItem(lease: Lease, stepId: string, index: number, result: ItemResult, event?: StepItemEvent): Promise<boolean> {
    const values = {
      run_id: lease.runId,
      step_id: stepId,
      item_index: index,
      status: result.status,
      output: toJson(result.output),
      error: toJson(result.error),
    };
    return this.writes.write(
      async (trx) => {
        const written = await this.sql.item.execute(trx, { ...values, workerId: lease.workerId });
        const accepted = Number(written.numAffectedRows ?? 0) > 0;
        if (accepted && event) await this.events.appendForLease(trx, lease, { ...event, stepId }, Date.now());
        return accepted;
      },
      undefined,
      undefined,
      lease.runId,
    );
  }

  recordStepEvent(lease: Lease, stepId: string, event: StepItemEvent): Promise<boolean> {
    return this.writes.write(
      async (trx) => {
        // Fenced like every write under a lease: only while the run is running under this worker's lease.
        const held = await trx
          .selectFrom('runs')
          .select('id')
          .where('id', '=', lease.runId)
          .where('status', '=', 'running')
          .where('lease_owner', '=', lease.workerId)
          .executeTakeFirst();
        if (held) await this.events.appendForLease(trx, lease, { ...event, stepId }, Date.now());
        return held !== undefined;
      },
      undefined,
      undefined,
      lease.runId,
    );
  }

  parkRun(lease: Lease, wakeAt: number | null, park: Park = { reason: 'timer' }): Promise<boolean> {
    const cost = park.cost;
    return this.writes.write(
      async (trx) => {
        const now = Date.now();
        const overBudget = park.reason === 'budget_exceeded';
        const parked = await trx
          .updateTable('runs')
          .set((eb) => ({
            status: 'waiting',
            // Poked by a child that finished meanwhile: due now, not at the timer. Over budget: due
            // when the budget is raised, or at once if it was changed while the run was executing.
            due_at: overBudget
              ? eb.case().when(budgetChanged(eb, park.budget)).then(now).else(null).end()
              : eb.case().when('poked', '=', 1).then(now).else(wakeAt).end(),
            poked: overBudget ? eb.ref('poked') : 0,
            wait_reason: park.reason,
            lease_owner: null,
            lease_expires_at: null,
            updated_at: now,
            ...(cost && { cost_usd: cost.spent.usd, cost_tokens: cost.spent.tokens }),
          }))
          .where('id', '=', lease.runId)
          .where('lease_owner', '=', lease.workerId)
          .where('status', '=', 'running')
          .returning(['due_at', 'batch_id'])
          .executeTakeFirst();
        if (!parked) return false;
        const data = overBudget
          ? { status: 'waiting', reason: park.reason, ...(cost && { cost: cost.spent }) }
          : { status: 'waiting', reason: park.reason, wakeAt: new Date(wakeAt ?? now).toISOString() };
        await this.events.appendForLease(trx, lease, { type: 'run.waiting', data }, now);
        if (cost && parked.batch_id) await this.batches.addCost(trx, parked.batch_id, cost, now);
        if (!overBudget && Number(parked.due_at) === now) {
          await trx
            .updateTable('step_runs')
            .set({ wake_at: now })
            .where('run_id', '=', lease.runId)
            .where('status', '=', 'running')
            .where('suspended', '=', 1)
            .execute();
        }
        return true;
      },
      undefined,
      undefined,
      lease.runId,
    );
  }

  finishRun(lease: Lease, result: RunResult): Promise<boolean> {
    const row = {
      runId: lease.runId,
      workerId: lease.workerId,
      status: result.status,
      output: result.status === 'completed' ? toJson(result.output) : null,
      error: result.status === 'failed' ? toJson(result.error) : null,
      completedAt: result.completedAt,
      costUsd: result.cost?.spent.usd ?? 0,
      costTokens: result.cost?.spent.tokens ?? 0,
    };
    // One statement finishes every run finishing in the transaction, each fenced by its own lease.
    return this.writes.writeGrouped(
      this.grouped.finishes,
      row,
      async (trx, finished) => {
        if (!finished) return false;
        const data = result.status === 'failed' ? { status: result.status, error: result.error } : { status: result.status };
        await this.events.appendForLease(trx, lease, { type: `run.${result.status}`, data }, result.completedAt);
        if (finished.trigger === 'workflow' && finished.parent_run_id) await wakeRun(trx, finished.parent_run_id, result.completedAt);
        if (finished.batch_id) await this.batches.runEnded(trx, finished.batch_id, result.completedAt, result.cost);
        if (result.status === 'failed') {
          await trx
            .updateTable('step_runs')
            .set({ status: 'cancelled', wake_at: null, completed_at: result.completedAt })
            .where('run_id', '=', lease.runId)
            .where('status', 'in', ['running', 'pending'])
            .execute();
        }
        return true;
      },
      undefined,
      undefined,
      lease.runId,
    );
  }
}

/** True when the run's stored budget is not the one its execution parked under (it was changed meanwhile). */
function budgetChanged(eb: ExpressionBuilder<Database, 'runs'>, limits: BudgetLimits | null | undefined) {
  return eb.or([
    eb('budget_usd', 'is distinct from', limits?.usd ?? null),
    eb('budget_tokens', 'is distinct from', limits?.tokens ?? null),
  ]);
}

/**
 * Something a run waits for happened (a child run of its `workflow.run` step finished, a signal for
 * its `wait.signal` step came): its suspended steps check now rather than at their next timer, and a
 * parked run becomes due at once.
 */
export async function wakeRun(trx: Transaction<Database>, runId: string, now: number): Promise<void> {
  await trx
    .updateTable('step_runs')
    .set({ wake_at: now })
    .where('run_id', '=', runId)
    .where('status', '=', 'running')
    .where('suspended', '=', 1)
    .execute();
  await trx.updateTable('runs').set({ due_at: now }).where('id', '=', runId).where('status', '=', 'waiting').execute();
  // A run still running may be about to park on a timer that predates this news.
  await trx.updateTable('runs').set({ poked: 1 }).where('id', '=', runId).where('status', '=', 'running').execute();
}

/** The engine's hot-path statements, built once per store (see `prepareQuery`). */
function prepareHotPath(db: Db, dialect: StoreDialect) {
  const claim = prepareQuery<{ workerId: string; leaseExpiresAt: number; now: number; limit: number }, ClaimedRow>(
    db
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        due_at: null,
        lease_owner: param<string>('workerId'),
        lease_expires_at: param<number>('leaseExpiresAt'),
        started_at: eb.fn.coalesce('started_at', eb.val(param<number>('now'))),
        updated_at: param<number>('now'),
        wait_reason: null,
      }))
      .where('id', 'in', (eb) =>
        // Highest priority first, then longest due (the `runs_claim` index serves this order).
        dialect.skipLocked(
          eb
            .selectFrom('runs')
            .select('id')
            .where('due_at', '<=', param<number>('now'))
            .orderBy('priority', 'desc')
            .orderBy('due_at')
            .orderBy('id')
            .limit(param<number>('limit')),
        ),
      )
      .returning([...CLAIMED_COLUMNS]),
  );

  const nextDue = prepareQuery<Record<string, never>, { next: number | string | null }>(
    db
      .selectFrom('runs')
      .select((eb) => eb.fn.min('due_at').as('next'))
      .where('due_at', 'is not', null),
  );

  const readCache = prepareQuery<{ workspaceId: string; key: string; now: number }, StepCacheTable>(
    db
      .selectFrom('step_cache')
      .selectAll()
      .where('workspace_id', '=', param<string>('workspaceId'))
      .where('key', '=', param<string>('key'))
      .where('expires_at', '>', param<number>('now')),
  );

  const credentialsVersion = prepareQuery<{ workspaceId: string }, { n: number | string; latest: number | string | null }>(
    db
      .selectFrom('credentials')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
      .where('workspace_id', '=', param<string>('workspaceId')),
  );

  const loadSteps = prepareQuery<{ runId: string }, StepRunsTable>(
    db.selectFrom('step_runs').selectAll().where('run_id', '=', param<string>('runId')),
  );

  const columns = [
    'run_id',
    'step_id',
    'type',
    'status',
    'attempts',
    'config',
    'output',
    'error',
    'usage',
    'wake_at',
    'started_at',
    'completed_at',
    'suspended',
  ] as const;
  const checkpoint = prepareQuery<StepRunsTable & { workerId: string }, never>(
    db
      .insertInto('step_runs')
      .columns([...columns])
      .expression(
        db
          .selectNoFrom((eb) => columns.map((column) => eb.val(param<string>(column)).as(column)))
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('runs')
                .select('id')
                .where('id', '=', param<string>('run_id'))
                .where('lease_owner', '=', param<string>('workerId'))
                .where('status', '=', 'running'),
            ),
          ),
      )
      .onConflict((oc) =>
        oc.columns(['run_id', 'step_id']).doUpdateSet((eb) => ({
          type: eb.ref('excluded.type'),
          status: eb.ref('excluded.status'),
          attempts: eb.ref('excluded.attempts'),
          config: eb.ref('excluded.config'),
          output: eb.ref('excluded.output'),
          error: eb.ref('excluded.error'),
          usage: eb.ref('excluded.usage'),
          wake_at: eb.ref('excluded.wake_at'),
          started_at: eb.ref('excluded.started_at'),
          completed_at: eb.ref('excluded.completed_at'),
          suspended: eb.ref('excluded.suspended'),
        })),
      ),
  );

  const finish = prepareQuery<FinishRow, FinishedRun>(
    db
      .updateTable('runs')
      .set({
        status: param<string>('status'),
        output: param<string | null>('output'),
        error: param<string | null>('error'),
        completed_at: param<number>('completedAt'),
        updated_at: param<number>('completedAt'),
        due_at: null,
        lease_owner: null,
        lease_expires_at: null,
        cost_usd: param<number>('costUsd'),
        cost_tokens: param<number>('costTokens'),
      })
      .where('id', '=', param<string>('runId'))
      .where('lease_owner', '=', param<string>('workerId'))
      .where('status', '=', 'running')
      .returning(['parent_run_id', 'trigger', 'batch_id']),
  );

  const itemColumns = ['run_id', 'step_id', 'item_index', 'status', 'output', 'error'] as const;
  const item = prepareQuery<
    { run_id: string; step_id: string; item_index: number; status: string; output: string | null; error: string | null; workerId: string },
    never
  >(
    db
      .insertInto('step_items')
      .columns([...itemColumns])
      .expression(
        db
          .selectNoFrom((eb) => itemColumns.map((column) => eb.val(param<string>(column)).as(column)))
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('runs')
                .select('id')
                .where('id', '=', param<string>('run_id'))
                .where('lease_owner', '=', param<string>('workerId'))
                .where('status', '=', 'running'),
            ),
          ),
      )
      .onConflict((oc) =>
        oc
          .columns(['run_id', 'step_id', 'item_index'])
          .doUpdateSet((eb) => ({ status: eb.ref('excluded.status'), output: eb.ref('excluded.output'), error: eb.ref('excluded.error') })),
      ),
  );

  return { claim, nextDue, readCache, credentialsVersion, loadSteps, checkpoint, finish, item };
}
