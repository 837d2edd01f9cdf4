import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ApiKey, KeyScope } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { AdminOnly } from './AdminOnly';
import { SecretOnce } from '../../ui/SecretOnce';
import { confirmed, useAction } from '../../ui/use-action';

/**
 * What each scope allows. Typed against the schema's KeyScope so a new scope fails the type check
 * here instead of silently missing from the form (importing KEY_SCOPES would pull zod into the app).
 */
const SCOPE_HINTS = {
  read: 'read workflows, runs and datasets',
  run: 'read, and start, retry or cancel runs and batches',
  edit: 'run, and create or change workflows and datasets',
  admin: 'everything, including keys, users, credentials, triggers and schedules',
} satisfies Record<KeyScope, string>;
const SCOPES = Object.keys(SCOPE_HINTS) as KeyScope[];

/** API keys: list, create (secret shown once), revoke. */
export function KeysTab() {
  return (
    <AdminOnly what="see and manage API keys">
      <KeysManager />
    </AdminOnly>
  );
}

function KeysManager() {
  const list = useQuery({ queryKey: keys.apiKeys.list({ limit: 200 }), queryFn: () => api.keys.list({ limit: 200 }) });
  const action = useAction();
  const invalidate = useInvalidate();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<KeyScope>('run');
  const [created, setCreated] = useState<{ name: string; clientId: string; secret: string } | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const key = await api.keys.create({ name: name.trim(), scope });
      setCreated({ name: key.name, clientId: key.clientId, secret: key.secret });
      setName('');
      invalidate(keys.apiKeys.all);
    });
  };

  const revoke = (key: ApiKey) => {
    if (!confirmed(`Revoke the key "${key.name}" (${key.clientId})? Anything using it stops working at once.`)) return;
    void action.run(async () => {
      await api.keys.revoke(key.id);
      invalidate(keys.apiKeys.all);
    });
  };

  return (
    <div>
      <form className="card settings-form" onSubmit={create} aria-label="Create an API key">
        <label>
          Name
          <input
            name="key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={200}
            placeholder="e.g. CRM integration"
          />
        </label>
        <label>
          Scope
          <select name="key-scope" value={scope} onChange={(e) => setScope(e.target.value as KeyScope)}>
            {SCOPES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <button className="primary" type="submit" disabled={action.busy || !name.trim()}>
            Create key
          </button>
        </div>
        <p className="muted wide">
          Scope {scope}: {SCOPE_HINTS[scope]}.
        </p>
      </form>
      {created && (
        <SecretOnce
          title={`Secret of "${created.name}" (client id ${created.clientId})`}
          secret={created.secret}
          onDismiss={() => setCreated(null)}
        />
      )}
      <ErrorNote error={action.error ?? list.error} />
      <table className="table" data-testid="key-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Client id</th>
            <th>Scope</th>
            <th>Created</th>
            <th>Last used</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data?.data ?? []).map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td>
              <td>
                <code>{key.clientId}</code>
              </td>
              <td>{key.scope}</td>
              <td title={key.createdAt}>{timeAgo(key.createdAt)}</td>
              <td title={key.lastUsedAt ?? undefined}>{key.lastUsedAt ? timeAgo(key.lastUsedAt) : <span className="muted">never</span>}</td>
              <td className="actions">
                <button className="small danger" disabled={action.busy} onClick={() => revoke(key)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
          {!list.isFetching && list.data?.data.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                No API keys yet. Scripts and integrations need one; the web app does not.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
