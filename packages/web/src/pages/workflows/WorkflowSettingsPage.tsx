import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../ui/ErrorNote';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { TriggerSection } from './TriggerSection';
import { WorkflowSchedules } from './WorkflowSchedules';
import '../../ui/settings.css';

/** How a workflow starts on its own: its webhook trigger and its schedules. Viewers read only. */
export function WorkflowSettingsPage({ workflowId }: { workflowId: string }) {
  const { can } = useSession();
  // The trigger form starts from the workflow as it is now (the editor changes it outside the cache).
  const workflow = useQuery({
    queryKey: keys.workflows.detail(workflowId),
    queryFn: () => api.workflows.get(workflowId),
    refetchOnMount: 'always',
  });
  if (!workflow.data || !workflow.isFetchedAfterMount)
    return workflow.error ? <ErrorNote error={workflow.error} /> : <div className="muted">Loading…</div>;
  const current = workflow.data;
  return (
    <div>
      <PageHeader
        title={
          <>
            <Link href={`/workflows/${current.id}`}>{current.name}</Link> <span className="muted">· settings</span>
          </>
        }
      >
        <Link className="button" href={`/evaluations/new?workflowId=${encodeURIComponent(current.id)}`}>
          Evaluate versions
        </Link>
        <Link className="button" href={`/workflows/${current.id}`}>
          Back to the editor
        </Link>
      </PageHeader>
      {current.archivedAt && <p className="notice">This workflow is archived: its trigger and schedules start no runs.</p>}
      {!can.edit && <p className="notice">You can read these settings; changing them needs an editor or admin.</p>}
      {/* Keyed by id so a different workflow starts from its own trigger, not the previous form. */}
      <TriggerSection key={current.id} workflow={current} canChange={can.edit} />
      <WorkflowSchedules workflow={current} canChange={can.edit} />
    </div>
  );
}
