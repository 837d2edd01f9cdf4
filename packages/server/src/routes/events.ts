import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, EVENT_TYPES, EventType, TERMINAL_RUN_STATUSES, type RunStatus } from '@assay/schema';
import type { Store, StoredEvent } from '@assay/store';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { errors, IdParam, security } from '../http/openapi';
import { followEvents, resumePosition } from '../services/event-stream';

const tags = ['Events'];
const Position = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const StreamHeaders = z.object({
  'last-event-id': z
    .string()
    .regex(/^\d{1,15}$/, 'must be the id of an event this stream sent')
    .optional()
    .meta({ description: 'Resume after this event (sent by EventSource clients when they reconnect)' }),
});
const TypeList = z
  .string()
  .transform((value) => value.split(',').map((t) => t.trim()).filter(Boolean))
  .pipe(z.array(EventType).max(EVENT_TYPES.length))
  .meta({ description: `Comma-separated event types: ${EVENT_TYPES.join(', ')}` });
const Id24 = z.string().regex(/^[0-9a-f]{24}$/, 'must be a 24-hex id');
const StreamQuery = z.object({
  after: Position.optional().meta({ description: 'Replay the events after this event id (Last-Event-ID takes precedence)' }),
  types: TypeList.optional(),
  workflowId: Id24.optional(),
  batchId: Id24.optional(),
  runId: Id24.optional(),
});
const RunStreamQuery = z.object({ after: StreamQuery.shape.after });
const sse = {
  200: { description: 'Server-Sent Events: `id` is the event position, `event` its type, `data` the Event as JSON; `: heartbeat` comments keep it alive', content: { 'text/event-stream': { schema: z.string() } } },
};

export interface EventRouteOptions {
  heartbeatMs: number;
  /** How soon events written by other processes reach a stream. */
  pollMs: number;
  /** Aborted when the server shuts down: open streams end so it can close. */
  stop?: AbortSignal;
}

const RUN_END = new Set(['run.completed', 'run.failed', 'run.cancelled']);

/** Live streams of the event log: one run's, and the workspace's (filterable). */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, store: Store, options: EventRouteOptions) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{id}/events',
      tags: ['Runs', ...tags],
      security,
      summary: "Follow a run live: its step and run events from the start (or after Last-Event-ID), until it finishes",
      description: 'The stream ends after the run finishes. Once there is nothing more to send for a finished run the answer is 204, which tells EventSource clients to stop reconnecting.',
      request: { params: IdParam, query: RunStreamQuery, headers: StreamHeaders },
      responses: { ...sse, 204: { description: 'The run is finished and every event after Last-Event-ID was sent' }, ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const runId = c.req.valid('param').id;
      const run = await store.runs.get(workspaceId, runId);
      if (!run) throw new AssayError('not_found', `run ${runId} not found`);
      const after = resumePosition(c.req.valid('header')['last-event-id'], c.req.valid('query').after) ?? 0;
      const filter = { workspaceId, runId };
      if (TERMINAL_RUN_STATUSES.has(run.status as RunStatus) && (await store.events.read({ ...filter, after, limit: 1 })).length === 0) {
        return c.body(null, 204);
      }
      return streamSSE(c, (stream) =>
        followEvents(store, stream, {
          filter,
          after,
          ...options,
          // The run's end ends the stream, unless the run went on (it was retried after it).
          endsWith: async (event: StoredEvent) => RUN_END.has(event.type) && (await store.events.read({ ...filter, after: event.seq, limit: 1 })).length === 0,
        }),
      ) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events',
      tags,
      security,
      summary: "Follow the workspace's events live (filter by type, workflow, batch or run)",
      description: 'Without Last-Event-ID or `after`, the stream starts with the next event; with one, it first replays what came after it.',
      request: { query: StreamQuery, headers: StreamHeaders },
      responses: { ...sse, ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const q = c.req.valid('query');
      const after = resumePosition(c.req.valid('header')['last-event-id'], q.after) ?? (await store.events.latestSeq());
      const filter = { workspaceId, types: q.types, workflowId: q.workflowId, batchId: q.batchId, runId: q.runId };
      return streamSSE(c, (stream) => followEvents(store, stream, { filter, after, ...options })) as never;
    },
  );
}
