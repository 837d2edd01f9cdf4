import type { AuditAction } from '@assay/schema';
import type { Store } from '@assay/store';
import type { Principal } from '../http/app-env';

/**
 * Records a change in the audit log after it was made, naming who made it (`key:<id>` with the
 * client id, or `user:<id>` with the email). A failure to record is logged by the caller's error
 * handler like any other: the change itself stands.
 */
export async function audit(
  store: Store,
  principal: Principal,
  action: AuditAction,
  target: { type: string; id: string },
  details: Record<string, unknown> | null = null,
): Promise<void> {
  await store.audit.append({
    workspaceId: principal.workspaceId,
    actor: principal.actor,
    actorName: principal.actorName,
    action,
    targetType: target.type,
    targetId: target.id,
    details,
  });
}
