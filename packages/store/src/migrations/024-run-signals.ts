import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Signals a system sends a run (`POST /v1/workflow-runs/{id}/signals/{name}`): kept per run and name,
 * whether or not the run has reached its `wait.signal` step yet, which reads it when it does. And the
 * failed runs in event order, for the workers that start `onFailure` workflows (a partial index: it
 * holds only `run.failed` events, so the engine's hot inserts pay nothing for it).
 */
export const runSignals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('run_signals')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_signals_pk', ['run_id', 'name'])
      .execute();
    await db.schema.createIndex('events_failed_runs').on('events').column('seq').where(sql.ref('type'), '=', 'run.failed').execute();
  },
};
