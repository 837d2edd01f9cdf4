import type { AuditAction, AuditEntry } from '@assay/schema';
import type { HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** Filters of `GET /v1/audit-log`. */
export interface AuditListOptions extends ListOptions {
  action?: AuditAction;
  /** e.g. `workflow`, `key`, `credential`. */
  targetType?: string;
  targetId?: string;
}

/** `GET /v1/audit-log`: who changed what in the workspace. */
export class Audit {
  constructor(private readonly http: HttpClient) {}

  /** One page of the audit log, newest first. Needs an admin key. */
  list(query: AuditListOptions = {}): Promise<Page<AuditEntry>> {
    return this.http.request('GET', '/v1/audit-log', { query: { ...query } });
  }
}
