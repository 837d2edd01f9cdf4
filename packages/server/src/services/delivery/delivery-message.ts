import { AssayError, type Run } from '@assay/schema';
import type { ClaimedDelivery, Store } from '@assay/store';
import type { RunService } from '../run-service';
import type { SecretBox } from '../secret-box';
import type { CallbackSecrets } from './callback-secrets';
import type { WebhookMessage } from './send-webhook';

/**
 * Builds what a delivery sends, at send time: the Standard Webhooks body
 * `{ type, timestamp, data }` (a run event carries the run record as `GET /v1/workflow-runs/{id}`
 * answers it; `batch.completed` the batch summary the event recorded; `approval.*` the approval's run,
 * workflow, step and what was asked or decided; `evaluation.completed` the evaluation's id and each
 * version's figures) and the secret that signs it:
 * the endpoint's, or for a run callback the webhook trigger's secret when a trigger started the run,
 * else the workspace's callback secret.
 */
export class DeliveryMessages {
  constructor(
    private readonly store: Store,
    private readonly runs: RunService,
    private readonly box: SecretBox,
    private readonly callbackSecrets: CallbackSecrets,
  ) {}

  async build(delivery: ClaimedDelivery): Promise<WebhookMessage> {
    const event = delivery.event;
    const run = delivery.runId === null ? null : await this.run(delivery.workspaceId, delivery.runId);
    let data: unknown;
    if (delivery.eventType.startsWith('run.')) data = run ?? { id: delivery.runId, ...event?.data };
    else if (delivery.eventType.startsWith('approval.'))
      data = { runId: delivery.runId, workflowId: event?.workflowId ?? null, ...event?.data };
    else if (delivery.eventType.startsWith('evaluation.'))
      data = { id: event?.data.evaluationId ?? null, workflowId: event?.workflowId ?? null, ...event?.data };
    else data = { id: event?.batchId ?? null, workflowId: event?.workflowId ?? null, ...event?.data };
    const timestamp = new Date(event?.createdAt ?? delivery.createdAt).toISOString();
    const body = JSON.stringify({ type: delivery.eventType, timestamp, data });
    return { url: delivery.endpoint?.url ?? delivery.url, id: delivery.id, body, secret: await this.secret(delivery, run) };
  }

  private async secret(delivery: ClaimedDelivery, run: Run | null): Promise<string> {
    if (delivery.endpoint) return this.box.open(delivery.endpoint.sealedSecret, `the secret of event endpoint ${delivery.endpoint.id}`);
    if (run?.trigger === 'webhook') {
      const trigger = await this.store.triggers.forWorkflow(run.workflowId);
      if (trigger) return trigger.secret;
    }
    return (await this.callbackSecrets.get(delivery.workspaceId)).secret;
  }

  private async run(workspaceId: string, runId: string): Promise<Run | null> {
    try {
      return await this.runs.get(workspaceId, runId);
    } catch (error) {
      if (error instanceof AssayError && error.code === 'not_found') return null;
      throw error;
    }
  }
}
