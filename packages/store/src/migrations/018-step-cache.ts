import type { Kysely, Migration } from 'kysely';

/**
 * Step caching: outputs kept for reuse by key (step type, resolved config, credentials version) per
 * workspace until they expire, and runs created with `?cache=bypass`, whose cached steps execute anyway.
 */
export const stepCache: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('step_cache')
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('output', 'text')
      .addColumn('usage', 'text')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('step_cache_pk', ['workspace_id', 'key'])
      .execute();
    await db.schema.createIndex('step_cache_expiry').on('step_cache').columns(['expires_at']).execute();
    await db.schema
      .alterTable('runs')
      .addColumn('cache_bypass', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
