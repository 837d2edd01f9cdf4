import { useState } from 'react';
import type { AuditAction, AuditEntry } from '@assay/schema';
import { Link } from 'wouter';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { AdminOnly } from './AdminOnly';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { shortId } from '../../ui/run-time';
import { summarizeDetails } from './audit-details';

/**
 * The actions the log can be filtered by, with how the filter reads them. Typed against the schema's
 * AuditAction so a new action fails the type check here instead of missing from the filter.
 */
const ACTION_LABELS = {
  'workflow.created': 'workflow created',
  'workflow.saved': 'workflow saved',
  'workflow.restored': 'workflow version restored',
  'workflow.archived': 'workflow archived',
  'trigger.configured': 'trigger configured',
  'trigger.secret_rotated': 'trigger secret rotated',
  'trigger.secret_revealed': 'trigger secret revealed',
  'key.created': 'API key created',
  'key.revoked': 'API key revoked',
  'credential.created': 'credential created',
  'credential.replaced': 'credential replaced',
  'credential.deleted': 'credential deleted',
  'schedule.created': 'schedule created',
  'schedule.updated': 'schedule changed',
  'schedule.deleted': 'schedule deleted',
  'event_endpoint.created': 'event endpoint created',
  'event_endpoint.updated': 'event endpoint changed',
  'event_endpoint.deleted': 'event endpoint deleted',
  'event_endpoint.secret_rotated': 'event endpoint secret rotated',
  'callback_secret.rotated': 'callback secret rotated',
  'user.created': 'user added',
  'user.updated': 'user changed',
  'user.deleted': 'user removed',
  'mcp_server.created': 'MCP server registered',
  'mcp_server.updated': 'MCP server changed',
  'mcp_server.deleted': 'MCP server deleted',
  'approval.decided': 'approval decided',
  'approval.link_created': 'approval link handed out',
} satisfies Record<AuditAction, string>;
const ACTIONS = Object.keys(ACTION_LABELS) as AuditAction[];
const PAGE_SIZE = 50;

/** Who changed what in the workspace, newest first, older pages on demand. */
export function AuditTab() {
  return (
    <AdminOnly what="read the audit log">
      <AuditLog />
    </AdminOnly>
  );
}

function AuditLog() {
  const [action, setAction] = useState<AuditAction | ''>('');
  const log = useCursorQuery(keys.audit.list({ action }), (lt) => api.audit.list({ limit: PAGE_SIZE, lt, action: action || undefined }));
  return (
    <div>
      <div className="row" style={{ marginBottom: 12 }}>
        <label className="inline">
          Action
          <select name="audit-action" value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')} style={{ width: 260 }}>
            <option value="">All actions</option>
            {ACTIONS.map((option) => (
              <option key={option} value={option}>
                {ACTION_LABELS[option]} ({option})
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={log.error} />
      <table className="table" data-testid="audit-log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {log.items.map((entry) => (
            <tr key={entry.id}>
              <td title={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</td>
              <td title={entry.actorName ? `${entry.actor} (${entry.actorName})` : entry.actor} data-testid="audit-actor">
                {entry.actorLabel ?? entry.actorName ?? entry.actor}
              </td>
              <td title={entry.action}>{ACTION_LABELS[entry.action] ?? entry.action}</td>
              <td>
                <Target entry={entry} />
              </td>
              <td>
                <Details details={entry.details} />
              </td>
            </tr>
          ))}
          {!log.loading && log.items.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {action ? `No ${action} entries.` : 'Nothing recorded yet.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row" style={{ marginTop: 12 }}>
        {log.hasOlder && (
          <button onClick={() => log.older()} disabled={log.loading}>
            Older
          </button>
        )}
        {log.loading && <span className="muted">Loading…</span>}
      </div>
    </div>
  );
}

/** The changed thing by name (its id on hover); workflows (and their triggers) link to the workflow. */
function Target({ entry }: { entry: AuditEntry }) {
  const kind = entry.targetType.replace(/_/g, ' ');
  const name = entry.targetName ?? <code>{entry.targetId}</code>;
  if (entry.targetType === 'workflow')
    return (
      <Link href={`/workflows/${entry.targetId}`} title={entry.targetId}>
        workflow {name}
      </Link>
    );
  if (entry.targetType === 'run')
    return (
      <Link href={`/runs/${entry.targetId}`} title={entry.targetId}>
        run {shortId(entry.targetId)}
      </Link>
    );
  return (
    <span title={entry.targetId}>
      {kind} {name}
    </span>
  );
}

/** Details in words (`field: value`), the raw JSON one click away. */
function Details({ details }: { details: Record<string, unknown> | null }) {
  if (!details || Object.keys(details).length === 0) return null;
  return (
    <div className="audit-details">
      <span>{summarizeDetails(details)}</span>
      <details>
        <summary>details</summary>
        <pre>{JSON.stringify(details, null, 2)}</pre>
      </details>
    </div>
  );
}
