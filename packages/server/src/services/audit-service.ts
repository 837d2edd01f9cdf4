import type { AuditFilter, AuditRecord, Store } from '@assay/store';

/** An audit record with the names a person reads instead of ids (null when nothing better is known). */
export interface NamedAuditRecord extends AuditRecord {
  /** The key's name or the user's name. */
  actorLabel: string | null;
  /** The target's name: a workflow's, key's, user's, credential's or MCP server's, an endpoint's URL. */
  targetName: string | null;
}

/** What a record's details say about its target's name (kept there when it was made, so also after a delete). */
function nameInDetails(record: AuditRecord): string | null {
  const details = record.details ?? {};
  for (const field of ['name', 'email', 'url']) {
    const value = details[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

/** Reading the audit log (entries are written by the services that make each change: see audit.ts). */
export class AuditService {
  constructor(private readonly store: Store) {}

  /**
   * A page plus one (to know whether more follow), newest first by default, with names. Each
   * distinct actor and target is looked up once (a page holds at most a few hundred); what no
   * longer exists keeps the name its entries recorded.
   */
  async list(workspaceId: string, query: AuditFilter): Promise<NamedAuditRecord[]> {
    const records = await this.store.audit.list(workspaceId, { ...query, limit: query.limit + 1 });
    const recorded = new Map<string, string>();
    for (const record of records) {
      const name = nameInDetails(record);
      if (name !== null) recorded.set(`${record.targetType}:${record.targetId}`, name);
    }
    const wanted = new Set<string>();
    for (const record of records) {
      wanted.add(record.actor);
      wanted.add(`${record.targetType}:${record.targetId}`);
    }
    const live = new Map(await Promise.all([...wanted].map(async (ref) => [ref, await this.nameOf(workspaceId, ref)] as const)));
    const named = (ref: string) => live.get(ref) ?? recorded.get(ref) ?? null;
    return records.map((record) => ({
      ...record,
      actorLabel: named(record.actor),
      targetName: named(`${record.targetType}:${record.targetId}`) ?? nameInDetails(record),
    }));
  }

  /** The current name of `<type>:<id>`, or null (gone, or a kind without a name). */
  private async nameOf(workspaceId: string, ref: string): Promise<string | null> {
    const split = ref.indexOf(':');
    const type = ref.slice(0, split);
    const id = ref.slice(split + 1);
    switch (type) {
      case 'key':
        return (await this.store.access.getKey(workspaceId, id))?.name ?? null;
      case 'user':
        return (await this.store.users.getMember(workspaceId, id))?.name ?? null;
      case 'workflow':
        return (await this.store.workflows.get(workspaceId, id))?.name ?? null;
      case 'credential':
        return (await this.store.credentials.get(workspaceId, id))?.name ?? null;
      case 'mcp_server':
        return (await this.store.mcpServers.get(workspaceId, id))?.name ?? null;
      default:
        return null;
    }
  }
}
