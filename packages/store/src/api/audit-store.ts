import type { Db } from '../database';
import { fromJson, toJson } from '../codec';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** One change as the audit log keeps it. */
export interface AuditRecord {
  id: string;
  workspaceId: string;
  /** `key:<id>` (an API key) or `user:<id>`. */
  actor: string;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown> | null;
  createdAt: number;
}

export type NewAuditRecord = Omit<AuditRecord, 'id' | 'createdAt'>;

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  limit: number;
  lt?: string;
  gt?: string;
  direction: 'asc' | 'desc';
}

/** The audit log: appended after each change, read newest first by cursor. */
export class AuditStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  append(entry: NewAuditRecord): Promise<AuditRecord> {
    const now = Date.now();
    const record: AuditRecord = { ...entry, id: newId(now), createdAt: now };
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('audit_log')
        .values({
          id: record.id,
          workspace_id: record.workspaceId,
          actor: record.actor,
          actor_name: record.actorName,
          action: record.action,
          target_type: record.targetType,
          target_id: record.targetId,
          details: toJson(record.details),
          created_at: now,
        })
        .execute();
      return record;
    });
  }

  async list(workspaceId: string, filter: AuditFilter): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.action) query = query.where('action', '=', filter.action);
    if (filter.targetType) query = query.where('target_type', '=', filter.targetType);
    if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
    if (filter.lt) query = query.where('id', '<', filter.lt);
    if (filter.gt) query = query.where('id', '>', filter.gt);
    const rows = await query.orderBy('id', filter.direction).limit(filter.limit).execute();
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      actor: row.actor,
      actorName: row.actor_name,
      action: row.action,
      targetType: row.target_type,
      targetId: row.target_id,
      details: fromJson<Record<string, unknown>>(row.details),
      createdAt: Number(row.created_at),
    }));
  }
}
