import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Cluster-wide concurrency limits: a workflow's limit (its current definition's `concurrency`) next to
 * it, and the running runs per workspace and workflow counted from an index that holds only running
 * runs (never more than the cluster's worker slots), so checking limits costs the same at any size.
 */
export const flowControl: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workflows').addColumn('max_concurrency', 'integer').execute();
    await db.schema
      .createIndex('workflows_limited')
      .on('workflows')
      .columns(['id', 'max_concurrency'])
      .where(sql.ref('max_concurrency'), 'is not', null)
      .execute();
    await db.schema
      .createIndex('runs_running')
      .on('runs')
      .columns(['workspace_id', 'workflow_id'])
      .where(sql.ref('status'), '=', 'running')
      .execute();
  },
};
