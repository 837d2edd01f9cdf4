import type { Kysely, Migration } from 'kysely';

/** Webhook triggers: one per workflow, found by an unguessable slug. */
export const webhookTriggers: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('workflow_triggers')
      .addColumn('workflow_id', 'text', (c) => c.primaryKey().references('workflows.id'))
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      // Needed in the clear to verify HMAC signatures; never returned after creation or rotation.
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('verification', 'text', (c) => c.notNull())
      .addColumn('callback_url', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
