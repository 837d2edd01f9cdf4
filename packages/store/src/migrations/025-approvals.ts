import type { Kysely, Migration } from 'kysely';

/**
 * Approvals: one per run and `approval` step, holding what the reviewer sees and, once made, the
 * decision; and the signed single-use links minted for people without an account (the token is not
 * stored: it is the link's id, expiry and an HMAC under the installation's secret key).
 */
export const approvals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('approvals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('request', 'text', (c) => c.notNull())
      .addColumn('timeout_at', 'bigint', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('decided_at', 'bigint')
      .addUniqueConstraint('approvals_run_step', ['run_id', 'step_id'])
      .execute();
    await db.schema.createIndex('approvals_inbox').on('approvals').columns(['workspace_id', 'status', 'id']).execute();
    await db.schema
      .createTable('approval_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('approval_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('approval_links_run').on('approval_links').column('run_id').execute();
  },
};
