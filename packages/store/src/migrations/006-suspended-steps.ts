import type { Kysely, Migration } from 'kysely';

/**
 * A suspended step (waiting on something outside the run, e.g. a child run) is executed again when
 * it wakes, where a sleeping step simply completes: the flag tells the two apart.
 */
export const suspendedSteps: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('step_runs')
      .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
