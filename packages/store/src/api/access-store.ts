import type { KeyScope } from '@assay/schema';
import type { Selectable } from 'kysely';
import type { ApiKeysTable, Db } from '../database';
import type { StoreDialect } from '../dialect/dialect';
import { toMs } from '../codec';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** An API key as the auth layer needs it (the secret only as its hash). */
export interface KeyRecord {
  id: string;
  workspaceId: string;
  name: string;
  clientId: string;
  secretHash: string;
  scope: KeyScope;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

type KeyRow = Selectable<ApiKeysTable>;

function toKey(row: KeyRow): KeyRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    clientId: row.client_id,
    secretHash: row.secret_hash,
    scope: row.scope as KeyScope,
    createdAt: Number(row.created_at),
    lastUsedAt: toMs(row.last_used_at),
    revokedAt: toMs(row.revoked_at),
  };
}

/** Workspaces and their API keys. */
export class AccessStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly dialect: StoreDialect,
  ) {}

  createWorkspace(name: string): Promise<{ id: string; name: string }> {
    const workspace = { id: newId(), name, created_at: Date.now() };
    return this.writes.write(async (trx) => {
      await trx.insertInto('workspaces').values(workspace).execute();
      return { id: workspace.id, name };
    });
  }

  /**
   * The oldest workspace, created as `name` when there is none. Race-free: processes starting
   * together on an empty PostgreSQL database take turns (an advisory lock), so they agree on one
   * workspace instead of each creating its own; SQLite has a single writer.
   */
  ensureDefaultWorkspace(name: string): Promise<{ workspace: { id: string; name: string }; created: boolean }> {
    return this.writes.write(async (trx) => {
      await this.dialect.lockTransaction(trx, 'assay-bootstrap');
      const existing = await trx.selectFrom('workspaces').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirst();
      if (existing) return { workspace: existing, created: false };
      const workspace = { id: newId(), name, created_at: Date.now() };
      await trx.insertInto('workspaces').values(workspace).execute();
      return { workspace: { id: workspace.id, name }, created: true };
    });
  }

  /** The workspace with this id, if there is one. */
  async getWorkspace(id: string): Promise<{ id: string; name: string } | null> {
    const row = await this.db.selectFrom('workspaces').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
    return row ?? null;
  }

  /** The oldest workspace: the one `ASSAY_CLIENT_ID`/`ASSAY_API_KEY` and first start use. */
  async defaultWorkspace(): Promise<{ id: string; name: string } | null> {
    const row = await this.db.selectFrom('workspaces').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirst();
    return row ?? null;
  }

  createKey(key: { workspaceId: string; name: string; clientId: string; secretHash: string; scope: KeyScope }): Promise<KeyRecord> {
    const row: KeyRow = {
      id: newId(),
      workspace_id: key.workspaceId,
      name: key.name,
      client_id: key.clientId,
      secret_hash: key.secretHash,
      scope: key.scope,
      created_at: Date.now(),
      last_used_at: null,
      revoked_at: null,
    };
    return this.writes.write(async (trx) => {
      await trx.insertInto('api_keys').values(row).execute();
      return toKey(row);
    });
  }

  /** Makes the key with this client id exist with this secret hash and scope (used at start-up). */
  ensureKey(key: { workspaceId: string; name: string; clientId: string; secretHash: string; scope: KeyScope }): Promise<void> {
    // One upsert: processes starting together with the same ASSAY_CLIENT_ID cannot both insert it.
    const row = {
      id: newId(),
      workspace_id: key.workspaceId,
      name: key.name,
      client_id: key.clientId,
      secret_hash: key.secretHash,
      scope: key.scope,
      created_at: Date.now(),
      last_used_at: null,
      revoked_at: null,
    };
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('api_keys')
        .values(row)
        .onConflict((conflict) =>
          conflict
            .column('client_id')
            .doUpdateSet({ secret_hash: key.secretHash, scope: key.scope, revoked_at: null, workspace_id: key.workspaceId }),
        )
        .execute();
    });
  }

  async findKeyByClientId(clientId: string): Promise<KeyRecord | null> {
    const row = await this.db.selectFrom('api_keys').selectAll().where('client_id', '=', clientId).executeTakeFirst();
    return row ? toKey(row) : null;
  }

  async getKey(workspaceId: string, id: string): Promise<KeyRecord | null> {
    const row = await this.db
      .selectFrom('api_keys')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row ? toKey(row) : null;
  }

  async listKeys(workspaceId: string, page: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<KeyRecord[]> {
    let query = this.db.selectFrom('api_keys').selectAll().where('workspace_id', '=', workspaceId).where('revoked_at', 'is', null);
    if (page.lt) query = query.where('id', '<', page.lt);
    const rows = await query.orderBy('id', page.direction).limit(page.limit).execute();
    return rows.map(toKey);
  }

  /** Revokes a key; returns false if it is not an active key of this workspace. */
  revokeKey(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  touchKey(id: string, now: number): Promise<void> {
    return this.writes.write(async (trx) => {
      await trx.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
    }, `touch/${id}`);
  }
}
