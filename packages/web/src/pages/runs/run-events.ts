import type { AssayEvent, Run, RunError, RunStatus, StepStatus } from '@assay/schema';

/** Run events after which the run record holds something new (output, error, artifacts): read it again. */
export const RUN_FINISHED_EVENTS: ReadonlySet<string> = new Set(['run.completed', 'run.failed', 'run.cancelled']);

const STEP_STATUS_OF: Record<string, StepStatus> = {
  'step.started': 'running',
  'step.retrying': 'pending',
  'step.completed': 'completed',
  'step.failed': 'failed',
  'step.skipped': 'skipped',
  'step.cancelled': 'cancelled',
};

const RUN_STATUS_OF: Record<string, RunStatus> = { 'run.queued': 'queued', 'run.started': 'running', 'run.waiting': 'waiting' };

/**
 * The run as one live event leaves it. Only the step the event names gets a new object: every other
 * step (and the run's input, output, artifacts) keeps its identity, so memoised views of them do not
 * render again. Events about steps the run does not list (a map's inner steps) change nothing.
 */
export function applyEvent(run: Run, event: AssayEvent): Run {
  const runStatus = RUN_STATUS_OF[event.type];
  if (runStatus) return run.status === runStatus ? run : { ...run, status: runStatus };
  const status = STEP_STATUS_OF[event.type];
  if (!status || !event.stepId) return run;
  const index = run.steps.findIndex((step) => step.id === event.stepId);
  const step = run.steps[index];
  if (!step) return run;
  const data = event.data as {
    attempt?: number;
    startedAt?: string | null;
    completedAt?: string | null;
    durationMs?: number | null;
    error?: RunError | null;
  };
  const steps = run.steps.slice();
  steps[index] = {
    ...step,
    status,
    attempts: data.attempt ?? step.attempts,
    startedAt: data.startedAt !== undefined ? data.startedAt : step.startedAt,
    completedAt: status === 'running' ? null : data.completedAt !== undefined ? data.completedAt : step.completedAt,
    durationMs: status === 'running' ? null : data.durationMs !== undefined ? data.durationMs : step.durationMs,
    error: status === 'running' ? null : data.error !== undefined ? data.error : step.error,
  };
  // A step starting means the run is running, even if the run.started event was missed.
  const nextStatus: RunStatus = status === 'running' && (run.status === 'queued' || run.status === 'waiting') ? 'running' : run.status;
  return { ...run, status: nextStatus, steps };
}

/** One tool call of an agent step as the live stream reports it, before the step's transcript exists. */
export interface LiveToolCall {
  callId: string;
  tool: string;
  state: 'running' | 'ok' | 'failed';
  ms?: number;
  error?: string;
}

/** Tool calls by step id, as the stream has reported them so far. */
export type LiveToolCalls = Readonly<Record<string, readonly LiveToolCall[]>>;

/** The live tool calls after one event (the same object when the event is not about a tool call). */
export function applyToolEvent(calls: LiveToolCalls, event: AssayEvent): LiveToolCalls {
  if ((event.type !== 'step.tool_called' && event.type !== 'step.tool_completed') || !event.stepId) return calls;
  const data = event.data as { callId?: string; tool?: string; ms?: number; ok?: boolean; error?: string };
  const callId = String(data.callId ?? '');
  const list = (calls[event.stepId] ?? []).filter((call) => call.callId !== callId);
  const call: LiveToolCall =
    event.type === 'step.tool_called'
      ? { callId, tool: String(data.tool ?? ''), state: 'running' }
      : { callId, tool: String(data.tool ?? ''), state: data.ok ? 'ok' : 'failed', ms: data.ms, error: data.error };
  return { ...calls, [event.stepId]: [...list, call] };
}
