import type { Kysely, Migration } from 'kysely';

/**
 * Run metadata: the caller's own keys kept beside a run. The object as given is a JSON column on
 * `runs` (null: none), for presenting; its pairs, each value in its string form, are rows of
 * `run_metadata`, which the run lists' `metadata.<key>=<value>` filters read through
 * `run_metadata_lookup` (the same plain query on SQLite and PostgreSQL). The rows go with their run.
 */
export const runMetadata: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('metadata', 'text').execute();
    await db.schema
      .createTable('run_metadata')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_metadata_pk', ['run_id', 'key'])
      .execute();
    await db.schema.createIndex('run_metadata_lookup').on('run_metadata').columns(['workspace_id', 'key', 'value', 'run_id']).execute();
  },
};
