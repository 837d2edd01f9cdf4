import type { ComponentType } from 'react';
import { Link } from 'wouter';
import { PageHeader } from '../../ui/Layout';
import { AuditTab } from './AuditTab';
import { CredentialsTab } from './CredentialsTab';
import { DatasetsTab } from './DatasetsTab';
import { EndpointsTab } from './EndpointsTab';
import { KeysTab } from './KeysTab';
import { McpServersTab } from './McpServersTab';
import { SchedulesTab } from './SchedulesTab';
import { TriggersTab } from './TriggersTab';
import { UsersTab } from './UsersTab';
import '../../ui/settings.css';

/** The tabs in display order; the key is the URL segment (`/settings/<key>`). */
const TABS: ReadonlyArray<{ key: string; label: string; component: ComponentType }> = [
  { key: 'keys', label: 'API keys', component: KeysTab },
  { key: 'users', label: 'Users', component: UsersTab },
  { key: 'credentials', label: 'Credentials', component: CredentialsTab },
  { key: 'mcp', label: 'MCP servers', component: McpServersTab },
  { key: 'datasets', label: 'Datasets', component: DatasetsTab },
  { key: 'endpoints', label: 'Event endpoints', component: EndpointsTab },
  { key: 'triggers', label: 'Triggers', component: TriggersTab },
  { key: 'schedules', label: 'Schedules', component: SchedulesTab },
  { key: 'audit', label: 'Audit log', component: AuditTab },
];

/** Workspace settings, one tab per resource; an unknown tab in the URL falls back to the first. */
export function SettingsPage({ tab }: { tab: string }) {
  const current = TABS.find((candidate) => candidate.key === tab) ?? TABS[0]!;
  const Tab = current.component;
  return (
    <div>
      <PageHeader title="Settings" />
      <nav className="tabs" aria-label="Settings sections">
        {TABS.map((candidate) => (
          <Link
            key={candidate.key}
            href={`/settings/${candidate.key}`}
            className={candidate === current ? 'active' : ''}
            aria-current={candidate === current ? 'page' : undefined}
          >
            {candidate.label}
          </Link>
        ))}
      </nav>
      <Tab />
    </div>
  );
}
