import { z } from 'zod';
import { Id } from './ids';
import { WorkflowVersionNumber } from './requests';

const Timestamp = z.string().meta({ description: 'ISO 8601 time', example: '2026-01-01T00:00:00.000Z' });

/** What a fire missed while no scheduler was running does when one starts again. */
export const SCHEDULE_MISSED = ['run_once', 'skip'] as const;
export const ScheduleMissed = z.enum(SCHEDULE_MISSED).meta({
  description:
    '`run_once`: after downtime, one run for the latest missed fire (never one per missed fire); `skip`: no run for missed fires',
});
export type ScheduleMissed = z.infer<typeof ScheduleMissed>;

// The expression and the zone are checked by the server (with the cron library); here only their shape.
const Cron = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .meta({ description: 'Cron expression: 5 fields (minute precision) or 6 (leading seconds field)', example: '30 9 * * 1-5' });
const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: 'IANA time zone the expression is read in', example: 'America/New_York' });
const Name = z.string().trim().min(1).max(200);
const Input = z
  .record(z.string(), z.unknown())
  .meta({ description: "The run's input at every fire, checked against the workflow's inputs" });

export const Schedule = z
  .object({
    id: Id,
    workflowId: Id,
    name: z.string().nullable(),
    cron: z.string(),
    timezone: z.string(),
    input: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    missed: ScheduleMissed,
    version: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'The workflow version every fire runs; null: the version current at each fire' }),
    nextFireAt: Timestamp.nullable().meta({ description: 'When it fires next (null while disabled)' }),
    nextFireTimes: z.array(Timestamp).meta({ description: 'The next five fire times (empty while disabled)' }),
    lastFireAt: Timestamp.nullable(),
    lastRunId: Id.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Schedule', description: 'Cron expression + time zone + fixed input: runs the workflow at each fire time' });
export type Schedule = z.infer<typeof Schedule>;

export const CreateScheduleBody = z
  .object({
    cron: Cron,
    timezone: TimeZone.default('UTC'),
    input: Input.default({}),
    name: Name.nullable().optional(),
    enabled: z.boolean().default(true),
    missed: ScheduleMissed.default('run_once'),
    version: WorkflowVersionNumber.nullable()
      .optional()
      .meta({ description: 'Pin every fire to this workflow version (null: the current one at each fire)' }),
  })
  .strict()
  .meta({ id: 'CreateScheduleBody' });
export type CreateScheduleBody = z.infer<typeof CreateScheduleBody>;

/** Every field optional: only the given ones change. */
export const UpdateScheduleBody = z
  .object({
    cron: Cron.optional(),
    timezone: TimeZone.optional(),
    input: Input.optional(),
    name: Name.nullable().optional(),
    enabled: z.boolean().optional(),
    missed: ScheduleMissed.optional(),
    version: WorkflowVersionNumber.nullable()
      .optional()
      .meta({ description: 'Pin every fire to this workflow version (null: the current one at each fire)' }),
  })
  .strict()
  .meta({ id: 'UpdateScheduleBody' });
export type UpdateScheduleBody = z.infer<typeof UpdateScheduleBody>;
