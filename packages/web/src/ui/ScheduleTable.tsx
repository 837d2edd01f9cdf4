import type { Schedule } from '@assay/schema';
import { Link } from 'wouter';
import { api } from '../api';
import { ErrorNote } from './ErrorNote';
import { timeAgo } from './format';
import { EnabledPill } from './EnabledPill';
import { confirmed, useAction } from './use-action';

/** How many upcoming fire times a row lists (the API returns five). */
const FIRE_TIMES_SHOWN = 3;

/**
 * Schedules with enable/disable and delete. `workflowNames` given: a workflow column links to each
 * schedule's workflow (the workspace-wide list); absent: the table sits on one workflow's page.
 */
export function ScheduleTable({
  schedules,
  canChange,
  workflowNames,
  onChanged,
}: {
  schedules: Schedule[];
  canChange: boolean;
  workflowNames?: Map<string, string>;
  onChanged(): void;
}) {
  const action = useAction();
  const change = (work: () => Promise<unknown>) =>
    void action.run(async () => {
      await work();
      onChanged();
    });
  const remove = (schedule: Schedule) => {
    if (!confirmed(`Delete the schedule "${schedule.name ?? schedule.cron}"? The runs it started stay.`)) return;
    change(() => api.schedules.delete(schedule.id));
  };
  const columns = workflowNames ? 7 : 6;

  return (
    <>
      <ErrorNote error={action.error} />
      <table className="table" data-testid="schedule-list">
        <thead>
          <tr>
            {workflowNames && <th>Workflow</th>}
            <th>Cron</th>
            <th>Timezone</th>
            <th>Input</th>
            <th>Enabled</th>
            <th>Next fires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {schedules.map((schedule) => (
            <tr key={schedule.id}>
              {workflowNames && (
                <td>
                  <Link href={`/workflows/${schedule.workflowId}/settings`}>
                    {workflowNames.get(schedule.workflowId) ?? schedule.workflowId}
                  </Link>
                </td>
              )}
              <td>
                <code>{schedule.cron}</code>
                {schedule.name && <div className="muted">{schedule.name}</div>}
              </td>
              <td>{schedule.timezone}</td>
              <td>
                <code className="details">{JSON.stringify(schedule.input)}</code>
              </td>
              <td>
                <EnabledPill enabled={schedule.enabled} />
              </td>
              <td>
                {schedule.nextFireTimes.length > 0 ? (
                  <ul className="fire-times">
                    {schedule.nextFireTimes.slice(0, FIRE_TIMES_SHOWN).map((time) => (
                      <li key={time}>{new Date(time).toLocaleString()}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">—</span>
                )}
                {schedule.lastFireAt && (
                  <div className="muted">
                    last {timeAgo(schedule.lastFireAt)}
                    {schedule.lastRunId && (
                      <>
                        {' '}
                        (<Link href={`/runs/${schedule.lastRunId}`}>run</Link>)
                      </>
                    )}
                  </div>
                )}
              </td>
              <td className="actions">
                {canChange && (
                  <>
                    <button
                      className="small"
                      disabled={action.busy}
                      onClick={() => change(() => api.schedules.update(schedule.id, { enabled: !schedule.enabled }))}
                    >
                      {schedule.enabled ? 'Disable' : 'Enable'}
                    </button>{' '}
                    <button className="small danger" disabled={action.busy} onClick={() => remove(schedule)}>
                      Delete
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
          {schedules.length === 0 && (
            <tr>
              <td colSpan={columns} className="muted">
                No schedules.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
