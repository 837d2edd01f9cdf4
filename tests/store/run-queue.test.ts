import type { StepRecord } from '@assay/engine';
import { WorkflowDefinition } from '@assay/schema';
import type { Store } from '@assay/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stepRecord } from '../support/step-record';
import { openTestStore, TEST_DB, type TestStore } from '../support/test-database';

/**
 * The store's contract with the engine (the RunStore port), checked against the database the suite
 * runs on: SQLite by default, PostgreSQL with ASSAY_TEST_DB=postgres (`npm run test:postgres`).
 * A second store on the same database plays a second process.
 */
describe(`the run queue on ${TEST_DB}`, () => {
  let db: TestStore;
  let store: Store;
  let workspaceId: string;
  let workflowId: string;
  const LEASE = 30_000;

  const definition = WorkflowDefinition.parse({ name: 'contract', steps: [{ id: 'a', type: 'transform', with: { expression: '1' } }] });
  const createRuns = async (n: number, on: Store = store, extra: { priority?: number } = {}) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push((await on.runs.create({ workspaceId, workflowId, workflowVersion: 1, input: { i }, trigger: 'api', ...extra })).run.id);
    return ids;
  };
  const step = (stepId: string, status: StepRecord['status'], now: number, extra: Partial<StepRecord> = {}) =>
    stepRecord(stepId, status, now, { output: status === 'completed' ? 1 : null, ...extra });

  beforeEach(async () => {
    db = await openTestStore();
    store = db.store;
    workspaceId = (await store.access.createWorkspace('contract')).id;
    workflowId = (await store.workflows.create({ workspaceId, definition, createdBy: null })).id;
  });
  afterEach(() => db.close());

  it('never gives one run to two claimers, even claiming at the same time from two processes', async () => {
    const other = await db.reopen();
    const ids = await createRuns(200);
    const now = Date.now();
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? store : other).queue.claimRuns({ workerId: `w${i}`, limit: 16, now, leaseMs: LEASE }),
      ),
    );
    const claimed = claims.flat().map((run) => run.id);
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed.length).toBe(200);
    expect(new Set(claimed)).toEqual(new Set(ids));
    expect(await store.queue.claimRuns({ workerId: 'late', limit: 10, now, leaseMs: LEASE })).toEqual([]);
  });

  it('claims the highest priority first, then the longest due', async () => {
    const low = await createRuns(2, store, { priority: -5 });
    const normal = await createRuns(2);
    const high = await createRuns(2, store, { priority: 5 });
    const next = async () =>
      new Set((await store.queue.claimRuns({ workerId: 'w', limit: 2, now: Date.now() + 1, leaseMs: LEASE })).map((r) => r.id));
    expect(await next()).toEqual(new Set(high));
    expect(await next()).toEqual(new Set(normal));
    expect(await next()).toEqual(new Set(low));
  });

  it('refuses every write of a worker whose lease expired and was taken over', async () => {
    const [id] = await createRuns(1);
    const now = Date.now();
    await store.queue.claimRuns({ workerId: 'first', limit: 1, now, leaseMs: 10 });
    expect(await store.queue.recoverExpiredLeases({ now: now + 1000 })).toBe(1);
    const [again] = await store.queue.claimRuns({ workerId: 'second', limit: 1, now: now + 1000, leaseMs: LEASE });
    expect(again?.id).toBe(id);
    const lost = { runId: id as string, workerId: 'first' };
    expect(await store.queue.recordStep(lost, step('a', 'completed', now))).toBe(false);
    expect(await store.queue.finishRun(lost, { status: 'completed', output: 1, completedAt: now })).toBe(false);
    expect(await store.queue.recordStep({ runId: id as string, workerId: 'second' }, step('a', 'completed', now))).toBe(true);
    const renewed = await store.queue.renewLeases({ workerId: 'first', runIds: [id as string], now, leaseMs: LEASE });
    expect(renewed.size).toBe(0);
  });

  it('keeps one step row when a result supersedes its start, and still reports both events in order', async () => {
    const [id] = await createRuns(1);
    const now = Date.now();
    const [run] = await store.queue.claimRuns({ workerId: 'w', limit: 1, now, leaseMs: LEASE });
    const lease = { runId: id as string, workerId: 'w', workspaceId: run?.workspaceId, workflowId: run?.workflowId };
    const start = store.queue.recordStep(lease, step('a', 'running', now));
    const done = store.queue.recordStep(lease, step('a', 'completed', now + 5));
    expect(await Promise.all([start, done])).toEqual([true, true]);
    expect(await store.queue.finishRun(lease, { status: 'completed', output: 1, completedAt: now + 6 })).toBe(true);
    const steps = await store.queue.loadStepRecords(id as string);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ status: 'completed', attempts: 1 });
    const events = await store.events.read({ workspaceId, runId: id, after: 0, limit: 100 });
    expect(events.map((e) => e.type)).toEqual(['run.queued', 'run.started', 'step.started', 'step.completed', 'run.completed']);
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it("never lets a write without the lease ride on the holder's write to the same step queued after it", async () => {
    const [id] = await createRuns(1);
    const now = Date.now();
    const [run] = await store.queue.claimRuns({ workerId: 'holder', limit: 1, now, leaseMs: LEASE });
    const holder = { runId: id as string, workerId: 'holder', workspaceId: run?.workspaceId, workflowId: run?.workflowId };
    const forged = store.queue.recordStep({ runId: id as string, workerId: 'intruder' }, step('a', 'completed', now, { output: 'forged' }));
    const real = store.queue.recordStep(holder, step('a', 'running', now));
    expect(await Promise.all([forged, real])).toEqual([false, true]);
    expect((await store.queue.loadStepRecords(id as string))[0]).toMatchObject({ status: 'running', output: null });
  });

  it('parks a run until its wake time and hands it out again then', async () => {
    const [id] = await createRuns(1);
    const now = Date.now();
    await store.queue.claimRuns({ workerId: 'w', limit: 1, now, leaseMs: LEASE });
    expect(await store.queue.parkRun({ runId: id as string, workerId: 'w' }, now + 60_000)).toBe(true);
    expect(await store.queue.claimRuns({ workerId: 'w', limit: 1, now: now + 59_000, leaseMs: LEASE })).toEqual([]);
    expect(await store.queue.nextDueAt()).toBe(now + 60_000);
    const [woken] = await store.queue.claimRuns({ workerId: 'w2', limit: 1, now: now + 60_000, leaseMs: LEASE });
    expect(woken?.id).toBe(id);
  });

  it('orders events from concurrent writers by commit, so a reader resuming after any position misses none', async () => {
    const other = await db.reopen();
    let lastSeen = 0;
    const seen: number[] = [];
    const reading = (async () => {
      for (let i = 0; i < 40; i++) {
        const batch = await store.events.read({ workspaceId, after: lastSeen, limit: 1000 });
        for (const e of batch) seen.push(e.seq);
        lastSeen = batch.at(-1)?.seq ?? lastSeen;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all([createRuns(60, store), createRuns(60, other), reading]);
    const rest = await store.events.read({ workspaceId, after: lastSeen, limit: 1000 });
    seen.push(...rest.map((e) => e.seq));
    const all = (await store.events.read({ workspaceId, after: 0, limit: 1000 })).map((e) => e.seq);
    expect(all).toHaveLength(120);
    expect(seen).toEqual(all);
  });
});
