import { useQuery } from '@tanstack/react-query';
import type { Workflow } from '@assay/schema';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { ScheduleTable } from '../../ui/ScheduleTable';
import { exampleInput } from './curl-example';
import { ScheduleForm } from './ScheduleForm';

/** The schedules of one workflow: list, add, enable/disable, delete. */
export function WorkflowSchedules({ workflow, canChange }: { workflow: Workflow; canChange: boolean }) {
  const filters = { workflowId: workflow.id, limit: 1000 };
  const schedules = useQuery({ queryKey: keys.schedules.list(filters), queryFn: () => api.schedules.list(filters) });
  const invalidate = useInvalidate();
  const changed = () => invalidate(keys.schedules.all);
  return (
    <section className="card" aria-label="Schedules">
      <h2>Schedules</h2>
      <p className="muted">Runs the workflow at each time the cron expression matches, read in the schedule's time zone.</p>
      {canChange && <ScheduleForm workflowId={workflow.id} exampleInput={exampleInput(workflow.definition.inputs)} onCreated={changed} />}
      <ErrorNote error={schedules.error} />
      <ScheduleTable schedules={schedules.data?.data ?? []} canChange={canChange} onChanged={changed} />
    </section>
  );
}
