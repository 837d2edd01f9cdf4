import type { ReactNode } from 'react';
import { useSession } from '../../auth/session';

/** Shows an admin-only tab to admins; others read why it is empty instead of a 403 from the API. */
export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { can, session } = useSession();
  if (can.admin) return <>{children}</>;
  return (
    <div className="notice" data-testid="admin-only">
      Only admins can {what}. You are signed in as {session.role}; ask an admin of this workspace.
    </div>
  );
}
