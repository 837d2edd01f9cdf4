import type { Workflow } from '@assay/schema';
import { segment, type HttpClient } from './http';

/** A webhook trigger's settings, as the API answers them. */
export type WebhookTrigger = NonNullable<Workflow['trigger']>;
/** A trigger as `put` (when it created the trigger) and `rotate` answer it: with its secret, shown only then. */
export type WebhookTriggerWithSecret = WebhookTrigger & { secret?: string };

/** The settings of `PUT /v1/workflows/{id}/trigger`. */
export interface TriggerSettings {
  /** Default true. */
  enabled?: boolean;
  /** How senders prove themselves: Standard Webhooks `signature` (default), `secret-header`, or `none`. */
  verification?: WebhookTrigger['verification'];
  /** Receives each finished run the trigger started, signed with the trigger's secret. */
  callbackUrl?: string | null;
  /** A JSONata expression over `{ body, headers, query }` yielding the run input, e.g. `{ "companyId": body.deal.company_id }`. */
  inputMapping?: string | null;
  /** Without a mapping: refuse a body field the workflow does not declare (default: ignore it). */
  strict?: boolean;
}

/** `/v1/workflows/{id}/trigger`: a workflow's webhook trigger. */
export class Triggers {
  constructor(private readonly http: HttpClient) {}

  /** The trigger's current settings (never its secret); throws a 404 AssayApiError when none is configured. */
  async get(workflowId: string): Promise<WebhookTrigger> {
    return (await this.http.request<{ data: WebhookTrigger }>('GET', `/v1/workflows/${segment(workflowId)}/trigger`)).data;
  }

  /** Creates or updates the trigger; `secret` is in the answer only when this call created it. Needs the edit scope. */
  async put(workflowId: string, settings: TriggerSettings = {}): Promise<WebhookTriggerWithSecret> {
    return (
      await this.http.request<{ data: WebhookTriggerWithSecret }>('PUT', `/v1/workflows/${segment(workflowId)}/trigger`, { body: settings })
    ).data;
  }

  /** The current secret (admins only; the reveal is recorded in the audit log). */
  async revealSecret(workflowId: string): Promise<WebhookTriggerWithSecret & { secret: string }> {
    return (
      await this.http.request<{ data: WebhookTriggerWithSecret & { secret: string } }>(
        'POST',
        `/v1/workflows/${segment(workflowId)}/trigger/webhook-secret/reveal`,
      )
    ).data;
  }

  /** Issues a new secret (in the answer, shown once); the previous one keeps verifying for `graceSeconds`. Needs the edit scope. */
  async rotate(workflowId: string, options: { graceSeconds?: number } = {}): Promise<WebhookTriggerWithSecret & { secret: string }> {
    return (
      await this.http.request<{ data: WebhookTriggerWithSecret & { secret: string } }>(
        'POST',
        `/v1/workflows/${segment(workflowId)}/trigger/webhook-secret/rotate`,
        { body: options },
      )
    ).data;
  }
}
