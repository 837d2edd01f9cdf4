import type {
  CallbackSecret,
  CreateEventEndpointBody,
  Delivery,
  DeliveryStatus,
  EventEndpoint,
  UpdateEventEndpointBody,
} from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** An endpoint as its creation (or a secret rotation) answers it: the only times its secret is shown. */
export type EventEndpointWithSecret = EventEndpoint & { secret: string };

/** Filters of `GET /v1/event-endpoints/{id}/deliveries`. */
export interface DeliveryListOptions extends ListOptions {
  status?: DeliveryStatus;
}

/**
 * `/v1/event-endpoints`: URLs that receive signed `run.completed`, `run.failed`, `run.cancelled` and
 * `batch.completed` events (Standard Webhooks: verify them with any standard library), their
 * delivery log and redelivery; and the secret that signs run callbacks (`callbackUrl`).
 */
export class EventEndpoints {
  constructor(private readonly http: HttpClient) {}

  list(query: ListOptions = {}): Promise<Page<EventEndpoint>> {
    return this.http.request('GET', '/v1/event-endpoints', { query: { ...query } });
  }

  async get(id: string): Promise<EventEndpoint> {
    return (await this.http.request<{ data: EventEndpoint }>('GET', `/v1/event-endpoints/${segment(id)}`)).data;
  }

  /** Creates an endpoint; keep the answer's `secret` (shown only now) to verify deliveries. Needs an admin key. */
  async create(endpoint: Omit<CreateEventEndpointBody, 'enabled'> & { enabled?: boolean }): Promise<EventEndpointWithSecret> {
    return (await this.http.request<{ data: EventEndpointWithSecret }>('POST', '/v1/event-endpoints', { body: endpoint })).data;
  }

  /** Changes an endpoint; `{ enabled: true }` re-enables one Assay disabled (its pending deliveries resume). */
  async update(id: string, changes: UpdateEventEndpointBody): Promise<EventEndpoint> {
    return (await this.http.request<{ data: EventEndpoint }>('PATCH', `/v1/event-endpoints/${segment(id)}`, { body: changes })).data;
  }

  /** Deletes an endpoint with its delivery log. */
  async delete(id: string): Promise<EventEndpoint> {
    return (await this.http.request<{ data: EventEndpoint }>('DELETE', `/v1/event-endpoints/${segment(id)}`)).data;
  }

  /** Issues a new signing secret (shown once). */
  async rotateSecret(id: string): Promise<EventEndpointWithSecret> {
    return (await this.http.request<{ data: EventEndpointWithSecret }>('POST', `/v1/event-endpoints/${segment(id)}/secret/rotate`)).data;
  }

  /** The endpoint's deliveries, newest first, each with its attempts (status code, latency, response excerpt, error). */
  deliveries(id: string, query: DeliveryListOptions = {}): Promise<Page<Delivery>> {
    return this.http.request('GET', `/v1/event-endpoints/${segment(id)}/deliveries`, { query: { ...query } });
  }

  /** Sends a delivery again now, as a new series of attempts with the same `webhook-id`. */
  async redeliver(id: string, deliveryId: string): Promise<Delivery> {
    return (
      await this.http.request<{ data: Delivery }>('POST', `/v1/event-endpoints/${segment(id)}/deliveries/${segment(deliveryId)}/redeliver`)
    ).data;
  }

  /** The secret signing callbacks of runs not started by a webhook trigger (created on first use). */
  async callbackSecret(): Promise<CallbackSecret> {
    return (await this.http.request<{ data: CallbackSecret }>('GET', '/v1/callbacks/secret')).data;
  }

  async rotateCallbackSecret(): Promise<CallbackSecret> {
    return (await this.http.request<{ data: CallbackSecret }>('POST', '/v1/callbacks/secret/rotate')).data;
  }
}
