import { useState, type FormEvent } from 'react';
import type { DeliverableEventType, Workflow } from '@assay/schema';
import type { EventEndpointWithSecret } from '@assay/sdk';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { useAction } from '../../ui/use-action';

/** The events an endpoint can receive, typed against the schema so a new one fails the check here. */
const EVENT_HINTS = {
  'run.completed': 'a run finished with its output',
  'run.failed': 'a run failed',
  'run.cancelled': 'a run was cancelled',
  'batch.completed': 'every run of a batch finished',
  'batch.budget_exceeded': "a batch's model calls reached its budget: its other runs are held",
  'approval.requested': "a run's approval step waits for a person's decision",
  'approval.decided': 'a person (or the timeout) decided an approval: the run goes on',
  'evaluation.completed': 'an evaluation ran every row on every version and scored them',
} satisfies Record<DeliverableEventType, string>;
const EVENTS = Object.keys(EVENT_HINTS) as DeliverableEventType[];

/** Creates an event endpoint; the caller shows the returned secret once. */
export function EndpointForm({ workflows, onCreated }: { workflows: Workflow[]; onCreated(endpoint: EventEndpointWithSecret): void }) {
  const action = useAction();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<DeliverableEventType[]>(['run.completed', 'run.failed']);
  const [workflowId, setWorkflowId] = useState('');

  const toggle = (event: DeliverableEventType, on: boolean) =>
    setEvents((current) => (on ? EVENTS.filter((e) => e === event || current.includes(e)) : current.filter((e) => e !== event)));

  const create = (submit: FormEvent) => {
    submit.preventDefault();
    void action.run(async () => {
      const endpoint = await api.eventEndpoints.create({ url: url.trim(), events, workflowId: workflowId || undefined });
      setUrl('');
      onCreated(endpoint);
    });
  };

  return (
    <form className="card settings-form" onSubmit={create} aria-label="Create an event endpoint">
      <label className="wide">
        URL <span className="hint">receives signed POSTs (Standard Webhooks)</span>
        <input
          name="endpoint-url"
          type="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          required
          placeholder="https://example.com/assay-events"
        />
      </label>
      <fieldset className="wide event-choices" aria-label="Events">
        {EVENTS.map((event) => (
          <label key={event} className="inline" title={EVENT_HINTS[event]}>
            <input
              type="checkbox"
              name={`event-${event}`}
              checked={events.includes(event)}
              onChange={(e) => toggle(event, e.target.checked)}
            />
            <code>{event}</code>
          </label>
        ))}
      </fieldset>
      <label>
        Workflow <span className="hint">optional: only its events</span>
        <select name="endpoint-workflow" value={workflowId} onChange={(e) => setWorkflowId(e.target.value)}>
          <option value="">Every workflow</option>
          {workflows
            .filter((workflow) => !workflow.archivedAt)
            .map((workflow) => (
              <option key={workflow.id} value={workflow.id}>
                {workflow.name}
              </option>
            ))}
        </select>
      </label>
      <div className="buttons">
        <button className="primary" type="submit" disabled={action.busy || !url.trim() || events.length === 0}>
          Create endpoint
        </button>
      </div>
      <div className="wide">
        <ErrorNote error={action.error} />
      </div>
    </form>
  );
}
