import { WorkflowDefinition } from '@assay/schema';
import { createLogger } from '@assay/runtime';
import type { RunRecord, ScheduleRecord, Store } from '@assay/store';
import { openTestStore, type TestStore } from '../support/test-database';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler } from '@assay/runtime';
import { parseCron, ScheduleService } from '@assay/server/services';

const definition: WorkflowDefinition = WorkflowDefinition.parse({
  name: 'Scheduled',
  inputs: { companyId: { type: 'string', required: true }, depth: { type: 'integer', default: 2 } },
  steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.companyId' } }],
});

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A clock the test moves by hand. */
class ManualClock {
  constructor(public ms: number) {}
  now(): number {
    return this.ms;
  }
  set(time: string): void {
    this.ms = at(time);
  }
}

describe('schedule fire times', () => {
  it('reads the expression in its time zone, across daylight saving changes', () => {
    const cron = parseCron('30 9 * * *', 'America/New_York');
    // US summer time starts on 8 March 2026 and ends on 1 November 2026: 09:30 is 14:30Z in winter, 13:30Z in summer.
    expect(cron.nextTimes(4, at('2026-03-06T12:00:00Z')).map(iso)).toEqual([
      '2026-03-06T14:30:00.000Z',
      '2026-03-07T14:30:00.000Z',
      '2026-03-08T13:30:00.000Z',
      '2026-03-09T13:30:00.000Z',
    ]);
    expect(cron.nextTimes(3, at('2026-10-31T00:00:00Z')).map(iso)).toEqual([
      '2026-10-31T13:30:00.000Z',
      '2026-11-01T14:30:00.000Z',
      '2026-11-02T14:30:00.000Z',
    ]);
    expect(iso(cron.nextAfter(at('2026-03-09T13:30:00Z')))).toBe('2026-03-10T13:30:00.000Z'); // strictly after
    expect(iso(cron.latestAtOrBefore(at('2026-03-09T13:30:00Z')))).toBe('2026-03-09T13:30:00.000Z'); // at or before
    expect(iso(parseCron('0 12 * * *', 'Asia/Kolkata').nextAfter(at('2026-01-01T00:00:00Z')))).toBe('2026-01-01T06:30:00.000Z');
    expect(iso(parseCron('*/20 * * * * *', 'UTC').nextAfter(at('2026-01-01T00:00:05.500Z')))).toBe('2026-01-01T00:00:20.000Z');
  });
});

describe('the scheduler (injected clock, real store)', () => {
  let testStore: TestStore;
  let store: Store;
  let clock: ManualClock;
  let workspaceId: string;
  let workflowId: string;
  let notified: number;
  const schedulers: Scheduler[] = [];
  const logger = createLogger('silent');

  const newScheduler = (on: Store = store) => {
    const scheduler = new Scheduler({ store: on, notify: () => notified++, logger, clock });
    schedulers.push(scheduler);
    return scheduler;
  };
  const schedule = (body: { cron: string; timezone?: string; input?: Record<string, unknown>; missed?: 'run_once' | 'skip' }) =>
    new ScheduleService(store, clock).create(workspaceId, workflowId, {
      timezone: 'UTC',
      input: { companyId: 'acme' },
      enabled: true,
      missed: 'run_once',
      ...body,
    });
  const runs = async (): Promise<RunRecord[]> => store.runs.list(workspaceId, { workflowId, limit: 1000, offset: 0, direction: 'asc' });
  const reload = async (s: ScheduleRecord) => (await store.schedules.get(workspaceId, s.id)) as ScheduleRecord;

  beforeEach(async () => {
    testStore = await openTestStore();
    store = testStore.store;
    workspaceId = (await store.access.createWorkspace('test')).id;
    workflowId = (await store.workflows.create({ workspaceId, definition, createdBy: null })).id;
    notified = 0;
    clock = new ManualClock(0);
  });
  afterEach(async () => {
    await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    await testStore.close();
  });

  it('fires at the right minute in its time zone: not before, exactly one run, the configured input, trigger "schedule"', async () => {
    clock.set('2026-03-09T12:00:00Z'); // 08:00 in New York (summer time since 8 March)
    const created = await schedule({ cron: '30 9 * * *', timezone: 'America/New_York', input: { companyId: 'ny' } });
    expect(iso(created.nextFireAt)).toBe('2026-03-09T13:30:00.000Z');
    const scheduler = newScheduler();

    clock.set('2026-03-09T13:29:00Z');
    expect(await scheduler.tick()).toEqual({ fired: 0, skipped: 0, lost: 0 });
    clock.set('2026-03-09T13:29:59.999Z');
    await scheduler.tick();
    expect(await runs()).toHaveLength(0);

    clock.set('2026-03-09T13:30:00Z');
    expect(await scheduler.tick()).toEqual({ fired: 1, skipped: 0, lost: 0 });
    clock.set('2026-03-09T13:30:00.800Z');
    await scheduler.tick();
    clock.set('2026-03-09T13:31:00Z');
    await scheduler.tick();

    const [run, ...others] = await runs();
    expect(others).toHaveLength(0);
    expect(run).toMatchObject({
      trigger: 'schedule',
      status: 'queued',
      input: { companyId: 'ny', depth: 2 },
      workflowVersion: 1,
      idempotencyKey: `schedule:${created.id}:${at('2026-03-09T13:30:00Z')}`,
    });
    expect(notified).toBe(1);
    const after = await reload(created);
    expect(after).toMatchObject({ lastRunId: run?.id, lastFireAt: at('2026-03-09T13:30:00Z'), nextFireAt: at('2026-03-10T13:30:00Z') });
  });

  it('after downtime runs a missed fire once (run_once), for the latest missed fire only', async () => {
    clock.set('2026-05-01T09:10:00Z');
    const created = await schedule({ cron: '0 * * * *', missed: 'run_once' });
    expect(iso(created.nextFireAt)).toBe('2026-05-01T10:00:00.000Z');

    // Down from 09:10 to 14:20: the 10:00, 11:00, 12:00, 13:00 and 14:00 fires were missed.
    clock.set('2026-05-01T14:20:00Z');
    expect(await newScheduler().tick()).toEqual({ fired: 1, skipped: 0, lost: 0 });
    const all = await runs();
    expect(all).toHaveLength(1);
    expect(all[0]?.idempotencyKey).toBe(`schedule:${created.id}:${at('2026-05-01T14:00:00Z')}`);
    expect(await reload(created)).toMatchObject({ lastFireAt: at('2026-05-01T14:00:00Z'), nextFireAt: at('2026-05-01T15:00:00Z') });

    clock.set('2026-05-01T15:00:00Z');
    await newScheduler().tick();
    expect(await runs()).toHaveLength(2);
  });

  it('after downtime skips missed fires (skip), and still runs a fire that is only moments late', async () => {
    clock.set('2026-05-01T09:10:00Z');
    const created = await schedule({ cron: '0 * * * *', missed: 'skip' });

    clock.set('2026-05-01T14:20:00Z');
    expect(await newScheduler().tick()).toEqual({ fired: 0, skipped: 1, lost: 0 });
    expect(await runs()).toHaveLength(0);
    expect(await reload(created)).toMatchObject({ lastFireAt: null, lastRunId: null, nextFireAt: at('2026-05-01T15:00:00Z') });

    // 20 s late is a slow tick, not downtime: the fire runs.
    clock.set('2026-05-01T15:00:20Z');
    expect(await newScheduler().tick()).toEqual({ fired: 1, skipped: 0, lost: 0 });
    expect(await runs()).toHaveLength(1);
  });

  it('two schedulers ticking at once on the same store create exactly one run per fire time', async () => {
    clock.set('2026-05-01T09:59:00Z');
    const created = await Promise.all([
      schedule({ cron: '0 10 * * *' }),
      schedule({ cron: '*/30 * * * *', missed: 'skip' }),
      schedule({ cron: '0 * * * *', timezone: 'Asia/Tokyo' }),
    ]);
    const a = newScheduler();
    const b = newScheduler();
    let fired = 0;
    let lost = 0;
    for (const time of ['2026-05-01T10:00:00Z', '2026-05-01T10:00:00.300Z', '2026-05-01T10:30:00Z', '2026-05-01T11:00:00Z']) {
      clock.set(time);
      for (const result of await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()])) {
        fired += result.fired;
        lost += result.lost;
      }
    }
    // Both read the same due fires; the compare-and-set let one claim each, the other lost it.
    expect(fired).toBe(6);
    expect(lost).toBeGreaterThan(0);
    const all = await runs();
    // 10:00: all three; 10:30: the half-hourly; 11:00: the half-hourly and the hourly.
    expect(all).toHaveLength(6);
    expect(new Set(all.map((r) => r.idempotencyKey)).size).toBe(6);
    expect(all.filter((r) => r.idempotencyKey?.startsWith(`schedule:${created[0]?.id}:`))).toHaveLength(1);
  });

  it('two schedulers on two connections to one database file (as two processes) create one run per fire', async () => {
    const second = await testStore.reopen();
    try {
      clock.set('2026-05-01T09:59:00Z');
      await schedule({ cron: '0 10 * * *' });
      await schedule({ cron: '*/30 * * * *' });
      const a = newScheduler();
      const b = newScheduler(second);
      clock.set('2026-05-01T10:00:00Z');
      const results = await Promise.all([a.tick(), b.tick()]);
      expect(results.reduce((n, r) => n + r.fired, 0)).toBe(2);
      clock.set('2026-05-01T10:30:00Z');
      await Promise.all([b.tick(), a.tick()]);
      expect(await runs()).toHaveLength(3);
    } finally {
      await Promise.all(schedulers.splice(0).map((s) => s.stop()));
    }
  });

  it('never makes a second run for a fire time that already ran, even if next_fire_at is put back on it', async () => {
    clock.set('2026-05-01T09:59:00Z');
    const created = await schedule({ cron: '0 10 * * *' });
    clock.set('2026-05-01T10:00:00Z');
    await newScheduler().tick();
    await store.schedules.update(workspaceId, created.id, { nextFireAt: at('2026-05-01T10:00:00Z') });
    clock.set('2026-05-01T10:00:10Z');
    expect((await newScheduler().tick()).fired).toBe(1); // claimed, but the run is the one that exists
    expect(await runs()).toHaveLength(1);
    expect(notified).toBe(1);
  });

  it('does not fire for an archived workflow or a disabled schedule, and moves past the fire', async () => {
    clock.set('2026-05-01T09:59:00Z');
    const service = new ScheduleService(store, clock);
    const onArchived = await schedule({ cron: '0 10 * * *' });
    const disabled = await schedule({ cron: '0 10 * * *' });
    await service.update(workspaceId, disabled.id, { enabled: false });
    await store.workflows.archive(workspaceId, workflowId);

    clock.set('2026-05-01T10:00:00Z');
    expect(await newScheduler().tick()).toEqual({ fired: 0, skipped: 1, lost: 0 });
    expect(await runs()).toHaveLength(0);
    expect((await reload(onArchived)).nextFireAt).toBe(at('2026-05-02T10:00:00Z'));
    expect((await reload(disabled)).nextFireAt).toBeNull();
  });

  it('skips a fire whose input the current workflow version no longer accepts', async () => {
    clock.set('2026-05-01T09:59:00Z');
    const created = await schedule({ cron: '0 10 * * *' });
    await store.workflows.saveVersion({
      workspaceId,
      id: workflowId,
      definition: { ...definition, inputs: { ...definition.inputs, region: { type: 'string', required: true } } },
      createdBy: null,
    });
    clock.set('2026-05-01T10:00:00Z');
    expect(await newScheduler().tick()).toEqual({ fired: 0, skipped: 1, lost: 0 });
    expect((await reload(created)).nextFireAt).toBe(at('2026-05-02T10:00:00Z'));
  });

  it('runs its own loop: sleeps until the next fire and wakes when a schedule is created', async () => {
    clock = new ManualClock(Date.now());
    const scheduler = new Scheduler({ store, notify: () => notified++, logger, maxSleepMs: 60_000 });
    schedulers.push(scheduler);
    scheduler.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Created after the loop went to sleep (nothing was due): the change wakes it.
    await new ScheduleService(store).create(workspaceId, workflowId, {
      cron: '* * * * * *',
      timezone: 'UTC',
      input: { companyId: 'loop' },
      enabled: true,
      missed: 'run_once',
    });
    const deadline = Date.now() + 5000;
    while ((await runs()).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await runs()).length).toBeGreaterThanOrEqual(2);
    await scheduler.stop();
    const count = (await runs()).length;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await runs()).length).toBe(count);
  });
});
