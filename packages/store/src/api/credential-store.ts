import type { CredentialsTable, Db } from '../database';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** A credential as listed: never its value. */
export interface CredentialRecord {
  id: string;
  workspaceId: string;
  name: string;
  type: string;
  createdAt: number;
  updatedAt: number;
}

function toRecord(row: CredentialsTable): CredentialRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    type: row.type,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Credentials, stored sealed (the caller encrypts and decrypts; this store never sees a value). */
export class CredentialStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** Creates a credential; null if the name is taken in the workspace. */
  create(credential: { workspaceId: string; name: string; type: string; sealed: string }): Promise<CredentialRecord | null> {
    return this.writes.write(async (trx) => {
      const taken = await trx
        .selectFrom('credentials')
        .select('id')
        .where('workspace_id', '=', credential.workspaceId)
        .where('name', '=', credential.name)
        .executeTakeFirst();
      if (taken) return null;
      const now = Date.now();
      const row: CredentialsTable = {
        id: newId(now),
        workspace_id: credential.workspaceId,
        name: credential.name,
        type: credential.type,
        sealed: credential.sealed,
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('credentials').values(row).execute();
      return toRecord(row);
    });
  }

  async list(workspaceId: string, page: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<CredentialRecord[]> {
    let query = this.db.selectFrom('credentials').selectAll().where('workspace_id', '=', workspaceId);
    if (page.lt) query = query.where('id', '<', page.lt);
    return (await query.orderBy('id', page.direction).limit(page.limit).execute()).map(toRecord);
  }

  async get(workspaceId: string, id: string): Promise<CredentialRecord | null> {
    const row = await this.db
      .selectFrom('credentials')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The sealed value of a credential by name, for a step of a run in that workspace. */
  async sealedByName(workspaceId: string, name: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('credentials')
      .select('sealed')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.sealed ?? null;
  }

  /** Replaces a credential's value (and type); null if absent. */
  replace(workspaceId: string, id: string, update: { type: string; sealed: string }): Promise<CredentialRecord | null> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const result = await trx
        .updateTable('credentials')
        .set({ type: update.type, sealed: update.sealed, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      const row = await trx.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toRecord(row);
    });
  }

  remove(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result = await trx.deleteFrom('credentials').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }
}
