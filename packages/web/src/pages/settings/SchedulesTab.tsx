import { api } from '../../api';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { ScheduleTable } from '../../ui/ScheduleTable';
import { useWorkflows } from '../../ui/use-workflows';

/** Every schedule of the workspace. New schedules are made on a workflow's settings page. */
export function SchedulesTab() {
  const { can } = useSession();
  const schedules = useQuery({ queryKey: keys.schedules.list({ limit: 1000 }), queryFn: () => api.schedules.list({ limit: 1000 }) });
  const invalidate = useInvalidate();
  const workflows = useWorkflows();
  return (
    <div>
      <p className="muted">To add a schedule, open a workflow's settings (Workflows → a workflow → Settings).</p>
      <ErrorNote error={schedules.error ?? workflows.error} />
      {schedules.isPending ? (
        <p className="muted">Loading…</p>
      ) : (
        <ScheduleTable
          schedules={schedules.data?.data ?? []}
          canChange={can.edit}
          workflowNames={workflows.names}
          onChanged={() => invalidate(keys.schedules.all)}
        />
      )}
    </div>
  );
}
