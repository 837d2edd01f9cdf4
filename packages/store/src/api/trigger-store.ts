import type { Db, WorkflowTriggersTable } from '../database';
import type { WriteBatcher } from '../write-batcher';

export type Verification = 'signature' | 'secret-header' | 'none';

/** A workflow's webhook trigger. */
export interface TriggerRecord {
  workflowId: string;
  workspaceId: string;
  slug: string;
  secret: string;
  enabled: boolean;
  verification: Verification;
  callbackUrl: string | null;
  createdAt: number;
  updatedAt: number;
  /** The secret before the last rotation, still accepted until `previousValidUntil`. */
  previousSecret: string | null;
  previousValidUntil: number | null;
  /** A JSONata expression over `{ body, headers, query }` that yields the run input; null: the body's declared fields. */
  inputMapping: string | null;
  /** Without a mapping: refuse a body field the workflow does not declare (else it is ignored). */
  strict: boolean;
}

function toRecord(row: WorkflowTriggersTable): TriggerRecord {
  return {
    workflowId: row.workflow_id,
    workspaceId: row.workspace_id,
    slug: row.slug,
    secret: row.secret,
    enabled: Number(row.enabled) === 1,
    verification: row.verification as Verification,
    callbackUrl: row.callback_url,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    previousSecret: row.previous_secret,
    previousValidUntil: row.previous_valid_until === null ? null : Number(row.previous_valid_until),
    inputMapping: row.input_mapping,
    strict: Number(row.strict_inputs) === 1,
  };
}

/** Webhook triggers, by workflow (for configuration) and by slug (for inbound calls). */
export class TriggerStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  async forWorkflow(workflowId: string): Promise<TriggerRecord | null> {
    const row = await this.db.selectFrom('workflow_triggers').selectAll().where('workflow_id', '=', workflowId).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The triggers of several workflows at once (for a list page), by workflow id. */
  async forWorkflows(workflowIds: string[]): Promise<Map<string, TriggerRecord>> {
    if (workflowIds.length === 0) return new Map();
    const rows = await this.db.selectFrom('workflow_triggers').selectAll().where('workflow_id', 'in', workflowIds).execute();
    return new Map(rows.map((row) => [row.workflow_id, toRecord(row)]));
  }

  async bySlug(slug: string): Promise<TriggerRecord | null> {
    const row = await this.db.selectFrom('workflow_triggers').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** Creates the trigger (with the given slug and secret) or updates its settings. */
  upsert(
    trigger: Omit<TriggerRecord, 'createdAt' | 'updatedAt' | 'previousSecret' | 'previousValidUntil'>,
  ): Promise<{ trigger: TriggerRecord; created: boolean }> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const existing = await trx
        .selectFrom('workflow_triggers')
        .selectAll()
        .where('workflow_id', '=', trigger.workflowId)
        .executeTakeFirst();
      if (existing) {
        await trx
          .updateTable('workflow_triggers')
          .set({
            enabled: trigger.enabled ? 1 : 0,
            verification: trigger.verification,
            callback_url: trigger.callbackUrl,
            input_mapping: trigger.inputMapping,
            strict_inputs: trigger.strict ? 1 : 0,
            updated_at: now,
          })
          .where('workflow_id', '=', trigger.workflowId)
          .execute();
        const updated = {
          ...toRecord(existing),
          enabled: trigger.enabled,
          verification: trigger.verification,
          callbackUrl: trigger.callbackUrl,
          inputMapping: trigger.inputMapping,
          strict: trigger.strict,
          updatedAt: now,
        };
        return { trigger: updated, created: false };
      }
      const row: WorkflowTriggersTable = {
        workflow_id: trigger.workflowId,
        workspace_id: trigger.workspaceId,
        slug: trigger.slug,
        secret: trigger.secret,
        enabled: trigger.enabled ? 1 : 0,
        verification: trigger.verification,
        callback_url: trigger.callbackUrl,
        created_at: now,
        updated_at: now,
        previous_secret: null,
        previous_valid_until: null,
        input_mapping: trigger.inputMapping,
        strict_inputs: trigger.strict ? 1 : 0,
      };
      await trx.insertInto('workflow_triggers').values(row).execute();
      return { trigger: toRecord(row), created: true };
    });
  }

  /**
   * Replaces the secret; the old one keeps verifying for `graceMs` (0: not at all). Returns false if
   * the workflow has no trigger.
   */
  rotateSecret(workflowId: string, secret: string, graceMs = 0): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const result = await trx
        .updateTable('workflow_triggers')
        .set((eb) => ({
          previous_secret: graceMs > 0 ? eb.ref('secret') : null,
          previous_valid_until: graceMs > 0 ? now + graceMs : null,
          secret,
          updated_at: now,
        }))
        .where('workflow_id', '=', workflowId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }
}
