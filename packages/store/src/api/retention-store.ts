import type { Transaction } from 'kysely';
import type { Database, Db } from '../database';

const TERMINAL = ['completed', 'failed', 'cancelled'];
const UNFINISHED = ['queued', 'running', 'waiting'];

/** What one pruning transaction removed. */
export interface PruneResult {
  runs: number;
  /** Batches, events without a run (batch events) and their deliveries removed alongside. */
  other: number;
}

/**
 * Deletes finished runs older than a cutoff with everything that hangs off them (steps, map items,
 * artifacts, metadata pairs, events, event deliveries and their attempts), a few hundred runs per
 * short transaction: only those rows are touched, so claims and checkpoints carry on between (and
 * during) batches.
 * A run whose parent is still in progress is kept (the parent may still read it). A pruned run's
 * idempotency key may be used again.
 */
export class RetentionStore {
  constructor(private readonly db: Db) {}

  /** Prunes finished runs (not drafts), and what no run holds: finished batches, batch events, expired cache entries. */
  pruneFinishedRuns(options: { before: number; limit: number }): Promise<PruneResult> {
    return this.prune(options.before, options.limit, false);
  }

  /** Prunes finished draft runs (their own, shorter period) with what hangs off them, and nothing else. */
  async pruneFinishedDrafts(options: { before: number; limit: number }): Promise<number> {
    return (await this.prune(options.before, options.limit, true)).runs;
  }

  private async prune(before: number, limit: number, drafts: boolean): Promise<PruneResult> {
    return this.db.transaction().execute(async (trx) => {
      const picked = await trx
        .selectFrom('runs as r')
        .select('r.id')
        .where('r.completed_at', 'is not', null)
        .where('r.completed_at', '<', before)
        .where('r.status', 'in', TERMINAL)
        .where('r.draft', '=', drafts ? 1 : 0)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom('runs as p').select('p.id').whereRef('p.id', '=', 'r.parent_run_id').where('p.status', 'in', UNFINISHED),
            ),
          ),
        )
        .orderBy('r.completed_at')
        .limit(limit)
        .execute();
      const ids = picked.map((row) => row.id);
      let other = 0;
      if (ids.length > 0) {
        const deliveries = trx.selectFrom('event_deliveries').select('id').where('run_id', 'in', ids);
        await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', deliveries).execute();
        await trx.deleteFrom('event_deliveries').where('run_id', 'in', ids).execute();
        await trx.deleteFrom('events').where('run_id', 'in', ids).execute();
        await trx.deleteFrom('artifacts').where('run_id', 'in', ids).execute();
        await trx.deleteFrom('step_items').where('run_id', 'in', ids).execute();
        await trx.deleteFrom('step_runs').where('run_id', 'in', ids).execute();
        if (drafts) await trx.deleteFrom('draft_runs').where('run_id', 'in', ids).execute();
        // Re-checked: a run retried since it was picked is no longer finished, and stays.
        await trx.deleteFrom('runs').where('id', 'in', ids).where('status', 'in', TERMINAL).where('completed_at', '<', before).execute();
        await trx
          .deleteFrom('run_metadata')
          .where('run_id', 'in', ids)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'run_metadata.run_id'))))
          .execute();
        await trx
          .deleteFrom('run_signals')
          .where('run_id', 'in', ids)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'run_signals.run_id'))))
          .execute();
        await trx
          .deleteFrom('approvals')
          .where('run_id', 'in', ids)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'approvals.run_id'))))
          .execute();
        await trx
          .deleteFrom('approval_links')
          .where('run_id', 'in', ids)
          .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'approval_links.run_id'))))
          .execute();
      }
      if (ids.length < limit && !drafts) other = await this.pruneRest(trx, before, limit);
      return { runs: ids.length, other };
    });
  }

  /** Finished batches left without runs, batch events (with their deliveries) older than the cutoff, expired cached outputs. */
  private async pruneRest(trx: Transaction<Database>, before: number, limit: number): Promise<number> {
    const batches = await trx
      .deleteFrom('batches')
      .where('completed_at', '<', before)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('id').whereRef('runs.batch_id', '=', 'batches.id'))))
      .executeTakeFirst();
    const oldEvents = trx
      .selectFrom('events')
      .select('seq')
      .where('run_id', 'is', null)
      .where('created_at', '<', before)
      .orderBy('seq')
      .limit(limit);
    const deliveries = trx
      .selectFrom('event_deliveries')
      .select('id')
      .where('run_id', 'is', null)
      .where('status', 'in', ['delivered', 'failed'])
      .where('updated_at', '<', before)
      .limit(limit);
    await trx.deleteFrom('delivery_attempts').where('delivery_id', 'in', deliveries).execute();
    const deleted = await trx.deleteFrom('event_deliveries').where('id', 'in', deliveries).executeTakeFirst();
    const events = await trx.deleteFrom('events').where('seq', 'in', oldEvents).executeTakeFirst();
    // Cached step outputs past their TTL (reads skip them already; this keeps the table small).
    const expired = await trx.deleteFrom('step_cache').where('expires_at', '<', Date.now()).executeTakeFirst();
    return Number(batches.numDeletedRows) + Number(deleted.numDeletedRows) + Number(events.numDeletedRows) + Number(expired.numDeletedRows);
  }
}
