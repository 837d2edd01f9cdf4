import type { Transaction } from 'kysely';
import type { Database, Db } from '../database';
import type { EventLog } from '../events/event-log';
import { param, prepareQuery } from '../prepared-query';

/** Run statuses that still count as work left in a batch. */
export const UNFINISHED_RUN_STATUSES = ['queued', 'running', 'waiting'] as const;

/**
 * What happens to a batch when one of its runs ends, in the transaction that ended it. Every batch
 * run passes through here, so its statements are prepared once per store.
 */
export class BatchSettlement {
  private readonly sql: ReturnType<typeof prepareSettlement>;

  constructor(
    db: Db,
    private readonly events: EventLog,
  ) {
    this.sql = prepareSettlement(db);
  }

  /**
   * One of a batch's runs ended (finished, failed or was cancelled). Releases the next run a
   * concurrency cap held back, and when nothing is left, finishes the batch (see `finishIfDone`).
   */
  async runEnded(trx: Transaction<Database>, batchId: string, now: number): Promise<void> {
    const [batch] = (await this.sql.batch.execute(trx, { batchId })).rows;
    if (!batch) return;
    if (batch.concurrency !== null && batch.status === 'running') await this.sql.releaseNext.execute(trx, { batchId, now });
    await this.finishIfDone(trx, batchId, now);
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
    batch: prepareQuery<{ batchId: string }, { concurrency: number | null; status: string }>(
      db.selectFrom('batches').select(['concurrency', 'status']).where('id', '=', param<string>('batchId')),
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
