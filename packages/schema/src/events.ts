import { z } from 'zod';

/** Every event the log records. Live streams carry all of them; event endpoints take the deliverable ones. */
export const EVENT_TYPES = [
  'run.queued',
  'run.started',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'step.started',
  'step.retrying',
  'step.completed',
  'step.failed',
  'step.skipped',
  'step.cancelled',
  'step.tool_called',
  'step.tool_completed',
  'batch.created',
  'batch.completed',
  'batch.budget_exceeded',
  'approval.requested',
  'approval.decided',
  'evaluation.completed',
] as const;
export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/** The events an event endpoint (or a callback URL) can receive. */
export const DELIVERABLE_EVENT_TYPES = [
  'run.completed',
  'run.failed',
  'run.cancelled',
  'batch.completed',
  'batch.budget_exceeded',
  'approval.requested',
  'approval.decided',
  'evaluation.completed',
] as const;
export const DeliverableEventType = z.enum(DELIVERABLE_EVENT_TYPES);
export type DeliverableEventType = z.infer<typeof DeliverableEventType>;

/** One entry of the event log as streams show it; `id` is the SSE event id (resume after it). */
export const AssayEvent = z
  .object({
    id: z.string().meta({ description: 'Position in the event log; send it back as Last-Event-ID to resume after it' }),
    type: EventType,
    runId: z.string().nullable(),
    workflowId: z.string().nullable(),
    batchId: z.string().nullable(),
    stepId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'Event' });
export type AssayEvent = z.infer<typeof AssayEvent>;
