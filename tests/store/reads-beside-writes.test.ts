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

  /** A queued run of a one-step workflow in a new workspace. */
  async function queuedRun(workspace: string) {
    const { store } = db;
    const workspaceId = (await store.access.createWorkspace(workspace)).id;
    const definition = WorkflowDefinition.parse({ name: 'r', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
    const workflowId = (await store.workflows.create({ workspaceId, definition, createdBy: null })).id;
    const { run } = await store.runs.create({ workspaceId, workflowId, workflowVersion: 1, input: {}, trigger: 'api' });
    return { workspaceId, workflowId, run };
  }

  /** What `read` sees while an open transaction has cancelled the run and added a step, not yet committed. */
  async function whileCancellingWithAStep<T>(runId: string, read: () => Promise<T>): Promise<T> {
    return db.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('runs').set({ status: 'cancelled' }).where('id', '=', runId).execute();
      await trx
        .insertInto('step_runs')
        .values({ run_id: runId, step_id: 'a', type: 'transform', status: 'running', attempts: 1, suspended: 0 })
        .execute();
      return read();
    });
  }

  it('answer at once with the last committed state, not with uncommitted writes', async () => {
    const { store } = db;
    const { workspaceId, workflowId, run } = await queuedRun('reads');

    const seenInside = await whileCancellingWithAStep(run.id, async () => {
      const [current, steps] = await withinASecond(Promise.all([store.runs.get(workspaceId, run.id), store.runs.steps(run.id)]));
      return { status: current?.status, steps: steps.length };
    });
    expect(seenInside).toEqual({ status: 'queued', steps: 0 });
    expect((await store.runs.get(workspaceId, run.id))?.status).toBe('cancelled');
    expect(await store.runs.steps(run.id)).toHaveLength(1);
    expect((await store.workflows.get(workspaceId, workflowId))?.id).toBe(workflowId);
  });

  it("read a run's record (the run, its steps, its files oldest first) as one committed state", async () => {
    const { store } = db;
    const { workspaceId, run } = await queuedRun('record');
    const file = { runId: run.id, workspaceId, stepId: 'a', contentType: 'text/plain', data: new Uint8Array([1]) };
    await store.artifacts.put({ ...file, name: 'z-first.txt' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.artifacts.put({ ...file, name: 'a-second.txt' });

    const seenInside = await whileCancellingWithAStep(run.id, async () => {
      const inside = await withinASecond(store.runs.getWithDetails(workspaceId, run.id));
      return { status: inside?.run.status, steps: inside?.steps.length, files: inside?.files.map((f) => f.name) };
    });
    expect(seenInside).toEqual({ status: 'queued', steps: 0, files: ['z-first.txt', 'a-second.txt'] });
    const after = await store.runs.getWithDetails(workspaceId, run.id);
    expect({ status: after?.run.status, steps: after?.steps.map((s) => s.stepId) }).toEqual({ status: 'cancelled', steps: ['a'] });
    const otherWorkspace = (await store.access.createWorkspace('other')).id;
    expect(await store.runs.getWithDetails(otherWorkspace, run.id)).toBeNull();
  });
});
