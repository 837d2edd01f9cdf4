import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Credential } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { AdminOnly } from './AdminOnly';
import { confirmed, useAction } from '../../ui/use-action';

type CredentialType = Credential['type'];

/** The credential types with what each is for (typed so a new type in the schema shows up here). */
const TYPE_HINTS = {
  secret: 'any secret value',
  api_key: 'an API key of a service',
  token: 'a bearer token',
  basic: 'user:password for basic auth',
  connection: 'a database connection string (for sql.query)',
} satisfies Record<CredentialType, string>;
const TYPES = Object.keys(TYPE_HINTS) as CredentialType[];

/** Credentials: names and types only; values are write-only and never come back from the API. */
export function CredentialsTab() {
  return (
    <AdminOnly what="see and manage credentials">
      <CredentialsManager />
    </AdminOnly>
  );
}

function CredentialsManager() {
  const credentials = useQuery({ queryKey: keys.credentials.list({ limit: 500 }), queryFn: () => api.credentials.list({ limit: 500 }) });
  const action = useAction();
  const invalidate = useInvalidate();
  // `replacing` set: the form replaces that credential's value; null: it creates a new one.
  const [replacing, setReplacing] = useState<Credential | null>(null);
  const [name, setName] = useState('');
  const [type, setType] = useState<CredentialType>('secret');
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null>(null);

  const reset = () => {
    setReplacing(null);
    setName('');
    setType('secret');
    setValue('');
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const result = replacing
        ? await api.credentials.replace(replacing.id, { type, value })
        : await api.credentials.create({ name: name.trim(), type, value });
      setSaved(
        `${replacing ? 'Replaced the value of' : 'Created'} "${result.name}". The value is stored encrypted and will not be shown again.`,
      );
      reset();
      invalidate(keys.credentials.all);
    });
  };

  const startReplace = (credential: Credential) => {
    setReplacing(credential);
    setName(credential.name);
    setType(credential.type);
    setValue('');
    setSaved(null);
    action.clear();
  };

  const remove = (credential: Credential) => {
    if (!confirmed(`Delete the credential "${credential.name}"? Steps that use it will fail until one with the same name exists again.`))
      return;
    void action.run(async () => {
      await api.credentials.delete(credential.id);
      if (replacing?.id === credential.id) reset();
      invalidate(keys.credentials.all);
    });
  };

  return (
    <div>
      <form className="card settings-form" onSubmit={save} aria-label={replacing ? `Replace ${replacing.name}` : 'Create a credential'}>
        <h3 className="wide">{replacing ? `Replace the value of "${replacing.name}"` : 'New credential'}</h3>
        <label>
          Name <span className="hint">steps refer to it by this name</span>
          <input
            name="credential-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            pattern="[A-Za-z0-9_.\-]{1,100}"
            title='1-100 letters, digits, ".", "_" or "-"'
            disabled={replacing !== null}
          />
        </label>
        <label>
          Type
          <select name="credential-type" value={type} onChange={(e) => setType(e.target.value as CredentialType)}>
            {TYPES.map((option) => (
              <option key={option} value={option}>
                {option} — {TYPE_HINTS[option]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value <span className="hint">write-only: never shown again</span>
          {/* new-password keeps browsers from filling in the user's own saved password. */}
          <input
            name="credential-value"
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            autoComplete="new-password"
          />
        </label>
        <div className="buttons">
          <button className="primary" type="submit" disabled={action.busy || !value || (!replacing && !name.trim())}>
            {replacing ? 'Replace value' : 'Create credential'}
          </button>
          {replacing && (
            <button type="button" onClick={reset}>
              Cancel
            </button>
          )}
        </div>
      </form>
      {saved && (
        <div className="notice" role="status">
          {saved}
        </div>
      )}
      <ErrorNote error={action.error ?? credentials.error} />
      <table className="table" data-testid="credential-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>Type</th>
            <th>Created</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(credentials.data?.data ?? []).map((credential) => (
            <tr key={credential.id} className={replacing?.id === credential.id ? 'selected' : ''}>
              <td>
                <code>{credential.name}</code>
              </td>
              <td>{credential.type}</td>
              <td title={credential.createdAt}>{timeAgo(credential.createdAt)}</td>
              <td title={credential.updatedAt}>{timeAgo(credential.updatedAt)}</td>
              <td className="actions">
                <button className="small" disabled={action.busy} onClick={() => startReplace(credential)}>
                  Replace value
                </button>{' '}
                <button className="small danger" disabled={action.busy} onClick={() => remove(credential)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
          {!credentials.isFetching && credentials.data?.data.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No credentials yet. Steps such as http.request and sql.query name one to authenticate.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
