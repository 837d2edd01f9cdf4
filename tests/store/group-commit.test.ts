import type { StepRecord } from '@assay/engine';
import { WorkflowDefinition } from '@assay/schema';
import type { Store } from '@assay/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stepRecord } from '../support/step-record';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

/**
 * Group commit under leases: the checkpoints and finishes of many runs share one transaction (on
 * PostgreSQL one statement for all checkpoints and one for all finishes), yet each write is fenced
 * on its own: a write whose lease was lost is refused, and the others in its group still land.
 */
describe(`group commit on ${TEST_DB}`, () => {
  let db: TestStore;
  let store: Store;
  let workspaceId: string;
  let workflowId: string;
  let transactions: number;
  const LEASE = 30_000;

  const definition = WorkflowDefinition.parse({ name: 'group', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
  const step = (status: StepRecord['status'], now: number, output: unknown = null) => stepRecord('a', status, now, { output });

  beforeEach(async () => {
    db = await openTestStore();
    store = db.store;
    workspaceId = (await store.access.createWorkspace('group')).id;
    workflowId = (await store.workflows.create({ workspaceId, definition, createdBy: null })).id;
    // Counts the group transactions the store's writes open from here on.
    transactions = 0;
    const transaction = store.db.transaction.bind(store.db);
    store.db.transaction = (() => {
      transactions++;
      return transaction();
    }) as typeof store.db.transaction;
  });
  afterEach(() => db.close());

  /** Three runs claimed by worker `w`; the second then taken over by worker `thief`. */
  const claimThreeAndLoseOne = async () => {
    for (let i = 0; i < 3; i++) await store.runs.create({ workspaceId, workflowId, workflowVersion: 1, input: { i }, trigger: 'api' });
    const now = Date.now();
    const runs = await store.queue.claimRuns({ workerId: 'w', limit: 3, now, leaseMs: LEASE });
    expect(runs).toHaveLength(3);
    runs.sort((a, b) => (a.id < b.id ? -1 : 1));
    const leases = runs.map((run) => ({ runId: run.id, workerId: 'w', workspaceId: run.workspaceId, workflowId: run.workflowId }));
    const lost = leases[1] as (typeof leases)[number];
    await store.db.updateTable('runs').set({ lease_owner: 'thief' }).where('id', '=', lost.runId).execute();
    return { now, leases, lost };
  };

  it('refuses the checkpoint whose lease was lost and lands the others of its transaction', async () => {
    const { now, leases, lost } = await claimThreeAndLoseOne();
    const before = transactions;
    const results = await Promise.all(leases.map((lease) => store.queue.recordStep(lease, step('completed', now, lease.runId))));
    expect(results).toEqual([true, false, true]);
    expect(transactions - before).toBe(1); // one group transaction, not replayed write by write
    for (const lease of leases) {
      const steps = await store.queue.loadStepRecords(lease.runId);
      if (lease === lost) expect(steps).toEqual([]);
      else expect(steps).toEqual([expect.objectContaining({ stepId: 'a', status: 'completed', output: lease.runId })]);
      const events = await store.events.read({ workspaceId, runId: lease.runId, after: 0, limit: 100 });
      expect(events.map((e) => e.type)).toEqual(
        lease === lost ? ['run.queued', 'run.started'] : ['run.queued', 'run.started', 'step.completed'],
      );
    }
  });

  it('refuses the finish whose lease was lost and finishes the others of its transaction', async () => {
    const { now, leases, lost } = await claimThreeAndLoseOne();
    const before = transactions;
    const results = await Promise.all(
      leases.map((lease) => store.queue.finishRun(lease, { status: 'completed', output: lease.runId, completedAt: now + 1 })),
    );
    expect(results).toEqual([true, false, true]);
    expect(transactions - before).toBe(1);
    for (const lease of leases) {
      const run = await store.db
        .selectFrom('runs')
        .select(['status', 'output', 'lease_owner'])
        .where('id', '=', lease.runId)
        .executeTakeFirstOrThrow();
      expect(run).toEqual(
        lease === lost
          ? { status: 'running', output: null, lease_owner: 'thief' }
          : { status: 'completed', output: JSON.stringify(lease.runId), lease_owner: null },
      );
      const events = await store.events.read({ workspaceId, runId: lease.runId, after: 0, limit: 100 });
      expect(events.at(-1)?.type).toBe(lease === lost ? 'run.started' : 'run.completed');
    }
  });

  it("completes a batch once, at its last run's end, when its runs end together in one transaction", async () => {
    const batch = await store.batches.create({
      workspaceId,
      workflowId,
      workflowVersion: 1,
      source: 'json',
      inputs: ['{"i":0}', '{"i":1}', '{"i":2}', '{"i":3}'],
      concurrency: null,
      priority: 0,
      invalid: [],
      invalidCount: 0,
    });
    const now = Date.now();
    const runs = await store.queue.claimRuns({ workerId: 'w', limit: 4, now, leaseMs: LEASE });
    expect(runs).toHaveLength(4);
    const leases = runs.map((run) => ({ runId: run.id, workerId: 'w', workspaceId: run.workspaceId, workflowId: run.workflowId }));
    const [a, b, c, d] = leases as [(typeof leases)[number], (typeof leases)[number], (typeof leases)[number], (typeof leases)[number]];
    const completed = () => store.events.read({ workspaceId, batchId: batch.id, types: ['batch.completed'], after: 0, limit: 10 });

    // Two end together while two still run: the batch is not done.
    await Promise.all([a, b].map((lease) => store.queue.finishRun(lease, { status: 'completed', output: 1, completedAt: now + 1 })));
    expect((await store.batches.get(workspaceId, batch.id))?.completedAt).toBeNull();
    expect(await completed()).toEqual([]);

    // The last two end in one transaction, the later one first: the batch ends when its last run did.
    const before = transactions;
    await Promise.all([
      store.queue.finishRun(c, { status: 'completed', output: 1, completedAt: now + 9 }),
      store.queue.finishRun(d, { status: 'failed', error: { code: 'x', message: 'boom', stepId: null }, completedAt: now + 5 }),
    ]);
    expect(transactions - before).toBe(1);
    const done = await store.batches.get(workspaceId, batch.id);
    expect(done).toMatchObject({ status: 'completed', completedAt: now + 9 });
    const events = await completed();
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toMatchObject({ batchId: batch.id, total: 4, counts: { completed: 3, failed: 1 } });
  });

  it('gives each worker its own answer when two write the same step in one transaction', async () => {
    const { now, lost } = await claimThreeAndLoseOne();
    const thief = { runId: lost.runId, workerId: 'thief', workspaceId: lost.workspaceId, workflowId: lost.workflowId };
    const results = await Promise.all([
      store.queue.recordStep(lost, step('completed', now, 'stale')),
      store.queue.recordStep(thief, step('completed', now, 'holder')),
      store.queue.finishRun(lost, { status: 'failed', error: { code: 'x', message: 'stale', stepId: null }, completedAt: now }),
    ]);
    expect(results).toEqual([false, true, false]);
    expect(await store.queue.loadStepRecords(lost.runId)).toEqual([expect.objectContaining({ status: 'completed', output: 'holder' })]);
    expect(await store.queue.finishRun(thief, { status: 'completed', output: 1, completedAt: now + 1 })).toBe(true);
  });

  it('renews only the leases still held, beside a finish in flight', async () => {
    const { now, leases, lost } = await claimThreeAndLoseOne();
    const [first, , third] = leases as [(typeof leases)[number], unknown, (typeof leases)[number]];
    const [renewed, finished] = await Promise.all([
      store.queue.renewLeases({ workerId: 'w', runIds: leases.map((l) => l.runId), now, leaseMs: LEASE }),
      store.queue.finishRun(first, { status: 'completed', output: 1, completedAt: now }),
    ]);
    expect(finished).toBe(true);
    expect(renewed.has(lost.runId)).toBe(false);
    expect(renewed.has(third.runId)).toBe(true);
  });

  it("applies one run's writes in call order, even when a start marker is already in flight", async () => {
    const { now, leases } = await claimThreeAndLoseOne();
    const lease = leases[0] as (typeof leases)[number];
    for (let round = 0; round < 5; round++) {
      const stepId = `s${round}`;
      // The start marker is not awaited (as the engine does); its transaction is under way when the result comes.
      const started = store.queue.recordStep(lease, { ...step('running', now), stepId });
      await new Promise((resolve) => setImmediate(resolve));
      const failed = store.queue.recordStep(lease, { ...step('failed', now), stepId, error: { code: 'x', message: 'boom', stepId } });
      expect(await Promise.all([started, failed])).toEqual([true, true]);
    }
    expect(
      await store.queue.finishRun(lease, { status: 'failed', error: { code: 'x', message: 'boom', stepId: 's4' }, completedAt: now }),
    ).toBe(true);
    const steps = await store.queue.loadStepRecords(lease.runId);
    expect(steps.map((s) => s.status)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed']);
    const events = await store.events.read({ workspaceId, runId: lease.runId, after: 0, limit: 100 });
    for (let round = 0; round < 5; round++) {
      const types = events.filter((e) => e.stepId === `s${round}`).map((e) => e.type);
      expect(types).toEqual(['step.started', 'step.failed']);
    }
  });
});
