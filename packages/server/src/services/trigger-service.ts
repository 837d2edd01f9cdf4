import { AssayError } from '@assay/schema';
import type { Store, TriggerRecord } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { DestinationCheck } from './destination-check';
import { newSlug, newWebhookSecret, sameSecret, verifyWebhook } from './webhook-signature';
import type { WorkflowService } from './workflow-service';

/** The header carrying the secret in `secret-header` verification mode. */
export const SECRET_HEADER = 'x-webhook-secret';

/** A trigger's settings as the API takes them. */
export interface TriggerSettings {
  enabled: boolean;
  verification: TriggerRecord['verification'];
  callbackUrl?: string | null;
}

/** What an inbound webhook call presents to prove it comes from the trigger's owner. */
export interface WebhookProof {
  id?: string;
  timestamp?: string;
  signature?: string;
  /** The `x-webhook-secret` header. */
  secret?: string;
  /** The raw body, as signed. */
  body: string;
}

/**
 * Webhook triggers: one per workflow, configured and rotated by API keys (changes recorded in the
 * audit log), and looked up and verified for the inbound endpoint.
 */
export class TriggerService {
  constructor(
    private readonly store: Store,
    private readonly workflows: WorkflowService,
    private readonly checkDestination: DestinationCheck,
  ) {}

  /** The workflow's trigger; 404 when the workflow is not in the workspace or has none. */
  async get(workspaceId: string, workflowId: string): Promise<TriggerRecord> {
    const workflow = await this.workflows.require(workspaceId, workflowId);
    const trigger = await this.store.triggers.forWorkflow(workflow.id);
    if (!trigger) throw new AssayError('not_found', `workflow ${workflow.id} has no trigger`);
    return trigger;
  }

  /** Creates or changes the trigger; `secret` is the new secret when it was just created. */
  async configure(
    workspaceId: string,
    workflowId: string,
    settings: TriggerSettings,
    by: Principal,
  ): Promise<{ trigger: TriggerRecord; created: boolean; secret: string }> {
    const workflow = await this.workflows.require(workspaceId, workflowId);
    if (settings.callbackUrl) await this.checkDestination('callbackUrl', settings.callbackUrl);
    const secret = newWebhookSecret();
    const { trigger, created } = await this.store.triggers.upsert({
      workflowId: workflow.id,
      workspaceId: workflow.workspaceId,
      slug: newSlug(),
      secret,
      enabled: settings.enabled,
      verification: settings.verification,
      callbackUrl: settings.callbackUrl ?? null,
    });
    await audit(
      this.store,
      by,
      'trigger.configured',
      { type: 'workflow', id: workflow.id },
      { enabled: trigger.enabled, verification: trigger.verification, callbackUrl: trigger.callbackUrl, created },
    );
    return { trigger, created, secret };
  }

  /** The trigger with its current secret; the reveal is recorded in the audit log. */
  async reveal(workspaceId: string, workflowId: string, by: Principal): Promise<TriggerRecord> {
    const trigger = await this.get(workspaceId, workflowId);
    await audit(this.store, by, 'trigger.secret_revealed', { type: 'workflow', id: trigger.workflowId });
    return trigger;
  }

  /** A new secret (shown this once); the previous one keeps verifying for `graceSeconds`. */
  async rotateSecret(
    workspaceId: string,
    workflowId: string,
    graceSeconds: number,
    by: Principal,
  ): Promise<{ trigger: TriggerRecord; secret: string }> {
    const workflow = await this.workflows.require(workspaceId, workflowId);
    const secret = newWebhookSecret();
    const graceMs = graceSeconds * 1000;
    if (!(await this.store.triggers.rotateSecret(workflow.id, secret, graceMs)))
      throw new AssayError('not_found', `workflow ${workflow.id} has no trigger`);
    const trigger = await this.store.triggers.forWorkflow(workflow.id);
    await audit(this.store, by, 'trigger.secret_rotated', { type: 'workflow', id: workflow.id }, { graceSeconds: graceMs / 1000 });
    return { trigger: { ...(trigger as TriggerRecord), secret }, secret };
  }

  /** The enabled trigger at this URL; 404 otherwise (a disabled one is not told apart). */
  async enabledBySlug(slug: string): Promise<TriggerRecord> {
    const trigger = await this.store.triggers.bySlug(slug);
    if (!trigger || !trigger.enabled) throw new AssayError('not_found', 'no enabled webhook trigger at this URL');
    return trigger;
  }

  /** Checks an inbound call against the trigger's verification mode; 401 when it fails. */
  verify(trigger: TriggerRecord, proof: WebhookProof, now = Date.now()): void {
    // During a rotation's grace period the previous secret verifies too.
    const secrets =
      trigger.previousSecret && (trigger.previousValidUntil ?? 0) > now ? [trigger.secret, trigger.previousSecret] : [trigger.secret];
    if (trigger.verification === 'signature') {
      const problems = secrets.map((secret) =>
        verifyWebhook({ secret, id: proof.id, timestamp: proof.timestamp, signature: proof.signature, body: proof.body }),
      );
      if (!problems.includes(null)) throw new AssayError('unauthorized', problems[0] ?? 'invalid signature');
    } else if (trigger.verification === 'secret-header') {
      const given = proof.secret ?? '';
      if (!secrets.some((secret) => sameSecret(given, secret)))
        throw new AssayError('unauthorized', `missing or wrong ${SECRET_HEADER} header`);
    }
  }
}
