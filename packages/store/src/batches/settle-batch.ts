import type { Transaction } from 'kysely';
import type { BatchesTable, Database, Db } from '../database';
import type { EventLog } from '../events/event-log';
import { param, prepareQuery } from '../prepared-query';
import type { BudgetLimits, RunCost } from '@assay/engine';

/** A stored budget (usd and tokens columns) as a budget object; null when it has neither. */
export function budgetOf(row: { budget_usd: number | null; budget_tokens: number | null }): BudgetLimits | null {
  if (row.budget_usd === null && row.budget_tokens === null) return null;
  return {
    ...(row.budget_usd !== null && { usd: Number(row.budget_usd) }),
    ...(row.budget_tokens !== null && { tokens: Number(row.budget_tokens) }),
  };
}

/** Run statuses that still count as work left in a batch. */
export const UNFINISHED_RUN_STATUSES = ['queued', 'running', 'waiting'] as const;

/**
 * What happens to a batch when one of its runs ends, in the transaction that ended it. Every batch
 * run passes through here, so its statements are prepared once per store.
 */
export class BatchSettlement {
  private readonly sql: ReturnType<typeof prepareSettlement>;
  /**
   * Group transactions (see `buffer`) → the batches whose runs ended in them, with the latest end
   * time: whether such a batch is done is asked once per transaction, not once per run ending.
   */
  private readonly ended = new WeakMap<Transaction<Database>, Map<string, number>>();

  constructor(
    db: Db,
    private readonly events: EventLog,
  ) {
    this.sql = prepareSettlement(db);
  }

  /**
   * One of a batch's runs ended (finished, failed or was cancelled). Releases the next run a
   * concurrency cap held back, and when nothing is left, finishes the batch (see `finishIfDone`):
   * at once, or in a buffered transaction just before it commits, once for all its runs that ended
   * in it (a batch's runs finish together, and asking is an index search per run).
   */
  async runEnded(trx: Transaction<Database>, batchId: string, now: number, cost?: RunCost): Promise<void> {
    if (cost) await this.addCost(trx, batchId, cost, now);
    const [batch] = (await this.sql.batch.execute(trx, { batchId })).rows;
    if (!batch) return;
    if (batch.concurrency !== null && batch.status === 'running' && batch.budget_exceeded_at === null)
      await this.sql.releaseNext.execute(trx, { batchId, now });
    const ended = this.ended.get(trx);
    if (ended) ended.set(batchId, Math.max(now, ended.get(batchId) ?? now));
    else await this.finishIfDone(trx, batchId, now);
  }

  /** From now until `flush`, whether a batch whose run ended in `trx` is done waits for the commit. */
  buffer(trx: Transaction<Database>): void {
    this.ended.set(trx, new Map());
  }

  /** Finishes each batch that is done among those whose runs ended in `trx` (call just before it commits). */
  async flush(trx: Transaction<Database>): Promise<void> {
    const ended = this.ended.get(trx);
    if (!ended) return;
    this.ended.delete(trx);
    for (const [batchId, at] of ended) await this.finishIfDone(trx, batchId, at);
  }

  /** The transaction failed: nothing it ended stands. */
  discard(trx: Transaction<Database> | undefined): void {
    if (trx) this.ended.delete(trx);
  }

  /**
   * Adds what one of its runs spent since the run's cost was last written. A batch whose cost
   * reaches its budget stops releasing runs: its queued runs are held (runs already executing
   * finish), `batch.budget_exceeded` is recorded, and raising the budget releases them.
   */
  async addCost(trx: Transaction<Database>, batchId: string, cost: RunCost, now: number): Promise<void> {
    const usd = Math.max(0, cost.spent.usd - cost.previous.usd);
    const tokens = Math.max(0, cost.spent.tokens - cost.previous.tokens);
    if (usd === 0 && tokens === 0) return;
    const batch = await trx
      .updateTable('batches')
      .set((eb) => ({ cost_usd: eb('cost_usd', '+', usd), cost_tokens: eb('cost_tokens', '+', tokens), updated_at: now }))
      .where('id', '=', batchId)
      .returning(['workspace_id', 'workflow_id', 'budget_usd', 'budget_tokens', 'cost_usd', 'cost_tokens', 'budget_exceeded_at'])
      .executeTakeFirst();
    if (!batch || batch.budget_exceeded_at !== null) return;
    const over =
      (batch.budget_usd !== null && Number(batch.cost_usd) >= Number(batch.budget_usd)) ||
      (batch.budget_tokens !== null && Number(batch.cost_tokens) >= Number(batch.budget_tokens));
    if (!over) return;
    await this.holdOverBudget(trx, { id: batchId, ...batch }, now);
  }

  /** The batch's cost reached its budget: its queued runs are held and `batch.budget_exceeded` recorded. */
  async holdOverBudget(
    trx: Transaction<Database>,
    batch: Pick<BatchesTable, 'id' | 'workspace_id' | 'workflow_id' | 'budget_usd' | 'budget_tokens' | 'cost_usd' | 'cost_tokens'>,
    now: number,
  ): Promise<void> {
    await trx.updateTable('batches').set({ budget_exceeded_at: now }).where('id', '=', batch.id).execute();
    await trx
      .updateTable('runs')
      .set({ due_at: null })
      .where('batch_id', '=', batch.id)
      .where('status', '=', 'queued')
      .where('due_at', 'is not', null)
      .execute();
    const held = await trx
      .selectFrom('runs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', batch.id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    const data = {
      batchId: batch.id,
      budget: budgetOf(batch),
      cost: { usd: Number(batch.cost_usd), tokens: Number(batch.cost_tokens) },
      /** Its queued runs, none of which starts until the budget is raised. */
      held: Number(held?.n ?? 0),
    };
    await this.events.append(
      trx,
      [{ workspaceId: batch.workspace_id, type: 'batch.budget_exceeded', workflowId: batch.workflow_id, batchId: batch.id, data }],
      now,
    );
  }

  /**
   * Marks the batch finished and records `batch.completed` if none of its runs is unfinished.
   * `completed_at` is set once, so the event fires once however many runs end concurrently.
   */
  async finishIfDone(trx: Transaction<Database>, batchId: string, now: number): Promise<boolean> {
    const [unfinished] = (await this.sql.anyUnfinished.execute(trx, { batchId })).rows;
    if (unfinished) return false;
    const finished = await trx
      .updateTable('batches')
      .set((eb) => ({
        completed_at: now,
        updated_at: now,
        status: eb.case().when('status', '=', 'running').then('completed').else(eb.ref('status')).end(),
      }))
      .where('id', '=', batchId)
      .where('completed_at', 'is', null)
      .returning(['workspace_id', 'workflow_id', 'status', 'total'])
      .executeTakeFirst();
    if (!finished) return false;
    const counts = await trx
      .selectFrom('runs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('batch_id', '=', batchId)
      .groupBy('status')
      .execute();
    const data = {
      batchId,
      status: finished.status,
      total: Number(finished.total),
      counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    };
    await this.events.append(
      trx,
      [{ workspaceId: finished.workspace_id, type: 'batch.completed', workflowId: finished.workflow_id, batchId, data }],
      now,
    );
    return true;
  }

  /** A batch with a run queued again is unfinished again (it completes, and reports so, once more). */
  async reopen(trx: Transaction<Database>, batchId: string, now: number): Promise<void> {
    await trx
      .updateTable('batches')
      .set((eb) => ({
        completed_at: null,
        updated_at: now,
        status: eb.case().when('status', '=', 'completed').then('running').else(eb.ref('status')).end(),
      }))
      .where('id', '=', batchId)
      .execute();
  }
}

function prepareSettlement(db: Db) {
  return {
    batch: prepareQuery<{ batchId: string }, { concurrency: number | null; status: string; budget_exceeded_at: number | null }>(
      db.selectFrom('batches').select(['concurrency', 'status', 'budget_exceeded_at']).where('id', '=', param<string>('batchId')),
    ),
    releaseNext: prepareQuery<{ batchId: string; now: number }, never>(
      db
        .updateTable('runs')
        .set({ due_at: param<number>('now') })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('runs')
            .select('id')
            .where('batch_id', '=', param<string>('batchId'))
            .where('status', '=', 'queued')
            .where('due_at', 'is', null)
            .orderBy('id')
            .limit(1),
        ),
    ),
    anyUnfinished: prepareQuery<{ batchId: string }, { id: string }>(
      db
        .selectFrom('runs')
        .select('id')
        .where('batch_id', '=', param<string>('batchId'))
        .where('status', 'in', [...UNFINISHED_RUN_STATUSES])
        .limit(1),
    ),
  };
}
