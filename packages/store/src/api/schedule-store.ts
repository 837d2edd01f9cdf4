import { EventEmitter } from 'node:events';
import type { Selectable, Updateable } from 'kysely';
import type { Db, SchedulesTable } from '../database';
import { fromJson, toJson, toMs } from '../codec';
import { newId } from '../ids';
import { queuedRunRow, type RunEnqueuer, type RunRow, type RunTemplate } from '../runs/enqueue-runs';
import type { WriteBatcher } from '../write-batcher';
import { toRunRecord, type RunRecord } from './run-store';
import type { PageOptions } from './workflow-store';

export type ScheduleMissed = 'run_once' | 'skip';

/** A schedule as stored (times in ms). */
export interface ScheduleRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  name: string | null;
  cron: string;
  timezone: string;
  input: Record<string, unknown>;
  enabled: boolean;
  missed: ScheduleMissed;
  /** The workflow version every fire runs; null: the version current at each fire. */
  workflowVersion: number | null;
  /** The fire the schedulers wait for; null while disabled (or when the expression never fires again). */
  nextFireAt: number | null;
  lastFireAt: number | null;
  lastRunId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type NewSchedule = Omit<ScheduleRecord, 'id' | 'lastFireAt' | 'lastRunId' | 'createdAt' | 'updatedAt'>;

/** The fields a change may set; absent ones keep their value. */
export type SchedulePatch = Partial<
  Pick<ScheduleRecord, 'name' | 'cron' | 'timezone' | 'input' | 'enabled' | 'missed' | 'nextFireAt' | 'workflowVersion'>
>;

/** One fire as a scheduler decided it. */
export interface ScheduleFire {
  schedule: ScheduleRecord;
  /** `next_fire_at` as the scheduler read it: the fire is claimed only if it is still that (compare-and-set). */
  expectedNextFireAt: number;
  /** Where `next_fire_at` moves to (strictly after now), or null if the expression never fires again. */
  nextFireAt: number | null;
  /** The run to create, or null to only advance (a skipped missed fire, an archived workflow). */
  /** `budget`: the workflow's default budget for its runs. */
  run: {
    fireAt: number;
    workflowVersion: number;
    input: Record<string, unknown>;
    budget?: { usd?: number; tokens?: number } | null;
  } | null;
}

export interface FireResult {
  /** False when another scheduler (or an edit) moved `next_fire_at` first: this one did nothing. */
  claimed: boolean;
  run: RunRecord | null;
  /** False when the fire's run already existed (its idempotency key was taken). */
  created: boolean;
}

/** The idempotency key of the run for one fire time of one schedule: one run per fire, ever. */
export function scheduleRunKey(scheduleId: string, fireAt: number): string {
  return `schedule:${scheduleId}:${fireAt}`;
}

function toRecord(row: Selectable<SchedulesTable>): ScheduleRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    input: fromJson<Record<string, unknown>>(row.input) ?? {},
    enabled: Number(row.enabled) === 1,
    missed: row.missed as ScheduleMissed,
    workflowVersion: row.workflow_version === null ? null : Number(row.workflow_version),
    nextFireAt: toMs(row.next_fire_at),
    lastFireAt: toMs(row.last_fire_at),
    lastRunId: row.last_run_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Cron schedules of workflows, and the claim-and-create step every scheduler fires through. */
export class ScheduleStore {
  // Edits in this process wake its scheduler (other processes see them at their next poll).
  private readonly changes = new EventEmitter();

  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly enqueuer: RunEnqueuer,
  ) {
    this.changes.setMaxListeners(0);
  }

  /** Calls `listener` after every create, update or delete; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  async create(schedule: NewSchedule): Promise<ScheduleRecord> {
    const now = Date.now();
    const row: Selectable<SchedulesTable> = {
      id: newId(now),
      workspace_id: schedule.workspaceId,
      workflow_id: schedule.workflowId,
      name: schedule.name,
      cron: schedule.cron,
      timezone: schedule.timezone,
      input: toJson(schedule.input) as string,
      enabled: schedule.enabled ? 1 : 0,
      missed: schedule.missed,
      workflow_version: schedule.workflowVersion,
      next_fire_at: schedule.nextFireAt,
      last_fire_at: null,
      last_run_id: null,
      created_at: now,
      updated_at: now,
    };
    await this.writes.write((trx) => trx.insertInto('schedules').values(row).execute());
    this.changes.emit('change');
    return toRecord(row);
  }

  async get(workspaceId: string, id: string): Promise<ScheduleRecord | null> {
    const row = await this.db
      .selectFrom('schedules')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** A page of the workspace's schedules, or of one workflow's. */
  async list(workspaceId: string, page: PageOptions & { workflowId?: string }): Promise<ScheduleRecord[]> {
    let query = this.db.selectFrom('schedules').selectAll().where('workspace_id', '=', workspaceId);
    if (page.workflowId) query = query.where('workflow_id', '=', page.workflowId);
    if (page.lt) query = query.where('id', '<', page.lt);
    if (page.gt) query = query.where('id', '>', page.gt);
    const rows = await query.orderBy('id', page.direction).limit(page.limit).offset(page.offset).execute();
    return rows.map(toRecord);
  }

  /** Applies `patch`; null if the schedule is not in the workspace. */
  async update(workspaceId: string, id: string, patch: SchedulePatch): Promise<ScheduleRecord | null> {
    const updated = await this.writes.write(async (trx) => {
      const now = Date.now();
      const set: Updateable<SchedulesTable> = { updated_at: now };
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.cron !== undefined) set.cron = patch.cron;
      if (patch.timezone !== undefined) set.timezone = patch.timezone;
      if (patch.input !== undefined) set.input = toJson(patch.input) as string;
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.missed !== undefined) set.missed = patch.missed;
      if (patch.nextFireAt !== undefined) set.next_fire_at = patch.nextFireAt;
      if (patch.workflowVersion !== undefined) set.workflow_version = patch.workflowVersion;
      const result = await trx
        .updateTable('schedules')
        .set(set)
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      const row = await trx.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toRecord(row);
    });
    if (updated) this.changes.emit('change');
    return updated;
  }

  async remove(workspaceId: string, id: string): Promise<boolean> {
    const removed = await this.writes.write(async (trx) => {
      const result = await trx.deleteFrom('schedules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
    if (removed) this.changes.emit('change');
    return removed;
  }

  /** Enabled schedules whose next fire is at or before `now`, longest due first (served by the `next_fire_at` index). */
  async due(now: number, limit: number): Promise<ScheduleRecord[]> {
    const rows = await this.db
      .selectFrom('schedules')
      .selectAll()
      .where('next_fire_at', '<=', now)
      .where('enabled', '=', 1)
      .orderBy('next_fire_at')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /** The earliest pending fire of any enabled schedule (how long a scheduler may sleep). */
  async earliestFireAt(): Promise<number | null> {
    // An ordered walk of the `next_fire_at` index: disabled schedules have no next fire, so the first row answers.
    const row = await this.db
      .selectFrom('schedules')
      .select('next_fire_at')
      .where('next_fire_at', 'is not', null)
      .where('enabled', '=', 1)
      .orderBy('next_fire_at')
      .limit(1)
      .executeTakeFirst();
    return toMs(row?.next_fire_at ?? null);
  }

  /**
   * Claims one fire and creates its run in the same transaction. The claim is a compare-and-set on
   * `next_fire_at`: of several schedulers (threads, processes, machines) that read the same due fire,
   * exactly one moves it forward and creates the run; the others change nothing. The run's
   * idempotency key (`schedule:<id>:<fire ms>`) makes a second run for the same fire impossible even
   * if an edit puts `next_fire_at` back on a fire time that already ran.
   */
  fire(fire: ScheduleFire): Promise<FireResult> {
    const { schedule } = fire;
    return this.writes.write(async (trx): Promise<FireResult> => {
      const now = Date.now();
      const claim = await trx
        .updateTable('schedules')
        .set({ next_fire_at: fire.nextFireAt, updated_at: now })
        .where('id', '=', schedule.id)
        .where('next_fire_at', '=', fire.expectedNextFireAt)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) === 0) return { claimed: false, run: null, created: false };
      if (!fire.run) return { claimed: true, run: null, created: false };

      const key = scheduleRunKey(schedule.id, fire.run.fireAt);
      const existing = await this.enqueuer.findByIdempotencyKey(trx, schedule.workspaceId, key);
      let run: RunRow;
      if (existing) {
        run = existing;
      } else {
        const template: RunTemplate = {
          workspaceId: schedule.workspaceId,
          workflowId: schedule.workflowId,
          workflowVersion: fire.run.workflowVersion,
          trigger: 'schedule',
          idempotencyKey: key,
          budget: fire.run.budget ?? null,
        };
        const input = toJson(fire.run.input) as string;
        const [id] = await this.enqueuer.enqueue(trx, template, [input], now);
        run = queuedRunRow(template, id as string, input, now);
      }
      await trx
        .updateTable('schedules')
        .set({ last_fire_at: fire.run.fireAt, last_run_id: run.id })
        .where('id', '=', schedule.id)
        .execute();
      return { claimed: true, run: toRunRecord(run), created: !existing };
    });
  }
}
