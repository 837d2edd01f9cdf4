import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { useLoad } from '../../ui/use-load';
import { ScheduleTable } from '../../ui/ScheduleTable';
import { useWorkflows } from '../../ui/use-workflows';

/** Every schedule of the workspace. New schedules are made on a workflow's settings page. */
export function SchedulesTab() {
  const { can } = useSession();
  const schedules = useLoad(() => api.schedules.list({ limit: 1000 }), []);
  const workflows = useWorkflows();
  return (
    <div>
      <p className="muted">To add a schedule, open a workflow's settings (Workflows → a workflow → Settings).</p>
      <ErrorNote error={schedules.error ?? workflows.error} />
      {schedules.loading && !schedules.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <ScheduleTable
          schedules={schedules.data?.data ?? []}
          canChange={can.edit}
          workflowNames={workflows.names}
          onChanged={schedules.reload}
        />
      )}
    </div>
  );
}
