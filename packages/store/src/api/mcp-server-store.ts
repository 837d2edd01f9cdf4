import type { Selectable } from 'kysely';
import type { Db, McpServersTable } from '../database';
import { fromJson, toJson } from '../codec';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** How Assay reaches an MCP server. */
export type McpTransport = { kind: 'http'; url: string } | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string> };

/** An MCP server of a workspace, as stored. */
export interface McpServerRecord {
  id: string;
  workspaceId: string;
  name: string;
  description: string | null;
  transport: McpTransport;
  /** The workspace credential that authenticates to it, and where it goes (an HTTP header or a stdio variable). */
  credential: { name: string; header: string } | null;
  createdAt: number;
  updatedAt: number;
}

/** What a create or an update writes. */
export type McpServerFields = Pick<McpServerRecord, 'name' | 'description' | 'transport' | 'credential'>;

function toRecord(row: Selectable<McpServersTable>): McpServerRecord {
  const transport: McpTransport =
    row.transport === 'stdio'
      ? {
          kind: 'stdio',
          command: row.command ?? '',
          args: fromJson<string[]>(row.args) ?? [],
          env: fromJson<Record<string, string>>(row.env) ?? {},
        }
      : { kind: 'http', url: row.url ?? '' };
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    description: row.description,
    transport,
    credential: row.credential ? { name: row.credential, header: row.credential_header ?? 'authorization' } : null,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function columns(fields: McpServerFields) {
  const { transport } = fields;
  return {
    name: fields.name,
    description: fields.description,
    transport: transport.kind,
    url: transport.kind === 'http' ? transport.url : null,
    command: transport.kind === 'stdio' ? transport.command : null,
    args: transport.kind === 'stdio' ? toJson(transport.args) : null,
    env: transport.kind === 'stdio' ? toJson(transport.env) : null,
    credential: fields.credential?.name ?? null,
    credential_header: fields.credential?.header ?? null,
  };
}

/** The MCP servers workspaces register (names unique in a workspace). */
export class McpServerStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** Registers a server; null if the name is taken in the workspace. */
  create(workspaceId: string, fields: McpServerFields): Promise<McpServerRecord | null> {
    return this.writes.write(async (trx) => {
      if (await this.named(trx, workspaceId, fields.name)) return null;
      const now = Date.now();
      const row: Selectable<McpServersTable> = {
        id: newId(now),
        workspace_id: workspaceId,
        ...columns(fields),
        created_at: now,
        updated_at: now,
      };
      await trx.insertInto('mcp_servers').values(row).execute();
      return toRecord(row);
    });
  }

  async list(workspaceId: string, page: { limit: number; lt?: string; direction: 'asc' | 'desc' }): Promise<McpServerRecord[]> {
    let query = this.db.selectFrom('mcp_servers').selectAll().where('workspace_id', '=', workspaceId);
    if (page.lt) query = query.where('id', '<', page.lt);
    return (await query.orderBy('id', page.direction).limit(page.limit).execute()).map(toRecord);
  }

  async get(workspaceId: string, id: string): Promise<McpServerRecord | null> {
    const row = await this.db
      .selectFrom('mcp_servers')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  /** The workspace's server of that name (steps and agents name servers). */
  async byName(workspaceId: string, name: string): Promise<McpServerRecord | null> {
    const row = await this.named(this.db, workspaceId, name);
    return row ? toRecord(row) : null;
  }

  /** Replaces a server's fields; null if absent, 'taken' if another server has the new name. */
  update(workspaceId: string, id: string, fields: McpServerFields): Promise<McpServerRecord | null | 'taken'> {
    return this.writes.write(async (trx) => {
      const other = await this.named(trx, workspaceId, fields.name);
      if (other && other.id !== id) return 'taken';
      const now = Date.now();
      const result = await trx
        .updateTable('mcp_servers')
        .set({ ...columns(fields), updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return null;
      return toRecord(await trx.selectFrom('mcp_servers').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  remove(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result = await trx.deleteFrom('mcp_servers').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  private named(db: Pick<Db, 'selectFrom'>, workspaceId: string, name: string) {
    return db.selectFrom('mcp_servers').selectAll().where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
  }
}
