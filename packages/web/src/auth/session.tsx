import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Session } from '@assay/schema';
import { api, setCsrfToken, whenSignedOut } from '../api';

/** The signed-in user, their workspace and role, and the CSRF token (the API's own type). */
export type { Session };

interface SessionState {
  session: Session;
  signOut(): Promise<void>;
  /** What the signed-in role may do; the API enforces the same rules. */
  can: { edit: boolean; run: boolean; admin: boolean };
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside <SessionGate>');
  return state;
}

type Gate =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'sign-in' }
  | { kind: 'signed-in'; session: Session }
  | { kind: 'offline'; message: string };

/** Shows the first-run page, the sign-in page, or the app for the signed-in user. */
export function SessionGate({
  setup,
  signIn,
  children,
}: {
  setup: (done: (session: Session) => void) => ReactNode;
  signIn: (done: (session: Session) => void) => ReactNode;
  children: ReactNode;
}) {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });

  const enter = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setGate({ kind: 'signed-in', session });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        // One request that answers 200 signed in or not: a 401 here would be a console error on every signed-out visit.
        const { session, setupNeeded } = await api.auth.state();
        if (cancelled) return;
        if (session) return enter(session);
        setGate({ kind: setupNeeded ? 'setup' : 'sign-in' });
      } catch (error) {
        if (!cancelled) setGate({ kind: 'offline', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [enter]);

  // A session that ends under the user's feet (expiry, removal) brings back the sign-in page.
  useEffect(() => {
    whenSignedOut(() => {
      setCsrfToken(undefined);
      setGate({ kind: 'sign-in' });
    });
  }, []);

  const signOut = useCallback(async () => {
    await api.auth.signOut().catch(() => undefined);
    setCsrfToken(undefined);
    setGate({ kind: 'sign-in' });
  }, []);

  switch (gate.kind) {
    case 'loading':
      return <div className="center muted">Loading…</div>;
    case 'offline':
      return <div className="center error-note">Assay is not reachable: {gate.message}</div>;
    case 'setup':
      return <>{setup(enter)}</>;
    case 'sign-in':
      return <>{signIn(enter)}</>;
    case 'signed-in': {
      const { role } = gate.session;
      const can = { edit: role !== 'viewer', run: role !== 'viewer', admin: role === 'admin' };
      return <SessionContext.Provider value={{ session: gate.session, signOut, can }}>{children}</SessionContext.Provider>;
    }
  }
}
