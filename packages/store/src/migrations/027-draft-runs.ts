import type { Kysely, Migration } from 'kysely';

/**
 * Draft runs and pinned samples. A draft run is a row of `runs` with `draft = 1` (so the engine
 * claims, fences and finishes it like any run) that every run list, metric and event delivery
 * leaves out; `draft_runs` keeps what it runs: the unsaved definition (never a version), the target,
 * the mode, the steps it executes and where its given outputs came from. `workflow_samples` holds
 * each workflow's pinned sample input and step outputs.
 */
export const draftRuns: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('runs')
      .addColumn('draft', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // A workflow list's run counts leave drafts out and stay served by an index alone.
    await db.schema.createIndex('runs_workflow_draft').on('runs').columns(['workflow_id', 'draft', 'id']).execute();
    await db.schema
      .createTable('draft_runs')
      .addColumn('run_id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('mode', 'text', (c) => c.notNull())
      .addColumn('executes', 'text', (c) => c.notNull())
      .addColumn('provided', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('workflow_samples')
      .addColumn('workflow_id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('outputs', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
