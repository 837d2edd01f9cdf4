import type { ApiKey, KeyScope, Run, Workflow, WorkflowDefinitionInput, WorkflowVersion } from '@assay/schema';
import type { HttpClient } from './http';

/** A page of a list: `nextCursor` goes into `lt` for the next page. */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

export interface ListOptions {
  limit?: number;
  lt?: string;
  gt?: string;
  page?: number;
  direction?: 'asc' | 'desc';
}

/** A run as lists show it (without steps). */
export type RunSummary = Omit<Run, 'steps' | 'artifacts'>;

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

/** `/v1/workflows`. */
export class Workflows {
  constructor(private readonly http: HttpClient) {}

  list(options: ListOptions & { search?: string; archived?: boolean } = {}): Promise<Page<Workflow>> {
    return this.http.request('GET', '/v1/workflows', { query: { ...options } });
  }
  async get(id: string): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('GET', `/v1/workflows/${id}`)).data;
  }
  async create(definition: WorkflowDefinitionInput): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('POST', '/v1/workflows', { body: definition })).data;
  }
  /** Saves a new version. */
  async update(id: string, definition: WorkflowDefinitionInput): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('PUT', `/v1/workflows/${id}`, { body: definition })).data;
  }
  async archive(id: string): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('DELETE', `/v1/workflows/${id}`)).data;
  }
  versions(id: string, options: ListOptions = {}): Promise<Page<WorkflowVersion>> {
    return this.http.request('GET', `/v1/workflows/${id}/versions`, { query: { ...options } });
  }
  /** Makes version N current by saving it as a new version. */
  async restore(id: string, version: number): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('POST', `/v1/workflows/${id}/versions/restore`, { body: { version } })).data;
  }
}

export interface CreateRunOptions {
  input?: Record<string, unknown>;
  idempotencyKey?: string;
  callbackUrl?: string;
  /** Seconds to wait for the run to finish before answering (at most 60). */
  wait?: number;
}

/** `/v1/workflow-runs` and a workflow's runs. */
export class Runs {
  constructor(private readonly http: HttpClient) {}

  async create(workflowId: string, options: CreateRunOptions = {}): Promise<Run> {
    const headers = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : undefined;
    const body = { input: options.input ?? {}, ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}) };
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflows/${workflowId}/runs`, { body, headers, query: { wait: options.wait } })).data;
  }
  async get(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('GET', `/v1/workflow-runs/${id}`)).data;
  }
  list(options: ListOptions & { workflowId?: string; status?: string; batchId?: string; createdAfter?: string; createdBefore?: string } = {}): Promise<Page<RunSummary>> {
    const { workflowId, ...query } = options;
    return this.http.request('GET', workflowId ? `/v1/workflows/${workflowId}/runs` : '/v1/workflow-runs', { query });
  }
  async retry(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${id}/retry`)).data;
  }
  async rerun(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${id}/rerun`)).data;
  }
  async cancel(id: string): Promise<Run> {
    return (await this.http.request<{ data: Run }>('POST', `/v1/workflow-runs/${id}/cancel`)).data;
  }

  /** Polls a run until it is completed, failed or cancelled; `onChange` sees every new state. */
  async waitFor(id: string, options: { intervalMs?: number; timeoutMs?: number; onChange?: (run: Run) => void } = {}): Promise<Run> {
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    let last = '';
    for (;;) {
      const run = await this.get(id);
      const fingerprint = JSON.stringify([run.status, run.steps.map((s) => [s.status, s.attempts])]);
      if (fingerprint !== last) options.onChange?.(run);
      last = fingerprint;
      if (TERMINAL.has(run.status)) return run;
      if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status} after ${options.timeoutMs ?? 600_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
    }
  }

  /** Creates a run and resolves with it once finished. */
  async createAndWait(workflowId: string, options: CreateRunOptions = {}, wait: { intervalMs?: number; timeoutMs?: number } = {}): Promise<Run> {
    const run = await this.create(workflowId, { ...options, wait: options.wait ?? 30 });
    return TERMINAL.has(run.status) ? run : this.waitFor(run.id, wait);
  }
}

/** `/v1/keys`. */
export class Keys {
  constructor(private readonly http: HttpClient) {}

  list(options: ListOptions = {}): Promise<Page<ApiKey>> {
    return this.http.request('GET', '/v1/keys', { query: { ...options } });
  }
  /** Creates a key; the answer's `secret` is shown only this once. */
  async create(key: { name: string; scope?: KeyScope }): Promise<ApiKey & { secret: string }> {
    return (await this.http.request<{ data: ApiKey & { secret: string } }>('POST', '/v1/keys', { body: key })).data;
  }
  async revoke(id: string): Promise<ApiKey> {
    return (await this.http.request<{ data: ApiKey }>('DELETE', `/v1/keys/${id}`)).data;
  }
  async current(): Promise<ApiKey> {
    return (await this.http.request<{ data: ApiKey }>('GET', '/v1/keys/current')).data;
  }
}
