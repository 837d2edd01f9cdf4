import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateEventEndpointBody,
  Delivery,
  DeliveryListQuery,
  EventEndpoint,
  Id,
  ListQuery,
  UpdateEventEndpointBody,
  type DeliverableEventType,
} from '@assay/schema';
import type { EndpointRecord } from '@assay/store';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { conflict, data, errors, IdParam, json, list, page, security } from '../http/openapi';
import type { CallbackSecretService } from '../services/callback-secret-service';
import type { DeliveryWithAttempts, EndpointService } from '../services/endpoint-service';
import { registerCallbackRoutes } from './callbacks';

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

function presentDelivery(delivery: DeliveryWithAttempts): Delivery {
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
    attempts: delivery.attemptLog.map((a) => ({
      attempt: a.attempt,
      startedAt: iso(a.startedAt),
      statusCode: a.statusCode,
      latencyMs: a.latencyMs,
      responseExcerpt: a.responseExcerpt,
      error: a.error,
    })),
  };
}

/**
 * `/v1/event-endpoints`: URLs that receive signed `run.*` / `batch.completed` events, their
 * delivery log and redelivery; plus `/v1/callbacks/secret` (see callbacks.ts).
 */
export function registerEventEndpointRoutes(
  app: OpenAPIHono<AppEnv>,
  deps: { endpoints: EndpointService; callbackSecrets: CallbackSecretService },
) {
  const { endpoints } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints',
      operationId: 'createEventEndpoint',
      tags,
      security,
      summary: 'Create an event endpoint (its signing secret is returned only now)',
      middleware: [requireScope('admin')] as const,
      request: { body: { required: true, content: { 'application/json': { schema: CreateEventEndpointBody } } } },
      responses: { 201: json(data(EventEndpoint), 'Created'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { endpoint, secret } = await endpoints.create(principal.workspaceId, c.req.valid('json'), principal);
      return c.json({ data: presentEndpoint(endpoint, secret) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/event-endpoints',
      operationId: 'listEventEndpoints',
      tags,
      security,
      summary: 'List event endpoints',
      middleware: [requireScope('read')] as const,
      request: { query: ListQuery },
      responses: { 200: json(list(EventEndpoint), 'Event endpoints'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(
        page(
          (await endpoints.list(c.get('principal').workspaceId, q)).map((e) => presentEndpoint(e)),
          q.limit,
        ),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/event-endpoints/{id}',
      operationId: 'getEventEndpoint',
      tags,
      security,
      summary: 'One event endpoint',
      middleware: [requireScope('read')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(EventEndpoint), 'The endpoint'), ...errors },
    }),
    async (c) => c.json({ data: presentEndpoint(await endpoints.require(c.get('principal').workspaceId, c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/v1/event-endpoints/{id}',
      operationId: 'updateEventEndpoint',
      tags,
      security,
      summary: 'Change an endpoint; `enabled: true` re-enables a disabled one (its pending deliveries resume)',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: UpdateEventEndpointBody } } } },
      responses: { 200: json(data(EventEndpoint), 'The endpoint'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const updated = await endpoints.update(principal.workspaceId, c.req.valid('param').id, c.req.valid('json'), principal);
      return c.json({ data: presentEndpoint(updated) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/event-endpoints/{id}',
      operationId: 'deleteEventEndpoint',
      tags,
      security,
      summary: 'Delete an endpoint with its delivery log',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(EventEndpoint), 'Deleted'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      return c.json({ data: presentEndpoint(await endpoints.remove(principal.workspaceId, c.req.valid('param').id, principal)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints/{id}/secret/rotate',
      operationId: 'rotateEventEndpointSecret',
      tags,
      security,
      summary: 'Issue a new signing secret (shown once); deliveries from now on are signed with it',
      middleware: [requireScope('admin')] as const,
      request: { params: IdParam },
      responses: { 200: json(data(EventEndpoint), 'The endpoint with its new secret'), ...errors },
    }),
    async (c) => {
      const principal = c.get('principal');
      const { endpoint, secret } = await endpoints.rotateSecret(principal.workspaceId, c.req.valid('param').id, principal);
      return c.json({ data: presentEndpoint(endpoint, secret) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/event-endpoints/{id}/deliveries',
      operationId: 'listEventDeliveries',
      tags,
      security,
      summary: "An endpoint's deliveries with every attempt (status code, latency, response excerpt, error)",
      middleware: [requireScope('read')] as const,
      request: { params: IdParam, query: DeliveryListQuery },
      responses: { 200: json(list(Delivery), 'Deliveries'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const deliveries = await endpoints.deliveries(c.get('principal').workspaceId, c.req.valid('param').id, q);
      return c.json(page(deliveries.map(presentDelivery), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/event-endpoints/{id}/deliveries/{deliveryId}/redeliver',
      operationId: 'redeliverEvent',
      tags,
      security,
      summary: 'Send a delivery again now, as a new series of attempts (same webhook-id)',
      middleware: [requireScope('admin')] as const,
      request: { params: DeliveryParams },
      responses: { 202: json(data(Delivery), 'Queued'), ...errors, ...conflict },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json({ data: presentDelivery(await endpoints.redeliver(c.get('principal').workspaceId, id, deliveryId)) }, 202);
    },
  );

  registerCallbackRoutes(app, deps.callbackSecrets);
}
