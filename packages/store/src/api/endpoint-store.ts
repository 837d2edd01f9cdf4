import type { Transaction } from 'kysely';
import type { Database, Db, EventEndpointsTable } from '../database';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** An event endpoint. `sealedSecret` is the signing secret as stored (the server seals and opens it). */
export interface EndpointRecord {
  id: string;
  workspaceId: string;
  url: string;
  description: string | null;
  events: string[];
  workflowId: string | null;
  sealedSecret: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  lastSuccessAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewEndpoint {
  workspaceId: string;
  url: string;
  description: string | null;
  events: string[];
  workflowId: string | null;
  sealedSecret: string;
  enabled: boolean;
}

export interface EndpointChanges {
  url?: string;
  description?: string | null;
  events?: string[];
  workflowId?: string | null;
  enabled?: boolean;
}

export function toEndpointRecord(row: EventEndpointsTable): EndpointRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as string[],
    workflowId: row.workflow_id,
    sealedSecret: row.secret,
    enabled: Number(row.enabled) === 1,
    disabledReason: row.disabled_reason,
    consecutiveFailures: Number(row.consecutive_failures),
    lastSuccessAt: row.last_success_at === null ? null : Number(row.last_success_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * Event endpoints per workspace, and the per-workspace callback secret. Disabling an endpoint (by
 * its owner or by Assay after repeated failures) parks its pending deliveries (no `due_at`: the
 * queue no longer sees them); enabling it again makes them due at once.
 */
export class EndpointStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  create(endpoint: NewEndpoint): Promise<EndpointRecord> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const row: EventEndpointsTable = {
        id: newId(now),
        workspace_id: endpoint.workspaceId,
        url: endpoint.url,
        description: endpoint.description,
        events: JSON.stringify(endpoint.events),
        workflow_id: endpoint.workflowId,
        secret: endpoint.sealedSecret,
        enabled: endpoint.enabled ? 1 : 0,
        disabled_reason: null,
        consecutive_failures: 0,
        created_at: now,
        updated_at: now,
        last_success_at: null,
      };
      await trx.insertInto('event_endpoints').values(row).execute();
      return toEndpointRecord(row);
    });
  }

  async list(workspaceId: string, page: { limit: number; lt?: string; gt?: string; direction: 'asc' | 'desc' }): Promise<EndpointRecord[]> {
    let query = this.db.selectFrom('event_endpoints').selectAll().where('workspace_id', '=', workspaceId);
    if (page.lt) query = query.where('id', '<', page.lt);
    if (page.gt) query = query.where('id', '>', page.gt);
    return (await query.orderBy('id', page.direction).limit(page.limit).execute()).map(toEndpointRecord);
  }

  async get(workspaceId: string, id: string): Promise<EndpointRecord | null> {
    const row = await this.db
      .selectFrom('event_endpoints')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toEndpointRecord(row) : null;
  }

  /**
   * Applies `changes`; null if absent. `enabled: true` on a disabled endpoint clears the reason and
   * the failure count and resumes its parked deliveries; `enabled: false` parks them.
   */
  update(workspaceId: string, id: string, changes: EndpointChanges): Promise<EndpointRecord | null> {
    return this.writes.write(async (trx) => {
      const existing = await trx
        .selectFrom('event_endpoints')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!existing) return null;
      const now = Date.now();
      const set: Partial<EventEndpointsTable> = { updated_at: now };
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
      if (changes.workflowId !== undefined) set.workflow_id = changes.workflowId;
      if (changes.enabled === true) Object.assign(set, { enabled: 1, disabled_reason: null, consecutive_failures: 0 });
      if (changes.enabled === false) Object.assign(set, { enabled: 0, disabled_reason: null });
      await trx.updateTable('event_endpoints').set(set).where('id', '=', id).execute();
      if (changes.enabled === true && Number(existing.enabled) === 0) await resumeDeliveries(trx, id, now);
      if (changes.enabled === false) await parkDeliveries(trx, id, now);
      return toEndpointRecord({ ...existing, ...set });
    });
  }

  rotateSecret(workspaceId: string, id: string, sealedSecret: string): Promise<EndpointRecord | null> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const result = await trx
        .updateTable('event_endpoints')
        .set({ secret: sealedSecret, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      return toEndpointRecord(await trx.selectFrom('event_endpoints').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  /** Deletes the endpoint with its deliveries and their attempt log. */
  remove(workspaceId: string, id: string): Promise<EndpointRecord | null> {
    return this.writes.write(async (trx) => {
      const existing = await trx
        .selectFrom('event_endpoints')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!existing) return null;
      await trx
        .deleteFrom('delivery_attempts')
        .where('delivery_id', 'in', (eb) => eb.selectFrom('event_deliveries').select('id').where('endpoint_id', '=', id))
        .execute();
      await trx.deleteFrom('event_deliveries').where('endpoint_id', '=', id).execute();
      await trx.deleteFrom('event_endpoints').where('id', '=', id).execute();
      return toEndpointRecord(existing);
    });
  }

  /** The workspace's sealed callback secret, created with `create()` (already sealed) if it has none. */
  async callbackSecret(workspaceId: string, create: () => string): Promise<{ secret: string; createdAt: number; updatedAt: number }> {
    const found = await this.db.selectFrom('callback_secrets').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (found) return { secret: found.secret, createdAt: Number(found.created_at), updatedAt: Number(found.updated_at) };
    return this.writes.write(async (trx) => {
      const existing = await trx.selectFrom('callback_secrets').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
      if (existing) return { secret: existing.secret, createdAt: Number(existing.created_at), updatedAt: Number(existing.updated_at) };
      const now = Date.now();
      const secret = create();
      await trx.insertInto('callback_secrets').values({ workspace_id: workspaceId, secret, created_at: now, updated_at: now }).execute();
      return { secret, createdAt: now, updatedAt: now };
    });
  }

  /** Replaces the workspace's callback secret (already sealed). */
  rotateCallbackSecret(workspaceId: string, secret: string): Promise<{ secret: string; createdAt: number; updatedAt: number }> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const row = await trx
        .insertInto('callback_secrets')
        .values({ workspace_id: workspaceId, secret, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ secret, updated_at: now }))
        .returning(['created_at', 'updated_at'])
        .executeTakeFirstOrThrow();
      return { secret, createdAt: Number(row.created_at), updatedAt: Number(row.updated_at) };
    });
  }
}

/** Takes an endpoint's pending deliveries off the queue (they stay pending until it is enabled). */
export async function parkDeliveries(trx: Transaction<Database>, endpointId: string, now: number): Promise<void> {
  await trx
    .updateTable('event_deliveries')
    .set({ due_at: null, updated_at: now })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .where('lease_owner', 'is', null)
    .execute();
}

/** Puts an endpoint's parked deliveries back on the queue, due now, each with a fresh attempt series. */
async function resumeDeliveries(trx: Transaction<Database>, endpointId: string, now: number): Promise<void> {
  await trx
    .updateTable('event_deliveries')
    .set({ due_at: now, series_attempts: 0, series_started_at: now, updated_at: now })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .where('due_at', 'is', null)
    .where('lease_owner', 'is', null)
    .execute();
}
