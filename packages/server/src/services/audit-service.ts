import type { AuditFilter, AuditRecord, Store } from '@assay/store';

/** Reading the audit log (entries are written by the services that make each change: see audit.ts). */
export class AuditService {
  constructor(private readonly store: Store) {}

  /** A page plus one (to know whether more follow), newest first by default. */
  list(workspaceId: string, query: AuditFilter): Promise<AuditRecord[]> {
    return this.store.audit.list(workspaceId, { ...query, limit: query.limit + 1 });
  }
}
