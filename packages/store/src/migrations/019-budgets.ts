import type { Kysely, Migration } from 'kysely';

/**
 * Budgets: a spending limit on model calls per run (from its create body or its workflow) and per
 * batch, what each has spent, and why a waiting run waits (a run over its budget waits with no due
 * time until the budget is raised). A batch over its budget holds its queued runs.
 */
export const budgets: Migration = {
  async up(db: Kysely<unknown>) {
    for (const table of ['runs', 'batches']) {
      await db.schema.alterTable(table).addColumn('budget_usd', 'double precision').execute();
      await db.schema.alterTable(table).addColumn('budget_tokens', 'bigint').execute();
      await db.schema
        .alterTable(table)
        .addColumn('cost_usd', 'double precision', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable(table)
        .addColumn('cost_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
    }
    await db.schema.alterTable('runs').addColumn('wait_reason', 'text').execute();
    await db.schema.alterTable('batches').addColumn('budget_exceeded_at', 'bigint').execute();
  },
};
