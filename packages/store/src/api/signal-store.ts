import type { Db } from '../database';
import type { WriteBatcher } from '../write-batcher';
import { fromJson } from '../codec';
import { wakeRun } from '../engine/run-queue';

/** A signal as a run's `wait.signal` step reads it. */
export interface RunSignal {
  payload: unknown;
  receivedAt: number;
}

/**
 * Signals sent to runs: one per run and name, kept until the run is deleted. Delivering one wakes
 * the run (a parked run is due at once, a waiting step checks now), so the step that waits for it
 * completes without waiting out its timer.
 */
export class SignalStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** Keeps the signal and wakes the run; false when the run already has a signal of this name. */
  deliver(signal: { workspaceId: string; runId: string; name: string; payload: unknown }): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const inserted = await trx
        .insertInto('run_signals')
        .values({
          run_id: signal.runId,
          name: signal.name,
          workspace_id: signal.workspaceId,
          payload: JSON.stringify(signal.payload ?? null),
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['run_id', 'name']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      await wakeRun(trx, signal.runId, now);
      return true;
    });
  }

  /** The run's signal of this name, if it has been sent. */
  async get(runId: string, name: string): Promise<RunSignal | null> {
    const row = await this.db
      .selectFrom('run_signals')
      .select(['payload', 'created_at'])
      .where('run_id', '=', runId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { payload: fromJson<unknown>(row.payload), receivedAt: Number(row.created_at) } : null;
  }
}
