import type { Kysely, Migration } from 'kysely';

/**
 * Pinned versions for schedules (null: the version current at each fire), replays (the run whose
 * recorded step outputs a run reuses), and evaluations: one row
 * per evaluation (its spec, the batch of each version) and one per dataset row (its input, what was
 * expected and, once every version's run finished, the scores), claimed for scoring by one worker.
 */
export const evaluations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('schedules').addColumn('workflow_version', 'integer').execute();
    // A replay reuses the recorded outputs of this run's steps whose resolved config is unchanged.
    await db.schema.alterTable('runs').addColumn('replay_of', 'text').execute();
    await db.schema
      .createTable('evaluations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('spec', 'text', (c) => c.notNull())
      .addColumn('batches', 'text', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .execute();
    await db.schema.createIndex('evaluations_workspace').on('evaluations').columns(['workspace_id', 'id']).execute();
    await db.schema.createIndex('evaluations_status').on('evaluations').columns(['status']).execute();
    await db.schema
      .createTable('evaluation_rows')
      .addColumn('evaluation_id', 'text', (c) => c.notNull())
      .addColumn('row_index', 'integer', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('expected', 'text', (c) => c.notNull())
      .addColumn('run_ids', 'text', (c) => c.notNull())
      .addColumn('results', 'text')
      .addColumn('passed', 'integer')
      .addColumn('claimed_until', 'bigint')
      .addPrimaryKeyConstraint('evaluation_rows_pk', ['evaluation_id', 'row_index'])
      .execute();
  },
};
