import type { Kysely, Migration } from 'kysely';

/** Per-item checkpoints of steps that work through a list (`map`): finished items are not redone. */
export const stepItems: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('step_items')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('item_index', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('output', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('step_items_pk', ['run_id', 'step_id', 'item_index'])
      .execute();
  },
};
