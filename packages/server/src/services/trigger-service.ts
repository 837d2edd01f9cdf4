import { compileExpression, evaluateExpression } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { Store, TriggerRecord } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { DestinationCheck } from './destination-check';
import type { TriggerRequest } from './trigger-request';
import { newSlug, newWebhookSecret, sameSecret, verifyWebhook } from './webhook-signature';
import type { WorkflowService } from './workflow-service';

/** The header carrying the secret in `secret-header` verification mode. */
export const SECRET_HEADER = 'x-webhook-secret';

/** A trigger's settings as the API takes them. */
export interface TriggerSettings {
  enabled: boolean;
  verification: TriggerRecord['verification'];
  callbackUrl?: string | null;
  inputMapping?: string | null;
  strict?: boolean;
}

/** The run input a webhook call gives, and whether fields the workflow does not declare are dropped. */
export interface TriggerInput {
  input: Record<string, unknown>;
  declaredOnly: boolean;
}

/** The input mapping's path in errors (trigger settings and inbound calls alike). */
const MAPPING = 'inputMapping';

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
    // Checked when saved: a mapping that does not compile never reaches an inbound call.
    if (settings.inputMapping) compileExpression(settings.inputMapping, MAPPING);
    const secret = newWebhookSecret();
    const { trigger, created } = await this.store.triggers.upsert({
      workflowId: workflow.id,
      workspaceId: workflow.workspaceId,
      slug: newSlug(),
      secret,
      enabled: settings.enabled,
      verification: settings.verification,
      callbackUrl: settings.callbackUrl ?? null,
      inputMapping: settings.inputMapping || null,
      strict: settings.strict ?? false,
    });
    await audit(
      this.store,
      by,
      'trigger.configured',
      { type: 'workflow', id: workflow.id },
      {
        enabled: trigger.enabled,
        verification: trigger.verification,
        callbackUrl: trigger.callbackUrl,
        inputMapping: trigger.inputMapping,
        strict: trigger.strict,
        created,
      },
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

  /**
   * The run input of an inbound call. With an input mapping, what the mapping makes of
   * `{ body, headers, query }` (it must be an object); without one, the body's fields — those the
   * workflow does not declare are dropped, or with `strict` refused (by the run's input check).
   */
  async inputFor(trigger: TriggerRecord, request: TriggerRequest): Promise<TriggerInput> {
    if (trigger.inputMapping) {
      let value: unknown;
      try {
        value = await evaluateExpression(trigger.inputMapping, request, MAPPING);
      } catch (error) {
        // A mapping that fails on this payload is the payload's problem to the sender: a 4xx naming the mapping.
        if (error instanceof AssayError && error.code === 'step_failed')
          throw new AssayError('invalid_input', error.message, { details: error.details });
        throw error;
      }
      if (!isObject(value))
        throw new AssayError(
          'invalid_input',
          `${MAPPING}: must produce an object (the run input), but produced ${kindOf(value)} for this request`,
          {
            details: [{ path: MAPPING, message: `produced ${kindOf(value)}, not an object` }],
          },
        );
      return { input: value, declaredOnly: false };
    }
    if (isObject(request.body)) return { input: request.body, declaredOnly: !trigger.strict };
    if (trigger.strict)
      throw new AssayError('invalid_input', '(body): must be a JSON object (it becomes the run input)', {
        details: [{ path: '(body)', message: 'must be a JSON object' }],
      });
    // An array of events or a scalar: no inputs from it (the workflow reads it as trigger.body, or a mapping picks).
    return { input: {}, declaredOnly: true };
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

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
