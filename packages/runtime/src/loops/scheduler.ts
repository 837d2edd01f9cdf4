import { Loop, type Logger, type NextPass } from '@assay/engine';
import type { ScheduleFire, ScheduleRecord, Store } from '@assay/store';
import { parseCron, validateRunInput } from '@assay/server/services';

export interface SchedulerClock {
  now(): number;
}

export interface SchedulerOptions {
  store: Store;
  /** Called when a fire created a run (the engine's `notify`: claim it now rather than at the next poll). */
  notify(): void;
  logger: Logger;
  /** Tests inject a clock and call `tick()` themselves. */
  clock?: SchedulerClock;
  /** A fire claimed later than this after its time was missed (downtime): `missed` decides. Default 60 s. */
  missedAfterMs?: number;
  /** The longest sleep between looks at the table, so other processes' edits are seen. Default 30 s. */
  maxSleepMs?: number;
  /** Schedules fired per query. */
  batchSize?: number;
}

/** What one tick did. */
export interface TickResult {
  /** Runs created. */
  fired: number;
  /** Fires passed over: missed with `skip`, archived workflow, or input the workflow no longer accepts. */
  skipped: number;
  /** Fires another scheduler (or an edit) claimed first. */
  lost: number;
}

/**
 * Fires due schedules. Any number of schedulers (in one process or many, sharing the database) may
 * run: each fire is claimed with a compare-and-set on `next_fire_at` in the transaction that creates
 * its run, so exactly one of them creates it. Sleeps until the earliest pending fire, at most
 * `maxSleepMs`, and wakes early when a schedule of this process changes.
 */
export class Scheduler {
  private readonly clock: SchedulerClock;
  private readonly missedAfterMs: number;
  private readonly batchSize: number;
  private readonly logger: Logger;
  private readonly loop: Loop;
  private unsubscribe: (() => void) | null = null;
  // Ticks of one scheduler never overlap: each waits for the one before.
  private ticking: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SchedulerOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.missedAfterMs = options.missedAfterMs ?? 60_000;
    this.batchSize = options.batchSize ?? 100;
    this.logger = options.logger.child({ component: 'scheduler' });
    this.loop = new Loop({
      name: 'scheduler',
      logger: this.logger,
      clock: this.clock,
      pollMs: options.maxSleepMs ?? 30_000,
      pass: () => this.pass(),
    });
  }

  /** Starts the background loop (a first tick at once: fires missed while no process ran). */
  start(): void {
    if (this.loop.isRunning) return;
    this.unsubscribe = this.options.store.schedules.onChange(() => this.wake());
    this.loop.start();
  }

  /** Stops the loop and waits for a tick in flight (call before the store closes). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
    await this.ticking.catch(() => undefined);
  }

  /** Looks again now (a schedule changed: its next fire may be sooner than the planned wake). */
  wake(): void {
    this.loop.notify();
  }

  /** Fires every schedule due at the clock's now. */
  tick(): Promise<TickResult> {
    const result = this.ticking.then(() => this.fireDue());
    this.ticking = result.catch(() => undefined);
    return result;
  }

  /** The loop's pass: fires what is due, then sleeps until the earliest pending fire (or the poll). */
  private async pass(): Promise<NextPass> {
    try {
      await this.tick();
    } catch (error) {
      this.logger.error({ err: error }, 'schedule tick failed');
    }
    const earliest = await this.options.store.schedules.earliestFireAt();
    return { dueAt: earliest === null ? null : Math.max(this.clock.now() + 1, earliest) };
  }

  private async fireDue(): Promise<TickResult> {
    const totals: TickResult = { fired: 0, skipped: 0, lost: 0 };
    // Bounded: a tick ends even if edits keep making schedules due while it runs.
    for (let round = 0; round < 10; round++) {
      const now = this.clock.now();
      const due = await this.options.store.schedules.due(now, this.batchSize);
      for (const schedule of due) {
        try {
          const outcome = await this.fireOne(schedule, now);
          totals[outcome]++;
        } catch (error) {
          // One schedule's failure (a busy database, a bad row) does not hold up the others.
          this.logger.error({ err: error, scheduleId: schedule.id }, 'schedule fire failed');
        }
      }
      if (due.length < this.batchSize) break;
    }
    return totals;
  }

  /**
   * Decides one due schedule's fire and claims it. The fire is the latest fire time at or before now:
   * on time (within `missedAfterMs`) it runs; older, it was missed while no scheduler ran, and it
   * runs once (`run_once`, however many fires were missed) or not at all (`skip`). Either way
   * `next_fire_at` moves to the first fire strictly after now.
   */
  private async fireOne(schedule: ScheduleRecord, now: number): Promise<keyof TickResult> {
    const expected = schedule.nextFireAt as number;
    const cron = parseCron(schedule.cron, schedule.timezone);
    const fireAt = Math.max(expected, cron.latestAtOrBefore(now) ?? expected);
    const missed = now - fireAt > this.missedAfterMs;
    const fire: ScheduleFire = { schedule, expectedNextFireAt: expected, nextFireAt: cron.nextAfter(now), run: null };
    if (!missed || schedule.missed === 'run_once') fire.run = await this.runFor(schedule, fireAt);
    if (missed)
      this.logger.info(
        { scheduleId: schedule.id, fireAt: new Date(fireAt).toISOString(), policy: schedule.missed },
        'schedule fire was missed while no scheduler ran',
      );
    const result = await this.options.store.schedules.fire(fire);
    if (!result.claimed) return 'lost';
    if (result.created) this.options.notify();
    return result.run ? 'fired' : 'skipped';
  }

  /** The run of a fire, or null when the workflow cannot run it (archived, gone, or the input no longer fits). */
  private async runFor(schedule: ScheduleRecord, fireAt: number): Promise<ScheduleFire['run']> {
    const workflow = await this.options.store.workflows.get(schedule.workspaceId, schedule.workflowId);
    if (!workflow || workflow.archivedAt !== null) return null;
    // A pinned schedule runs its version; versions are never deleted, but a missing one skips the fire.
    const pinned =
      schedule.workflowVersion === null || schedule.workflowVersion === workflow.version
        ? { version: workflow.version, definition: workflow.definition }
        : await this.options.store.workflows
            .getVersion(workflow.id, schedule.workflowVersion)
            .then((found) => (found ? { version: found.version, definition: found.definition } : null));
    if (!pinned) return null;
    try {
      return {
        fireAt,
        workflowVersion: pinned.version,
        input: validateRunInput(pinned.definition.inputs, schedule.input),
        budget: pinned.definition.budget ?? null,
      };
    } catch (error) {
      this.logger.warn(
        { scheduleId: schedule.id, workflowId: workflow.id, err: error },
        "schedule input does not fit the workflow's current inputs; fire skipped",
      );
      return null;
    }
  }
}
