import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useSession } from '../auth/session';
import { useLiveInvalidation } from './query/use-live-invalidation';

const SECTIONS = [
  { href: '/workflows', label: 'Workflows' },
  { href: '/templates', label: 'Templates' },
  { href: '/runs', label: 'Runs' },
  { href: '/inbox', label: 'Inbox' },
  { href: '/batches', label: 'Batches' },
  { href: '/evaluations', label: 'Evaluations' },
  { href: '/documents', label: 'Documents' },
  { href: '/settings', label: 'Settings' },
];

/** The frame of every signed-in page: the navigation bar and the page's content. */
export function Layout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const { session, signOut } = useSession();
  // One live subscription for every signed-in page's lists.
  useLiveInvalidation();
  return (
    <div className="app">
      <header className="topbar">
        <Link href="/workflows" className="brand">
          Assay
        </Link>
        <nav>
          {SECTIONS.map((section) => (
            <Link key={section.href} href={section.href} className={location.startsWith(section.href) ? 'active' : ''}>
              {section.label}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span title={session.user.email}>{session.user.name || session.user.email}</span>
          <span className="role">{session.role}</span>
          <button className="link" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

/** A page's title row with its actions on the right. */
export function PageHeader({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="page-header">
      <h1>{title}</h1>
      <div className="actions">{children}</div>
    </div>
  );
}
