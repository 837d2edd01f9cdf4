import { z } from 'zod';
import { Id } from './ids';

/** The changes the audit log records. */
export const AUDIT_ACTIONS = [
  'workflow.created',
  'workflow.saved',
  'workflow.restored',
  'workflow.archived',
  'trigger.configured',
  'trigger.secret_rotated',
  'trigger.secret_revealed',
  'key.created',
  'key.revoked',
  'credential.created',
  'credential.replaced',
  'credential.deleted',
  'schedule.created',
  'schedule.updated',
  'schedule.deleted',
  'event_endpoint.created',
  'event_endpoint.updated',
  'event_endpoint.deleted',
  'event_endpoint.secret_rotated',
  'callback_secret.rotated',
  'user.created',
  'user.updated',
  'user.deleted',
  'mcp_server.created',
  'mcp_server.updated',
  'mcp_server.deleted',
  'approval.decided',
  'approval.link_created',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z
  .object({
    id: Id,
    actor: z.string().meta({ description: '`key:<id>` (an API key) or `user:<id>`' }),
    actorName: z.string().nullable().meta({ description: "The key's client id (or the user's email)" }),
    actorLabel: z.string().nullable().meta({ description: "The key's or user's name, for people to read (null: not known)" }),
    action: AuditAction,
    targetType: z.string(),
    targetId: z.string(),
    targetName: z
      .string()
      .nullable()
      .meta({ description: "The target's name (a workflow's, key's, user's, credential's, MCP server's; an endpoint's URL), or null" }),
    details: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;
