import { AssayError, type CreateEventEndpointBody, type DeliveryListQuery, type UpdateEventEndpointBody } from '@assay/schema';
import type { AttemptRecord, DeliveryRecord, EndpointRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import { wakeDeliveries } from './delivery/wake';
import type { DestinationCheck } from './destination-check';
import type { SecretBox } from './secret-box';
import { newWebhookSecret } from './webhook-signature';

/** A delivery with every attempt of its current series. */
export type DeliveryWithAttempts = DeliveryRecord & { attemptLog: AttemptRecord[] };

/**
 * Event endpoints: URLs that receive signed events (checked against the outbound guard when given or
 * re-enabled), their signing secrets (sealed; shown only when issued), delivery log and redelivery.
 * Every change is recorded in the audit log.
 */
export class EndpointService {
  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    private readonly checkDestination: DestinationCheck,
  ) {}

  /** The new endpoint and its signing secret (shown this once). */
  async create(workspaceId: string, body: CreateEventEndpointBody, by: Principal): Promise<{ endpoint: EndpointRecord; secret: string }> {
    await this.checkDestination('url', body.url);
    if (body.workflowId !== undefined) await this.requireWorkflow(workspaceId, body.workflowId);
    const secret = newWebhookSecret();
    const endpoint = await this.store.endpoints.create({
      workspaceId,
      url: body.url,
      description: body.description ?? null,
      events: body.events,
      workflowId: body.workflowId ?? null,
      sealedSecret: this.box.seal(secret),
      enabled: body.enabled,
    });
    await audit(
      this.store,
      by,
      'event_endpoint.created',
      { type: 'event_endpoint', id: endpoint.id },
      { url: endpoint.url, events: endpoint.events },
    );
    return { endpoint, secret };
  }

  /** A page plus one (to know whether more follow). */
  list(workspaceId: string, query: { limit: number; lt?: string; gt?: string; direction: 'asc' | 'desc' }): Promise<EndpointRecord[]> {
    return this.store.endpoints.list(workspaceId, { ...query, limit: query.limit + 1 });
  }

  async require(workspaceId: string, id: string): Promise<EndpointRecord> {
    const endpoint = await this.store.endpoints.get(workspaceId, id);
    if (!endpoint) throw new AssayError('not_found', `event endpoint ${id} not found`);
    return endpoint;
  }

  /** Changes the given fields; `enabled: true` re-enables a disabled endpoint and its pending deliveries resume. */
  async update(workspaceId: string, id: string, body: UpdateEventEndpointBody, by: Principal): Promise<EndpointRecord> {
    const current = await this.require(workspaceId, id);
    // A new URL, or re-enabling one (perhaps disabled because the guard refused it), is checked now.
    if (body.url !== undefined || (body.enabled === true && !current.enabled)) await this.checkDestination('url', body.url ?? current.url);
    if (body.workflowId) await this.requireWorkflow(workspaceId, body.workflowId);
    const updated = await this.store.endpoints.update(workspaceId, id, body);
    if (!updated) throw new AssayError('not_found', `event endpoint ${id} not found`);
    if (body.enabled === true) wakeDeliveries(this.store);
    await audit(this.store, by, 'event_endpoint.updated', { type: 'event_endpoint', id: updated.id }, { ...body });
    return updated;
  }

  /** Deletes the endpoint with its delivery log; answers it as it was. */
  async remove(workspaceId: string, id: string, by: Principal): Promise<EndpointRecord> {
    const removed = await this.store.endpoints.remove(workspaceId, id);
    if (!removed) throw new AssayError('not_found', `event endpoint ${id} not found`);
    await audit(this.store, by, 'event_endpoint.deleted', { type: 'event_endpoint', id: removed.id }, { url: removed.url });
    return removed;
  }

  /** A new signing secret (shown this once); deliveries from now on are signed with it. */
  async rotateSecret(workspaceId: string, id: string, by: Principal): Promise<{ endpoint: EndpointRecord; secret: string }> {
    const secret = newWebhookSecret();
    const rotated = await this.store.endpoints.rotateSecret(workspaceId, id, this.box.seal(secret));
    if (!rotated) throw new AssayError('not_found', `event endpoint ${id} not found`);
    await audit(this.store, by, 'event_endpoint.secret_rotated', { type: 'event_endpoint', id: rotated.id });
    return { endpoint: rotated, secret };
  }

  /** The endpoint's deliveries with their attempts: a page plus one. */
  async deliveries(workspaceId: string, id: string, query: DeliveryListQuery): Promise<DeliveryWithAttempts[]> {
    const endpoint = await this.require(workspaceId, id);
    return this.store.deliveries.list(endpoint.id, { ...query, limit: query.limit + 1 });
  }

  /** Queues a delivery again now, as a new series of attempts; 409 if the endpoint is disabled or the delivery is being sent. */
  async redeliver(workspaceId: string, id: string, deliveryId: string): Promise<DeliveryWithAttempts> {
    const endpoint = await this.require(workspaceId, id);
    if (!endpoint.enabled)
      throw new AssayError('invalid_state', `event endpoint ${id} is disabled; enable it (PATCH with "enabled": true) to deliver again`);
    const queued = await this.store.deliveries.redeliver(endpoint.id, deliveryId, Date.now());
    if (queued === 'not_found') throw new AssayError('not_found', `delivery ${deliveryId} not found`);
    if (queued === 'in_flight')
      throw new AssayError('invalid_state', `delivery ${deliveryId} is being sent right now; try again when this attempt is logged`);
    wakeDeliveries(this.store);
    const delivery = await this.store.deliveries.get(endpoint.id, deliveryId);
    return delivery ?? { ...queued, attemptLog: [] };
  }

  private async requireWorkflow(workspaceId: string, workflowId: string): Promise<void> {
    if (!(await this.store.workflows.get(workspaceId, workflowId))) {
      throw new AssayError('invalid_input', `workflowId: workflow ${workflowId} not found`, {
        details: [{ path: 'workflowId', message: 'no such workflow in this workspace' }],
      });
    }
  }
}
