import type { CreateScheduleBody, Schedule, ScheduleMissed } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** A new schedule: a cron expression (5 fields, or 6 with seconds) read in `timezone` (default UTC). */
export interface CreateScheduleOptions {
  cron: string;
  /** IANA time zone, e.g. `America/New_York` (default `UTC`). */
  timezone?: string;
  /** The run's input at every fire. */
  input?: CreateScheduleBody['input'];
  name?: string | null;
  /** Default true. */
  enabled?: boolean;
  /** After downtime: `run_once` (default) runs the latest missed fire once; `skip` runs none. */
  missed?: ScheduleMissed;
  /** The workflow version every fire runs; null or absent: the version current at each fire. */
  version?: number | null;
}

/** The fields to change; the others keep their value. */
export type UpdateScheduleOptions = Partial<CreateScheduleOptions>;

/** Schedules: created and listed under a workflow, read, changed and deleted by id. Changes need an admin key. */
export class Schedules {
  constructor(private readonly http: HttpClient) {}

  /** Schedules a workflow; the answer lists its next five fire times. */
  async create(workflowId: string, schedule: CreateScheduleOptions): Promise<Schedule> {
    return (await this.http.request<{ data: Schedule }>('POST', `/v1/workflows/${segment(workflowId)}/schedules`, { body: schedule })).data;
  }

  /** One page of the workspace's schedules, or of one workflow's with `workflowId`. */
  list(query: ListOptions & { workflowId?: string } = {}): Promise<Page<Schedule>> {
    const { workflowId, ...rest } = query;
    const path = workflowId === undefined ? '/v1/schedules' : `/v1/workflows/${segment(workflowId)}/schedules`;
    return this.http.request('GET', path, { query: { ...rest } });
  }

  async get(id: string): Promise<Schedule> {
    return (await this.http.request<{ data: Schedule }>('GET', `/v1/schedules/${segment(id)}`)).data;
  }

  /** Changes a schedule; a new expression, time zone or enabled state re-plans its next fire. */
  async update(id: string, changes: UpdateScheduleOptions): Promise<Schedule> {
    return (await this.http.request<{ data: Schedule }>('PATCH', `/v1/schedules/${segment(id)}`, { body: changes })).data;
  }

  /** Deletes a schedule (the runs it started stay). */
  async delete(id: string): Promise<Schedule> {
    return (await this.http.request<{ data: Schedule }>('DELETE', `/v1/schedules/${segment(id)}`)).data;
  }
}
