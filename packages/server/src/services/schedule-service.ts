import { AssayError, invalidInput, type CreateScheduleBody, type ListQuery, type Schedule, type UpdateScheduleBody } from '@assay/schema';
import type { ScheduleRecord, SchedulePatch, Store, WorkflowRecord } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import { canonicalTimeZone, parseCron, type CronSchedule } from './schedule-cron';
import { validateRunInput } from './run-input';
import { pinnedVersion } from './workflow-version';

/** How many upcoming fires an answer lists. */
const PREVIEW_FIRES = 5;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A schedule as the API answers it, with its next fire times. */
export function presentSchedule(record: ScheduleRecord): Schedule {
  let nextFireTimes: string[] = [];
  if (record.nextFireAt !== null) {
    // Starts at the pending fire (which may be a moment in the past, about to be fired).
    const later = parseCron(record.cron, record.timezone).nextTimes(PREVIEW_FIRES - 1, record.nextFireAt);
    nextFireTimes = [record.nextFireAt, ...later].map((ms) => new Date(ms).toISOString());
  }
  return {
    id: record.id,
    workflowId: record.workflowId,
    name: record.name,
    cron: record.cron,
    timezone: record.timezone,
    input: record.input,
    enabled: record.enabled,
    missed: record.missed,
    version: record.workflowVersion,
    nextFireAt: iso(record.nextFireAt),
    nextFireTimes,
    lastFireAt: iso(record.lastFireAt),
    lastRunId: record.lastRunId,
    createdAt: iso(record.createdAt) as string,
    updatedAt: iso(record.updatedAt) as string,
  };
}

/** The first fire after `now`; 400 on `cron` if the expression never fires again (e.g. 30 February). */
function firstFire(cron: CronSchedule, expression: string, now: number): number {
  const next = cron.nextAfter(now);
  if (next === null) throw invalidInput('cron', `"${expression}" never fires`);
  return next;
}

/**
 * Schedules as the API sees them: checked expression, zone and input; workspace-scoped. Changes made
 * `by` someone (the API passes the caller) are recorded in the audit log.
 */
export class ScheduleService {
  constructor(
    private readonly store: Store,
    private readonly clock: { now(): number } = { now: () => Date.now() },
  ) {}

  async create(workspaceId: string, workflowId: string, body: CreateScheduleBody, by?: Principal): Promise<ScheduleRecord> {
    const workflow = await this.workflow(workspaceId, workflowId);
    if (workflow.archivedAt !== null)
      throw new AssayError('invalid_state', `workflow ${workflowId} is archived; an archived workflow cannot be scheduled`);
    const timezone = canonicalTimeZone(body.timezone);
    const cron = parseCron(body.cron, timezone);
    const pinned = await pinnedVersion(this.store, workflow, body.version);
    validateRunInput(pinned.definition.inputs, body.input);
    const next = firstFire(cron, body.cron, this.clock.now());
    // The input is kept as given: defaults are applied at each fire, from the version current then.
    const created = await this.store.schedules.create({
      workspaceId,
      workflowId,
      name: body.name ?? null,
      cron: body.cron,
      timezone,
      input: body.input,
      enabled: body.enabled,
      missed: body.missed,
      workflowVersion: body.version ?? null,
      nextFireAt: body.enabled ? next : null,
    });
    if (by)
      await audit(
        this.store,
        by,
        'schedule.created',
        { type: 'schedule', id: created.id },
        { workflowId: created.workflowId, cron: created.cron, timezone: created.timezone },
      );
    return created;
  }

  async require(workspaceId: string, id: string): Promise<ScheduleRecord> {
    const schedule = await this.store.schedules.get(workspaceId, id);
    if (!schedule) throw new AssayError('not_found', `schedule ${id} not found`);
    return schedule;
  }

  /** A page plus one (to know whether more follow); with `workflowId`, that workflow's (404 if not in the workspace). */
  async list(workspaceId: string, query: ListQuery, workflowId?: string): Promise<ScheduleRecord[]> {
    if (workflowId !== undefined) await this.workflow(workspaceId, workflowId);
    return this.store.schedules.list(workspaceId, {
      workflowId,
      limit: query.limit + 1,
      offset: (query.page - 1) * query.limit,
      lt: query.lt,
      gt: query.gt,
      direction: query.direction,
    });
  }

  /**
   * Changes the given fields. A new expression, zone or enabled state re-plans the next fire from now
   * (a pending missed fire is dropped then); other changes keep it.
   */
  async update(workspaceId: string, id: string, body: UpdateScheduleBody, by?: Principal): Promise<ScheduleRecord> {
    const current = await this.require(workspaceId, id);
    const { version, ...fields } = body;
    const patch: SchedulePatch = { ...fields, ...(version !== undefined && { workflowVersion: version }) };
    if (body.timezone !== undefined) patch.timezone = canonicalTimeZone(body.timezone);
    const cronText = body.cron ?? current.cron;
    const timezone = patch.timezone ?? current.timezone;
    const enabled = body.enabled ?? current.enabled;
    const cron = parseCron(cronText, timezone);
    if (body.input !== undefined || version !== undefined || (enabled && !current.enabled)) {
      const workflow = await this.workflow(workspaceId, current.workflowId);
      if (enabled && !current.enabled && workflow.archivedAt !== null)
        throw new AssayError('invalid_state', `workflow ${workflow.id} is archived; its schedules cannot be enabled`);
      const pinned = await pinnedVersion(this.store, workflow, version === undefined ? current.workflowVersion : version);
      if (body.input !== undefined || version !== undefined) validateRunInput(pinned.definition.inputs, body.input ?? current.input);
    }
    const replan = (body.cron !== undefined && body.cron !== current.cron) || timezone !== current.timezone || enabled !== current.enabled;
    if (replan) {
      const next = firstFire(cron, cronText, this.clock.now());
      patch.nextFireAt = enabled ? next : null;
    }
    const updated = await this.store.schedules.update(workspaceId, id, patch);
    if (!updated) throw new AssayError('not_found', `schedule ${id} not found`);
    if (by)
      await audit(
        this.store,
        by,
        'schedule.updated',
        { type: 'schedule', id: updated.id },
        { cron: updated.cron, timezone: updated.timezone, enabled: updated.enabled },
      );
    return updated;
  }

  async remove(workspaceId: string, id: string, by?: Principal): Promise<ScheduleRecord> {
    const existing = await this.require(workspaceId, id);
    if (!(await this.store.schedules.remove(workspaceId, id))) throw new AssayError('not_found', `schedule ${id} not found`);
    if (by) await audit(this.store, by, 'schedule.deleted', { type: 'schedule', id: existing.id }, { workflowId: existing.workflowId });
    return existing;
  }

  private async workflow(workspaceId: string, workflowId: string): Promise<WorkflowRecord> {
    const workflow = await this.store.workflows.get(workspaceId, workflowId);
    if (!workflow) throw new AssayError('not_found', `workflow ${workflowId} not found`);
    return workflow;
  }
}
