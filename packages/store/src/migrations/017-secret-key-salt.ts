import type { Kysely, Migration } from 'kysely';

/**
 * Settings the whole installation shares, one row per name: first of all the salt the secret key is
 * derived with (and a value sealed with that key, to tell a wrong key at start-up). Every process of a
 * PostgreSQL cluster reads the same rows, so every process derives the same key. The rows are created
 * at start-up, not here: the first process to insert one wins, the others read it.
 */
export const secretKeySalt: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('settings')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
