import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { User, UserRole } from '@assay/schema';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { timeAgo } from '../../ui/format';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { AdminOnly } from './AdminOnly';
import { confirmed, useAction } from '../../ui/use-action';

/** What each role may do (the API enforces it; this is for the person choosing). */
const ROLE_HINTS = {
  admin: 'everything, including users, keys and credentials',
  editor: 'build and run workflows',
  viewer: 'read workflows and runs',
} satisfies Record<UserRole, string>;
const ROLES = Object.keys(ROLE_HINTS) as UserRole[];

/** The workspace's members: invite (with an initial password), change role, remove. */
export function UsersTab() {
  return (
    <AdminOnly what="see and manage the workspace's users">
      <UsersManager />
    </AdminOnly>
  );
}

function UsersManager() {
  const { session } = useSession();
  const users = useQuery({ queryKey: keys.users.all, queryFn: () => api.users.list() });
  const action = useAction();
  const invalidate = useInvalidate();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<UserRole>('editor');
  const [added, setAdded] = useState<string | null>(null);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const user = await api.users.create({ email: email.trim(), name: name.trim(), password, role });
      setAdded(`Added ${user.email} as ${user.role}. Give them the initial password through a private channel.`);
      setEmail('');
      setName('');
      setPassword('');
      invalidate(keys.users.all);
    });
  };

  const changeRole = (user: User, next: UserRole) => {
    // Demoting yourself ends your access to this very page: ask first.
    if (user.id === session.user.id && next !== 'admin' && !confirmed(`Make yourself ${next}? You will no longer be able to manage users.`))
      return;
    void action.run(async () => {
      await api.users.update(user.id, { role: next });
      invalidate(keys.users.all);
    });
  };

  const remove = (user: User) => {
    if (!confirmed(`Remove ${user.email} from the workspace? They are signed out and can no longer sign in here.`)) return;
    void action.run(async () => {
      await api.users.remove(user.id);
      invalidate(keys.users.all);
    });
  };

  return (
    <div>
      <form className="card settings-form" onSubmit={create} aria-label="Add a user">
        <label>
          Email
          <input name="user-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Name
          <input name="user-name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />
        </label>
        <label>
          Initial password <span className="hint">at least 8 characters</span>
          <input
            name="user-password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={8}
            autoComplete="new-password"
          />
        </label>
        <label>
          Role
          <select name="user-role" value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {option} — {ROLE_HINTS[option]}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <button className="primary" type="submit" disabled={action.busy}>
            Add user
          </button>
        </div>
      </form>
      {added && (
        <div className="notice" role="status">
          {added}
        </div>
      )}
      <ErrorNote error={action.error ?? users.error} />
      <table className="table" data-testid="user-list">
        <thead>
          <tr>
            <th>Email</th>
            <th>Name</th>
            <th>Role</th>
            <th>Created</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(users.data?.data ?? []).map((user) => (
            <tr key={user.id}>
              <td>
                {user.email}
                {user.id === session.user.id && <span className="muted"> (you)</span>}
              </td>
              <td>{user.name}</td>
              <td>
                <select
                  aria-label={`Role of ${user.email}`}
                  value={user.role}
                  disabled={action.busy}
                  onChange={(e) => changeRole(user, e.target.value as UserRole)}
                  style={{ width: 'auto' }}
                >
                  {ROLES.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              </td>
              <td title={user.createdAt}>{timeAgo(user.createdAt)}</td>
              <td className="actions">
                <button className="small danger" disabled={action.busy} onClick={() => remove(user)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
