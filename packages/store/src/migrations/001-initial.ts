import { sql, type Kysely, type Migration } from 'kysely';

/** The first schema: workspaces, keys, workflows with versions, runs and their step checkpoints. */
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('workspaces')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('client_id', 'text', (c) => c.notNull().unique())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_keys_workspace').on('api_keys').columns(['workspace_id', 'id']).execute();

    await db.schema
      .createTable('workflows')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('archived_at', 'bigint')
      .execute();
    await db.schema.createIndex('workflows_workspace').on('workflows').columns(['workspace_id', 'id']).execute();

    await db.schema
      .createTable('workflow_versions')
      .addColumn('workflow_id', 'text', (c) => c.notNull().references('workflows.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addPrimaryKeyConstraint('workflow_versions_pk', ['workflow_id', 'version'])
      .execute();

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('workflow_version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('output', 'text')
      .addColumn('error', 'text')
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('batch_id', 'text')
      .addColumn('parent_run_id', 'text')
      .addColumn('idempotency_key', 'text')
      .addColumn('request_hash', 'text')
      .addColumn('callback_url', 'text')
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // The queue: only claimable rows are in this index, so claiming costs the same at any table size.
    await db.schema.createIndex('runs_due').on('runs').columns(['due_at', 'id']).where(sql.ref('due_at'), 'is not', null).execute();
    await db.schema
      .createIndex('runs_leases')
      .on('runs')
      .columns(['lease_owner', 'lease_expires_at'])
      .where(sql.ref('lease_owner'), 'is not', null)
      .execute();
    await db.schema.createIndex('runs_workspace').on('runs').columns(['workspace_id', 'id']).execute();
    await db.schema.createIndex('runs_workflow').on('runs').columns(['workflow_id', 'id']).execute();
    await db.schema.createIndex('runs_status').on('runs').columns(['workspace_id', 'status', 'id']).execute();
    await db.schema.createIndex('runs_batch').on('runs').columns(['batch_id', 'id']).where(sql.ref('batch_id'), 'is not', null).execute();
    await db.schema
      .createIndex('runs_idempotency')
      .unique()
      .on('runs')
      .columns(['workspace_id', 'idempotency_key'])
      .where(sql.ref('idempotency_key'), 'is not', null)
      .execute();

    await db.schema
      .createTable('step_runs')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('config', 'text')
      .addColumn('output', 'text')
      .addColumn('error', 'text')
      .addColumn('usage', 'text')
      .addColumn('wake_at', 'bigint')
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .addPrimaryKeyConstraint('step_runs_pk', ['run_id', 'step_id'])
      .execute();
  },
};
