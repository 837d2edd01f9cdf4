import type { Kysely, Migration } from 'kysely';

/**
 * Webhook payloads as other systems send them: a trigger's input mapping (a JSONata expression over
 * the request) and whether undeclared fields are refused (`strict`), and the request a webhook run
 * was started by (`{ body, headers, query }`, for templates as `trigger.*`).
 */
export const triggerMapping: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workflow_triggers').addColumn('input_mapping', 'text').execute();
    await db.schema
      .alterTable('workflow_triggers')
      .addColumn('strict_inputs', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('runs').addColumn('trigger_request', 'text').execute();
  },
};
