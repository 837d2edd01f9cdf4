import type { Run, RunStatus } from '@assay/schema';
import { AssayTimeoutError } from './errors';
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
}

/** How to poll a run until it finishes. */
export interface WaitOptions {
  /** Delay between polls (default 1000 ms). */
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
    const body = { input: options.input ?? {}, ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}) };
    const query = { wait: options.wait };
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflows/${segment(workflowId)}/runs`, { body, headers, query })).data;
  }

  /** One run with its steps and artifacts. */
  async get(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('GET', `/v1/workflow-runs/${segment(id)}`)).data;
  }

  /** One page of runs (of one workflow with `workflowId`), newest first by default. */
  list(query: RunListOptions = {}): Promise<Page<RunSummary>> {
    const { workflowId, status, ...rest } = query;
    const path = workflowId ? `/v1/workflows/${segment(workflowId)}/runs` : '/v1/workflow-runs';
    return this.http.request('GET', path, { query: { ...rest, status: Array.isArray(status) ? status.join(',') : status } });
  }

  /** Resumes a failed or cancelled run from the step that failed, keeping completed steps' outputs. */
  async retry(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/retry`)).data;
  }

  /** Starts a new run with a finished run's input (linked to it by `parentRunId`). */
  async rerun(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/rerun`)).data;
  }

  /** Cancels an in-progress run (the step in flight is aborted). */
  async cancel(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${segment(id)}/cancel`)).data;
  }

  /** Polls a run until it is completed, failed or cancelled, and resolves with it. */
  async waitFor(id: string, options: WaitOptions = {}): Promise<Run> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const run = await this.get(id);
      const fingerprint = JSON.stringify([run.status, run.steps.map((s) => [s.status, s.attempts])]);
      if (fingerprint !== last) options.onChange?.(run);
      last = fingerprint;
      if (TERMINAL_STATUSES.has(run.status)) return run;
      const left = deadline - Date.now();
      if (left <= 0) throw new AssayTimeoutError(run, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(options.intervalMs ?? 1000, left)));
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
