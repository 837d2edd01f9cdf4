import type { Kysely, Migration } from 'kysely';

/**
 * Failed sign-in counters shared by every API process: one row per throttled key (an account or a
 * client address) and fixed window. Rows whose window has ended are pruned.
 */
export const signInThrottle: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_in_throttle')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('window_ends_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sign_in_throttle_window').on('sign_in_throttle').column('window_ends_at').execute();
  },
};
