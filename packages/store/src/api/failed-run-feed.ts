import type { Db } from '../database';

/** The cursor of the failure handlers in `event_cursors`. */
const CURSOR = 'on-failure';

/** A run that failed, as its `run.failed` event records it. */
export interface FailedRunEvent {
  seq: number;
  runId: string;
  workspaceId: string;
}

/**
 * The `run.failed` events in order, for the workers that start `onFailure` workflows: a cursor in
 * `event_cursors` (created at the newest event, so history is not replayed) that only moves forward.
 * `run.failed` is a deliverable event, appended in commit order, so a page after the cursor misses
 * none. Starting a handler is idempotent (keyed by the failed run), so two workers reading the same
 * page start it once.
 */
export class FailedRunFeed {
  constructor(private readonly db: Db) {}

  /** Where the handlers are; the newest event when they have never run. */
  async cursor(): Promise<number> {
    const row = await this.db.selectFrom('event_cursors').select('seq').where('name', '=', CURSOR).executeTakeFirst();
    if (row) return Number(row.seq);
    const latest = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirst();
    const seq = Number(latest?.seq ?? 0);
    await this.db
      .insertInto('event_cursors')
      .values({ name: CURSOR, seq })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    return seq;
  }

  /** The next failed runs after `seq`, oldest first. */
  async after(seq: number, limit: number): Promise<FailedRunEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['seq', 'run_id', 'workspace_id'])
      .where('seq', '>', seq)
      .where('type', '=', 'run.failed')
      .where('run_id', 'is not', null)
      // A draft run failing starts no onFailure workflow.
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'events.run_id').where('runs.draft', '=', 1))),
      )
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ seq: Number(row.seq), runId: row.run_id as string, workspaceId: row.workspace_id }));
  }

  /** Moves the cursor to `seq` (never back: another worker may be further). */
  async advance(seq: number): Promise<void> {
    await this.db.updateTable('event_cursors').set({ seq }).where('name', '=', CURSOR).where('seq', '<', seq).execute();
  }
}
