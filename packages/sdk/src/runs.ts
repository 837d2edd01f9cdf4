import type { AssayEvent, Budget, Run, RunDiff, RunMetadata, RunStatus, SetBudgetBody } from '@assay/schema';
import { AssayTimeoutError } from './errors';
import { readEventStream, type StreamOptions } from './events';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** A run as lists show it (without steps and artifacts). */
export type RunSummary = Omit<Run, 'steps' | 'artifacts'>;

/** The body (and headers) of a new run. */
export interface CreateRunOptions {
  /** The run's input, checked against the workflow's `inputs`. */
  input?: Record<string, unknown>;
  /** A repeated key returns the run it created the first time instead of starting another (sent as `Idempotency-Key`). */
  idempotencyKey?: string;
  /** A URL the server posts the finished run to. */
  callbackUrl?: string;
  /** Seconds the server waits for the run to finish before answering (0–60). */
  wait?: number;
  /** The run's spending limit on model calls (default: the workflow's `budget`). */
  budget?: Budget;
  /** The workflow version to run (default: the current one). */
  version?: number;
  /**
   * Your own keys kept beside the run, returned on it and filterable in `list` (at most 16 keys of
   * `[A-Za-z0-9_.-]`, values strings, numbers or booleans of at most 256 characters, 4 KB in all).
   */
  metadata?: RunMetadata;
}

/** Filters of the run lists. */
export interface RunListOptions extends ListOptions {
  /** Only this workflow's runs. */
  workflowId?: string;
  /** Only runs in this status (or any of these). */
  status?: RunStatus | RunStatus[];
  batchId?: string;
  /** ISO timestamps bounding `createdAt`. */
  createdAfter?: string;
  createdBefore?: string;
  /** Only runs whose metadata holds each of these values (exact match on the string form; up to 4 keys). */
  metadata?: Record<string, string>;
}

/** How to poll a run until it finishes. */
export interface WaitOptions {
  /** Delay between polls, when polling (default 1000 ms). */
  intervalMs?: number;
  /** Give up (AssayTimeoutError) after this long (default 10 minutes; Infinity: never). */
  timeoutMs?: number;
  /** Called with the run whenever its status or a step's status or attempts change (and with the first read). */
  onChange?: (run: Run) => void;
}

/** The statuses a run never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<RunStatus> = new Set<RunStatus>(['completed', 'failed', 'cancelled']);

const DEFAULT_TIMEOUT_MS = 600_000;
/** The server answers `?wait=` for at most this many seconds. */
const MAX_SERVER_WAIT_SECONDS = 60;

/** `/v1/workflow-runs` and each workflow's runs. */
export class Runs {
  constructor(private readonly http: HttpClient) {}

  /** Starts a run of the workflow's current version; answers at once unless `wait` is given. */
  async create(workflowId: string, options: CreateRunOptions = {}): Promise<Run> {
    const headers = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : undefined;
    const body = {
      input: options.input ?? {},
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
      ...(options.budget ? { budget: options.budget } : {}),
      ...(options.version !== undefined ? { version: options.version } : {}),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    };
    const query = { wait: options.wait };
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflows/${segment(workflowId)}/runs`, { body, headers, query })).data;
  }

  /** One run with its steps and artifacts. */
  async get(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('GET', `/v1/workflow-runs/${segment(id)}`)).data;
  }

  /** One page of runs (of one workflow with `workflowId`), newest first by default. */
  list(query: RunListOptions = {}): Promise<Page<RunSummary>> {
    const { workflowId, status, metadata, ...rest } = query;
    const path = workflowId ? `/v1/workflows/${segment(workflowId)}/runs` : '/v1/workflow-runs';
    const filters = Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [`metadata.${key}`, value]));
    return this.http.request('GET', path, { query: { ...rest, ...filters, status: Array.isArray(status) ? status.join(',') : status } });
  }

  /** Resumes a failed or cancelled run from the step that failed, keeping completed steps' outputs. */
  async retry(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/retry`)).data;
  }

  /**
   * Runs a finished run again on `version` (default: the current one), reusing the recorded output of
   * every step whose type and resolved config did not change: only what changed executes.
   */
  async replay(id: string, options: { version?: number } = {}): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/replay`, { body: options })).data;
  }

  /**
   * Starts a new run with a finished run's input (linked to it by `parentRunId`), on the original's
   * version unless `version` names another (or `current`).
   */
  async rerun(id: string, options: { version?: number | 'current' } = {}): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/rerun`, { body: options })).data;
  }

  /** Cancels an in-progress run (the step in flight is aborted). */
  async cancel(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/cancel`)).data;
  }

  /**
   * Changes an unfinished run's budget (a limit given replaces the old one, `null` removes it): a
   * run waiting over its budget resumes from its checkpoints.
   */
  async setBudget(id: string, budget: SetBudgetBody): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/budget`, { body: budget })).data;
  }

  /**
   * Sends the run a signal for its `wait.signal` step of that name: the step outputs `payload` (checked
   * against the step's schema). A signal sent before the run reaches the step is kept for it.
   */
  async signal(id: string, name: string, payload?: unknown): Promise<{ runId: string; name: string; payload: unknown }> {
    return (
      await this.http.request<{ data: { runId: string; name: string; payload: unknown } }>(
        'POST',
        `/v1/workflow-runs/${segment(id)}/signals/${segment(name)}`,
        { body: { payload: payload ?? null } },
      )
    ).data;
  }

  /**
   * What differs between two runs of the workspace (`a` before, `b` after; typically the same input on
   * two workflow versions): status, input, output and each step's output field by field, and their
   * documents (text ones as unified diffs, other files by size and SHA-256).
   */
  async diff(a: string, b: string): Promise<RunDiff> {
    return (await this.http.request<{ data: RunDiff }>('GET', `/v1/workflow-runs/${segment(a)}/diff/${segment(b)}`)).data;
  }

  /**
   * The run's events as they happen (Server-Sent Events): from its start, or after `options.after`;
   * ends when the run finishes. Reconnects by itself without missing an event.
   */
  events(id: string, options: StreamOptions = {}): AsyncGenerator<AssayEvent> {
    return readEventStream(this.http, `/v1/workflow-runs/${segment(id)}/events`, {}, options);
  }

  /**
   * Resolves with the run once it is completed, failed or cancelled: follows its event stream, and
   * polls instead when the stream cannot be used (a proxy that buffers, an older server).
   */
  async waitFor(id: string, options: WaitOptions = {}): Promise<Run> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const report = changeReporter(options.onChange);
    // Longer than a timer can hold: no timeout at all.
    const timeout = timeoutMs < 2 ** 31 - 1 ? AbortSignal.timeout(Math.max(1, timeoutMs)) : undefined;
    try {
      if (options.onChange) report(await this.get(id));
      for await (const event of this.events(id, { signal: timeout })) {
        if (options.onChange && event.type !== 'run.queued') report(await this.get(id));
      }
      const run = await this.get(id);
      report(run);
      if (TERMINAL_STATUSES.has(run.status)) return run;
      if (timeout?.aborted) throw new AssayTimeoutError(run, timeoutMs);
    } catch (error) {
      if (error instanceof AssayTimeoutError) throw error;
      // The stream could not be used: poll for the time that is left (a missing run fails there).
    }
    return this.pollUntilDone(id, Math.max(0, deadline - Date.now()), options.intervalMs ?? 1000, report);
  }

  /** Polls a run until it is completed, failed or cancelled, and resolves with it (no event stream). */
  poll(id: string, options: WaitOptions = {}): Promise<Run> {
    return this.pollUntilDone(id, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.intervalMs ?? 1000, changeReporter(options.onChange));
  }

  private async pollUntilDone(id: string, timeoutMs: number, intervalMs: number, report: (run: Run) => void): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.get(id);
      report(run);
      if (TERMINAL_STATUSES.has(run.status)) return run;
      const left = deadline - Date.now();
      if (left <= 0) throw new AssayTimeoutError(run, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, left)));
    }
  }

  /**
   * Creates a run and resolves with it once completed, failed or cancelled: the server holds the
   * answer for up to `body.wait` seconds (default 30, bounded by the timeout), then this polls.
   */
  async createAndWait(workflowId: string, body: CreateRunOptions = {}, options: Omit<WaitOptions, 'onChange'> = {}): Promise<Run> {
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const wait = Math.max(0, Math.min(body.wait ?? 30, MAX_SERVER_WAIT_SECONDS, Math.floor(timeoutMs / 1000)));
    const run = await this.create(workflowId, { ...body, wait });
    if (TERMINAL_STATUSES.has(run.status)) return run;
    return this.waitFor(run.id, { ...options, timeoutMs: Math.max(0, timeoutMs - (Date.now() - started)) });
  }
}

/** Calls `onChange` with a run only when its status or a step's status or attempts changed. */
function changeReporter(onChange: ((run: Run) => void) | undefined): (run: Run) => void {
  let last = '';
  return (run) => {
    const fingerprint = JSON.stringify([run.status, run.steps.map((s) => [s.status, s.attempts])]);
    if (fingerprint !== last) onChange?.(run);
    last = fingerprint;
  };
}
