import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AuditAction, AuditEntry, ListQuery } from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { errors, json, list, page, security } from '../http/openapi';
import type { AuditService, NamedAuditRecord } from '../services/audit-service';

const AuditQuery = ListQuery.extend({
  action: AuditAction.optional(),
  targetType: z.string().max(50).optional(),
  targetId: z.string().max(100).optional(),
});

function present(record: NamedAuditRecord): AuditEntry {
  return {
    id: record.id,
    actor: record.actor,
    actorName: record.actorName,
    actorLabel: record.actorLabel,
    action: record.action as AuditAction,
    targetType: record.targetType,
    targetId: record.targetId,
    targetName: record.targetName,
    details: record.details,
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

/** `GET /v1/audit-log`: who changed workflows, triggers, keys, credentials, schedules and endpoints. */
export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, auditLog: AuditService) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/audit-log',
      operationId: 'listAuditLog',
      tags: ['Audit'],
      security,
      summary: 'Who changed what in the workspace, newest first (filter by action or target)',
      middleware: [requireScope('admin')] as const,
      request: { query: AuditQuery },
      responses: { 200: json(list(AuditEntry), 'Audit entries'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const records = await auditLog.list(c.get('principal').workspaceId, q);
      return c.json(page(records.map(present), q.limit), 200);
    },
  );
}
