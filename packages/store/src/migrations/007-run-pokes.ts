import type { Kysely, Migration } from 'kysely';

/**
 * A child run that finishes while its parent is still running (not yet parked) leaves a poke: the
 * parent's next park then wakes it at once instead of sleeping through the child's finish.
 */
export const runPokes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('runs')
      .addColumn('poked', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
