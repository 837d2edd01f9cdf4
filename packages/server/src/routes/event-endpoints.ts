import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AssayError, CreateEventEndpointBody, Delivery, DeliveryListQuery, EventEndpoint, Id, ListQuery, UpdateEventEndpointBody, type DeliverableEventType } from '@assay/schema';
import type { AttemptRecord, DeliveryRecord, EndpointRecord, Store } from '@assay/store';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { conflict, data, errors, IdParam, json, list, page, peek, security } from '../http/openapi';
import type { DestinationCheck } from '../services/destination-check';
import type { SecretBox } from '../services/secret-box';
import { wakeDeliveries } from '../services/delivery/wake';
import { newWebhookSecret } from '../services/webhook-signature';
import { registerCallbackRoutes } from './callbacks';
import { audit } from '../services/audit';

const tags = ['Event endpoints'];
const iso = (ms: number) => new Date(ms).toISOString();
const DeliveryParams = z.object({
  id: Id.meta({ param: { name: 'id', in: 'path' } }),
  deliveryId: Id.meta({ param: { name: 'deliveryId', in: 'path' } }),
});

function presentEndpoint(endpoint: EndpointRecord, secret?: string): EventEndpoint {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    events: endpoint.events as DeliverableEventType[],
    workflowId: endpoint.workflowId,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    consecutiveFailures: endpoint.consecutiveFailures,
    createdAt: iso(endpoint.createdAt),
    updatedAt: iso(endpoint.updatedAt),
    ...(secret === undefined ? {} : { secret }),
  };
}

function presentDelivery(delivery: DeliveryRecord & { attemptLog: AttemptRecord[] }): Delivery {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: String(delivery.eventSeq),
    eventType: delivery.eventType as DeliverableEventType,
    runId: delivery.runId,
    status: delivery.status,
    attemptCount: delivery.attempts,
    nextAttemptAt: delivery.dueAt === null ? null : iso(delivery.dueAt),
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: iso(delivery.createdAt),
    updatedAt: iso(delivery.updatedAt),
    deliveredAt: delivery.deliveredAt === null ? null : iso(delivery.deliveredAt),
    attempts: delivery.attemptLog.map((a) => ({ attempt: a.attempt, startedAt: iso(a.startedAt), statusCode: a.statusCode, latencyMs: a.latencyMs, responseExcerpt: a.responseExcerpt, error: a.error })),
  };
}

/**
 * `/v1/event-endpoints`: URLs that receive signed `run.*` / `batch.completed` events, their
 * delivery log and redelivery; plus `/v1/callbacks/secret` (see callbacks.ts).
 */
export function registerEventEndpointRoutes(app: OpenAPIHono<AppEnv>, deps: { store: Store; box: SecretBox; checkDestination: DestinationCheck }) {
  const { store, box, checkDestination } = deps;

  const requireEndpoint = async (workspaceId: string, id: string): Promise<EndpointRecord> => {
    const endpoint = await store.endpoints.get(workspaceId, id);
    if (!endpoint) throw new AssayError('not_found', `event endpoint ${id} not found`);
    return endpoint;
  };
  const requireWorkflow = async (workspaceId: string, workflowId: string): Promise<void> => {
    if (!(await store.workflows.get(workspaceId, workflowId))) {
      throw new AssayError('invalid_input', `workflowId: workflow ${workflowId} not found`, { details: [{ path: 'workflowId', message: 'no such workflow in this workspace' }] });
    }
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints',
      tags,
      security,
      summary: 'Create an event endpoint (its signing secret is returned only now)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateEventEndpointBody } } } },
      responses: { 201: json(data(EventEndpoint), 'Created'), ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const body = c.req.valid('json');
      await checkDestination('url', body.url);
      if (body.workflowId !== undefined) await requireWorkflow(workspaceId, body.workflowId);
      const secret = newWebhookSecret();
      const endpoint = await store.endpoints.create({
        workspaceId,
        url: body.url,
        description: body.description ?? null,
        events: body.events,
        workflowId: body.workflowId ?? null,
        sealedSecret: box.seal(secret),
        enabled: body.enabled,
      });
      await audit(store, c.get('principal'), 'event_endpoint.created', { type: 'event_endpoint', id: endpoint.id }, { url: endpoint.url, events: endpoint.events });
      return c.json({ data: presentEndpoint(endpoint, secret) }, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/event-endpoints', tags, security, summary: 'List event endpoints', middleware: [requireScope('read')] as const, request: { query: ListQuery }, responses: { 200: json(list(EventEndpoint), 'Event endpoints'), ...errors } }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(page((await store.endpoints.list(c.get('principal').workspaceId, peek(q))).map((e) => presentEndpoint(e)), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/v1/event-endpoints/{id}', tags, security, summary: 'One event endpoint', middleware: [requireScope('read')] as const, request: { params: IdParam }, responses: { 200: json(data(EventEndpoint), 'The endpoint'), ...errors } }),
    async (c) => c.json({ data: presentEndpoint(await requireEndpoint(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/event-endpoints/{id}',
      tags,
      security,
      summary: 'Change an endpoint; `enabled: true` re-enables a disabled one (its pending deliveries resume)',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateEventEndpointBody } } } },
      responses: { 200: json(data(EventEndpoint), 'The endpoint'), ...errors },
    }),
    async (c) => {
      const { workspaceId } = c.get('principal');
      const id = c.req.valid('param').id;
      const body = c.req.valid('json');
      const current = await requireEndpoint(workspaceId, id);
      // A new URL, or re-enabling one (perhaps disabled because the guard refused it), is checked now.
      if (body.url !== undefined || (body.enabled === true && !current.enabled)) await checkDestination('url', body.url ?? current.url);
      if (body.workflowId) await requireWorkflow(workspaceId, body.workflowId);
      const updated = await store.endpoints.update(workspaceId, id, body);
      if (!updated) throw new AssayError('not_found', `event endpoint ${id} not found`);
      if (body.enabled === true) wakeDeliveries(store);
      await audit(store, c.get('principal'), 'event_endpoint.updated', { type: 'event_endpoint', id: updated.id }, { ...body });
      return c.json({ data: presentEndpoint(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/v1/event-endpoints/{id}', tags, security, summary: 'Delete an endpoint with its delivery log', middleware: [requireScope('admin')] as const, request: { params: IdParam }, responses: { 200: json(data(EventEndpoint), 'Deleted'), ...errors } }),
    async (c) => {
      const id = c.req.valid('param').id;
      const removed = await store.endpoints.remove(c.get('principal').workspaceId, id);
      if (!removed) throw new AssayError('not_found', `event endpoint ${id} not found`);
      await audit(store, c.get('principal'), 'event_endpoint.deleted', { type: 'event_endpoint', id: removed.id }, { url: removed.url });
      return c.json({ data: presentEndpoint(removed) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints/{id}/secret/rotate',
      tags,
      security,
      summary: 'Issue a new signing secret (shown once); deliveries from now on are signed with it',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(EventEndpoint), 'The endpoint with its new secret'), ...errors },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const secret = newWebhookSecret();
      const rotated = await store.endpoints.rotateSecret(c.get('principal').workspaceId, id, box.seal(secret));
      if (!rotated) throw new AssayError('not_found', `event endpoint ${id} not found`);
      await audit(store, c.get('principal'), 'event_endpoint.secret_rotated', { type: 'event_endpoint', id: rotated.id });
      return c.json({ data: presentEndpoint(rotated, secret) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/event-endpoints/{id}/deliveries',
      tags,
      security,
      summary: "An endpoint's deliveries with every attempt (status code, latency, response excerpt, error)",
      middleware: [requireScope('read')] as const,
      request: { params: IdParam, query: DeliveryListQuery },
      responses: { 200: json(list(Delivery), 'Deliveries'), ...errors },
    }),
    async (c) => {
      const endpoint = await requireEndpoint(c.get('principal').workspaceId, c.req.valid('param').id);
      const q = c.req.valid('query');
      const deliveries = await store.deliveries.list(endpoint.id, peek(q));
      return c.json(page(deliveries.map(presentDelivery), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints/{id}/deliveries/{deliveryId}/redeliver',
      tags,
      security,
      summary: 'Send a delivery again now, as a new series of attempts (same webhook-id)',
      middleware: [requireScope('admin')] as const,
      request: { params: DeliveryParams },
      responses: { 202: json(data(Delivery), 'Queued'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      const endpoint = await requireEndpoint(c.get('principal').workspaceId, id);
      if (!endpoint.enabled) throw new AssayError('invalid_state', `event endpoint ${id} is disabled; enable it (PATCH with "enabled": true) to deliver again`);
      const queued = await store.deliveries.redeliver(endpoint.id, deliveryId, Date.now());
      if (queued === 'not_found') throw new AssayError('not_found', `delivery ${deliveryId} not found`);
      if (queued === 'in_flight') throw new AssayError('invalid_state', `delivery ${deliveryId} is being sent right now; try again when this attempt is logged`);
      wakeDeliveries(store);
      const delivery = await store.deliveries.get(endpoint.id, deliveryId);
      return c.json({ data: presentDelivery(delivery ?? { ...queued, attemptLog: [] }) }, 202);
    },
  );

  registerCallbackRoutes(app, deps);
}
