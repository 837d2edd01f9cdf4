import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorNote } from '../ui/ErrorNote';
import { useAction } from '../ui/use-action';
import type { Session } from './session';

/** Sign-in, or (`setup`) the first-run form that creates the workspace's owner. */
export function SignInPage({ setup, onSignedIn }: { setup: boolean; onSignedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    await action.run(async () => {
      const session = setup ? await api.auth.setup({ email, name, password }) : await api.auth.signIn({ email, password });
      onSignedIn(session);
    });
  }

  return (
    <div className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-label={setup ? 'Create the owner account' : 'Sign in'}>
        <h1>Assay</h1>
        <p className="muted">
          {setup ? 'Welcome. Create the owner account of this Assay: it can invite everyone else.' : 'Sign in to your workspace.'}
        </p>
        {setup && (
          <label>
            Name
            <input name="name" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" />
          </label>
        )}
        <label>
          Email
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="email" />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={8}
            autoComplete={setup ? 'new-password' : 'current-password'}
          />
        </label>
        <ErrorNote error={action.error} />
        <button className="primary" type="submit" disabled={action.busy}>
          {setup ? 'Create account' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
