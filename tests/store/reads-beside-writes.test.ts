import { WorkflowDefinition } from '@assay/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

/** Fails instead of hanging: the read must answer while the transaction is still open. */
function withinASecond<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('the read waited for the open transaction')), 1000)),
  ]);
}

/**
 * The store's hot reads (a run and its steps, a workflow) run beside open write transactions: they
 * answer at once with the last committed state, never with what an open transaction wrote. On
 * SQLite they have a read connection of their own (the writing connection is held by the group
 * transaction until it commits); on PostgreSQL they take another pooled connection.
 */
describe(`reads beside an open write transaction, on ${TEST_DB}`, () => {
  let db: TestStore;
  beforeEach(async () => {
    db = await openTestStore();
  });
  afterEach(() => db.close());

  it('answer at once with the last committed state, not with uncommitted writes', async () => {
    const { store } = db;
    const workspaceId = (await store.access.createWorkspace('reads')).id;
    const definition = WorkflowDefinition.parse({ name: 'r', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
    const workflowId = (await store.workflows.create({ workspaceId, definition, createdBy: null })).id;
    const { run } = await store.runs.create({ workspaceId, workflowId, workflowVersion: 1, input: {}, trigger: 'api' });

    let seenInside: { status?: string; steps: number } | null = null;
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('runs').set({ status: 'cancelled' }).where('id', '=', run.id).execute();
      await trx
        .insertInto('step_runs')
        .values({ run_id: run.id, step_id: 'a', type: 'transform', status: 'running', attempts: 1, suspended: 0 })
        .execute();
      const [current, steps] = await withinASecond(Promise.all([store.runs.get(workspaceId, run.id), store.runs.steps(run.id)]));
      seenInside = { status: current?.status, steps: steps.length };
    });
    expect(seenInside).toEqual({ status: 'queued', steps: 0 });
    expect((await store.runs.get(workspaceId, run.id))?.status).toBe('cancelled');
    expect(await store.runs.steps(run.id)).toHaveLength(1);
    expect((await store.workflows.get(workspaceId, workflowId))?.id).toBe(workflowId);
  });
});
