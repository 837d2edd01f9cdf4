import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import type { ListedWorkflow } from '@assay/sdk';
import { api } from '../../api';
import { EnabledPill } from '../../ui/EnabledPill';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { useWorkflows } from '../../ui/use-workflows';

/**
 * How each workflow starts on its own, in one list: its webhook trigger and how many schedules it
 * has, each row leading to that workflow's trigger settings (where they are changed).
 */
export function TriggersTab() {
  const workflows = useWorkflows();
  const schedules = useQuery({ queryKey: keys.schedules.list({ limit: 1000 }), queryFn: () => api.schedules.list({ limit: 1000 }) });
  const scheduleCount = new Map<string, number>();
  for (const schedule of schedules.data?.data ?? [])
    scheduleCount.set(schedule.workflowId, (scheduleCount.get(schedule.workflowId) ?? 0) + 1);
  const active = workflows.workflows.filter((workflow) => !workflow.archivedAt);
  // Workflows with a trigger or a schedule first, each group by name.
  const started = (workflow: ListedWorkflow) => workflow.trigger !== null || (scheduleCount.get(workflow.id) ?? 0) > 0;
  const rows = [...active].sort((a, b) => Number(started(b)) - Number(started(a)) || a.name.localeCompare(b.name));
  return (
    <div>
      <p className="muted">Every workflow's webhook trigger and schedules. Open a workflow's trigger settings to change them.</p>
      <ErrorNote error={workflows.error ?? schedules.error} />
      {workflows.loading && rows.length === 0 ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="settings-table-wrap">
          <table className="table" data-testid="trigger-list">
            <thead>
              <tr>
                <th>Workflow</th>
                <th>Webhook</th>
                <th>Verification</th>
                <th>Schedules</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((workflow) => (
                <tr key={workflow.id} data-workflow={workflow.id}>
                  <td>{workflow.name}</td>
                  <td>
                    {workflow.trigger ? (
                      <EnabledPill enabled={workflow.trigger.enabled} title={workflow.trigger.url} />
                    ) : (
                      <span className="muted">none</span>
                    )}
                  </td>
                  <td>{workflow.trigger?.verification ?? ''}</td>
                  <td>{scheduleCount.get(workflow.id) ?? 0}</td>
                  <td className="actions">
                    <Link href={`/workflows/${workflow.id}/settings`}>Trigger settings</Link>
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No workflows yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
