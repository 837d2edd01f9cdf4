import type { Transaction } from 'kysely';
import type { Database } from '../database';
import type { EventLog } from '../events/event-log';

/** Run statuses that still count as work left in a batch. */
export const UNFINISHED_RUN_STATUSES = ['queued', 'running', 'waiting'] as const;

/**
 * One of a batch's runs ended (finished, failed or was cancelled), in the transaction that ended it.
 * Releases the next run a concurrency cap held back, and when nothing is left, marks the batch
 * finished and records `batch.completed`: `completed_at` is set once, so the event fires once however
 * many runs end concurrently.
 */
export async function settleBatchRun(trx: Transaction<Database>, events: EventLog, batchId: string, now: number): Promise<void> {
  const batch = await trx.selectFrom('batches').select(['concurrency', 'status']).where('id', '=', batchId).executeTakeFirst();
  if (!batch) return;
  if (batch.concurrency !== null && batch.status === 'running') {
    await trx
      .updateTable('runs')
      .set({ due_at: now })
      .where('id', '=', (eb) => eb.selectFrom('runs').select('id').where('batch_id', '=', batchId).where('status', '=', 'queued').where('due_at', 'is', null).orderBy('id').limit(1))
      .execute();
  }
  await finishBatchIfDone(trx, events, batchId, now);
}

/** Marks the batch finished and records `batch.completed` if none of its runs is unfinished. */
export async function finishBatchIfDone(trx: Transaction<Database>, events: EventLog, batchId: string, now: number): Promise<boolean> {
  const unfinished = await trx.selectFrom('runs').select('id').where('batch_id', '=', batchId).where('status', 'in', UNFINISHED_RUN_STATUSES).limit(1).executeTakeFirst();
  if (unfinished) return false;
  const finished = await trx
    .updateTable('batches')
    .set((eb) => ({ completed_at: now, updated_at: now, status: eb.case().when('status', '=', 'running').then('completed').else(eb.ref('status')).end() }))
    .where('id', '=', batchId)
    .where('completed_at', 'is', null)
    .returning(['workspace_id', 'workflow_id', 'status', 'total'])
    .executeTakeFirst();
  if (!finished) return false;
  const counts = await trx.selectFrom('runs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('batch_id', '=', batchId).groupBy('status').execute();
  await events.append(
    trx,
    [{ workspaceId: finished.workspace_id, type: 'batch.completed', workflowId: finished.workflow_id, batchId, data: { batchId, status: finished.status, total: Number(finished.total), counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])) } }],
    now,
  );
  return true;
}
