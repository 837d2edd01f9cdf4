import { z } from 'zod';
import { DELIVERABLE_EVENT_TYPES, DeliverableEventType } from './events';
import { Id } from './ids';
import { CALLED_URL_RULE, ListQuery } from './requests';

/** Where a delivery stands: queued or retrying, accepted by the receiver, or given up on. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

const EndpointUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .max(2000)
  .meta({ description: CALLED_URL_RULE });
const EndpointEvents = z
  .array(DeliverableEventType)
  .min(1, `must list at least one of ${DELIVERABLE_EVENT_TYPES.join(', ')}`)
  .refine((events) => new Set(events).size === events.length, 'must not repeat an event type');

/** Body of `POST /v1/event-endpoints`. */
export const CreateEventEndpointBody = z
  .object({
    url: EndpointUrl,
    events: EndpointEvents,
    workflowId: Id.optional().meta({ description: "Only this workflow's events (default: every workflow)" }),
    description: z.string().max(500).optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateEventEndpointBody' });
export type CreateEventEndpointBody = z.infer<typeof CreateEventEndpointBody>;

/** Body of `PATCH /v1/event-endpoints/{id}`: only the fields given change; `enabled: true` re-enables. */
export const UpdateEventEndpointBody = z
  .object({
    url: EndpointUrl.optional(),
    events: EndpointEvents.optional(),
    workflowId: Id.nullable().optional().meta({ description: 'null removes the workflow filter' }),
    description: z.string().max(500).nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UpdateEventEndpointBody' });
export type UpdateEventEndpointBody = z.infer<typeof UpdateEventEndpointBody>;

export const EventEndpoint = z
  .object({
    id: Id,
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(DeliverableEventType),
    workflowId: Id.nullable(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why Assay disabled the endpoint (null when enabled or disabled by you)' }),
    consecutiveFailures: z.number().int().meta({ description: 'Failed attempts since the last successful delivery' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    secret: z.string().optional().meta({ description: 'The Standard Webhooks signing secret: only when created or rotated' }),
  })
  .meta({ id: 'EventEndpoint', description: 'A URL that receives signed event notifications' });
export type EventEndpoint = z.infer<typeof EventEndpoint>;

export const DeliveryAttempt = z
  .object({
    attempt: z.number().int(),
    startedAt: z.string(),
    statusCode: z.number().int().nullable(),
    latencyMs: z.number().int(),
    responseExcerpt: z.string().nullable().meta({ description: 'The first kilobyte of the response body' }),
    error: z.string().nullable(),
  })
  .meta({ id: 'DeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const Delivery = z
  .object({
    id: Id.meta({ description: 'Sent as the webhook-id header, the same on every attempt: receivers dedupe on it' }),
    endpointId: Id.nullable(),
    eventId: z.string().meta({ description: 'Position of the event in the event log' }),
    eventType: DeliverableEventType,
    runId: Id.nullable(),
    status: DeliveryStatus,
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    deliveredAt: z.string().nullable(),
    attempts: z.array(DeliveryAttempt),
  })
  .meta({ id: 'Delivery', description: 'One event for one endpoint, with every attempt to deliver it' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryListQuery = ListQuery.extend({ status: DeliveryStatus.optional() });
export type DeliveryListQuery = z.infer<typeof DeliveryListQuery>;

export const CallbackSecret = z
  .object({
    secret: z
      .string()
      .meta({ description: 'Signs callbacks of runs not started by a webhook trigger (those are signed with the trigger secret)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CallbackSecret' });
export type CallbackSecret = z.infer<typeof CallbackSecret>;
