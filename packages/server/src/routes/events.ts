import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { EVENT_TYPES, EventType } from '@assay/schema';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { errors, IdParam, security } from '../http/openapi';
import type { EventService } from '../services/event-service';
import { resumePosition } from '../services/event-stream';

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
  .transform((value) =>
    value
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  )
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
  200: {
    description:
      'Server-Sent Events: `id` is the event position, `event` its type, `data` the Event as JSON; `: heartbeat` comments keep it alive',
    content: { 'text/event-stream': { schema: z.string() } },
  },
};

/** Live streams of the event log: one run's, and the workspace's (filterable). */
export function registerEventRoutes(app: OpenAPIHono<AppEnv>, events: EventService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/workflow-runs/{id}/events',
      operationId: 'streamRunEvents',
      tags: ['Runs', ...tags],
      security,
      summary: 'Follow a run live: its step and run events from the start (or after Last-Event-ID), until it finishes',
      description:
        'The stream ends after the run finishes. Once there is nothing more to send for a finished run the answer is 204, which tells EventSource clients to stop reconnecting.',
      request: { params: IdParam, query: RunStreamQuery, headers: StreamHeaders },
      responses: { ...sse, 204: { description: 'The run is finished and every event after Last-Event-ID was sent' }, ...errors },
    }),
    async (c) => {
      const after = resumePosition(c.req.valid('header')['last-event-id'], c.req.valid('query').after) ?? 0;
      const follow = await events.followRun(c.get('principal').workspaceId, c.req.valid('param').id, after);
      if (!follow) return c.body(null, 204);
      return streamSSE(c, follow) as never;
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/events',
      operationId: 'streamEvents',
      tags,
      security,
      summary: "Follow the workspace's events live (filter by type, workflow, batch or run)",
      description:
        'Without Last-Event-ID or `after`, the stream starts with the next event; with one, it first replays what came after it.',
      request: { query: StreamQuery, headers: StreamHeaders },
      responses: { ...sse, ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const q = c.req.valid('query');
      const filter = { workspaceId, types: q.types, workflowId: q.workflowId, batchId: q.batchId, runId: q.runId };
      const follow = await events.followWorkspace(filter, resumePosition(c.req.valid('header')['last-event-id'], q.after));
      return streamSSE(c, follow) as never;
    },
  );
}
