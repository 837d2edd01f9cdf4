import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { ErrorNote } from '../../ui/ErrorNote';
import { useAction } from '../../ui/use-action';

/** The browser's own time zone, the likeliest one for a new schedule. */
const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Creates a schedule of one workflow: cron + time zone + fixed input (JSON), enabled or not. */
export function ScheduleForm({
  workflowId,
  exampleInput,
  onCreated,
}: {
  workflowId: string;
  exampleInput: Record<string, unknown>;
  onCreated(): void;
}) {
  const action = useAction();
  const [cron, setCron] = useState('0 9 * * 1-5');
  const [timezone, setTimezone] = useState(LOCAL_ZONE);
  const [input, setInput] = useState(() => JSON.stringify(exampleInput, null, 2));
  const [enabled, setEnabled] = useState(true);

  const create = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      await api.schedules.create(workflowId, { cron: cron.trim(), timezone: timezone.trim(), input: parseInput(input), enabled });
      onCreated();
    });
  };

  return (
    <form className="settings-form" onSubmit={create} aria-label="New schedule">
      <label>
        Cron <span className="hint">5 fields, e.g. 0 9 * * 1-5</span>
        <input name="schedule-cron" value={cron} onChange={(e) => setCron(e.target.value)} required />
      </label>
      <label>
        Time zone <span className="hint">IANA name</span>
        <input name="schedule-timezone" value={timezone} onChange={(e) => setTimezone(e.target.value)} required placeholder="UTC" />
      </label>
      <label className="inline">
        <input type="checkbox" name="schedule-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Enabled
      </label>
      <label className="wide">
        Input <span className="hint">JSON object given to every run</span>
        <textarea className="code" name="schedule-input" value={input} onChange={(e) => setInput(e.target.value)} rows={4} />
      </label>
      <div className="buttons">
        <button className="primary" type="submit" disabled={action.busy || !cron.trim()}>
          Add schedule
        </button>
      </div>
      <div className="wide">
        <ErrorNote error={action.error} />
      </div>
    </form>
  );
}

/** The input box's JSON, checked here so a typo is named before the request. */
function parseInput(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('Input must be a JSON object');
  return value as Record<string, unknown>;
}
