import type { Batch, BatchStatus, Run, RunStatus, SetBudgetBody } from '@assay/schema';
import { AssayApiError } from './errors';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** A run as batch run lists show it (without steps and artifacts). */
type RunSummary = Omit<Run, 'steps' | 'artifacts'>;

/** How a batch runs. */
export interface BatchOptions {
  /** Run at most this many of the batch at once (default: no cap beyond the server's workers). */
  concurrency?: number;
  /** Priority of the batch's runs, -100..100 (default 0); higher is claimed first. */
  priority?: number;
  /** Run the valid rows and report the invalid ones on the batch instead of refusing the batch (400). */
  skipInvalid?: boolean;
  /** The workflow version every run runs (default: the current one). */
  version?: number;
}

/** Filters of the batch list. */
export interface BatchListOptions extends ListOptions {
  workflowId?: string;
  status?: BatchStatus;
}

/** Filters of a batch's run list. */
export interface BatchRunListOptions extends ListOptions {
  status?: RunStatus | RunStatus[];
}

export type ResultsFormat = 'csv' | 'jsonl';

/** How to follow a batch until it finishes. */
export interface BatchWaitOptions {
  /** Delay between reads (default 1000 ms). */
  intervalMs?: number;
  /** Give up (BatchTimeoutError) after this long (default: never). */
  timeoutMs?: number;
  /** Called with the batch after every read. */
  onProgress?: (batch: Batch) => void;
}

/** A batch did not finish within the time it was given; `batch` is its last known state. */
export class BatchTimeoutError extends Error {
  constructor(
    readonly batch: Batch,
    timeoutMs: number,
  ) {
    super(`batch ${batch.id} is still ${batch.status} (${Math.round(batch.progress * 100)}% done) after ${timeoutMs} ms`);
    this.name = 'BatchTimeoutError';
  }
}

/** Whether every run of the batch finished (a cancelled batch may still have runs finishing). */
export function batchFinished(batch: Batch): boolean {
  return batch.completedAt !== null;
}

/** `/v1/workflows/{id}/batches` and `/v1/batches`: run a workflow over a list, follow it, export its results. */
export class Batches {
  constructor(private readonly http: HttpClient) {}

  /** Starts one run per input object. */
  async create(workflowId: string, inputs: Array<Record<string, unknown>>, options: BatchOptions = {}): Promise<Batch> {
    return (
      await this.http.request<{ data: Batch }>('POST', `/v1/workflows/${segment(workflowId)}/batches`, { body: { inputs, ...options } })
    ).data;
  }

  /** Starts one run per row of a dataset; `mapping` is input name → column (default: columns named like the inputs). */
  async createFromDataset(
    workflowId: string,
    datasetId: string,
    mapping?: Record<string, string>,
    options: BatchOptions = {},
  ): Promise<Batch> {
    return (
      await this.http.request<{ data: Batch }>('POST', `/v1/workflows/${segment(workflowId)}/batches`, {
        body: { datasetId, ...(mapping ? { mapping } : {}), ...options },
      })
    ).data;
  }

  /**
   * Starts one run per row of a CSV text (a header row naming the inputs; cells are typed by the
   * inputs' declared types). Not retried: a batch created twice would run twice.
   */
  async createFromCsv(workflowId: string, csv: string, options: BatchOptions = {}): Promise<Batch> {
    const query = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Record<
      string,
      string | number | boolean
    >;
    return (
      await this.http.request<{ data: Batch }>('POST', `/v1/workflows/${segment(workflowId)}/batches`, {
        query,
        text: { content: csv, contentType: 'text/csv' },
      })
    ).data;
  }

  /** A batch with its counts per status, progress and throughput. */
  async get(id: string): Promise<Batch> {
    return (await this.http.request<{ data: Batch }>('GET', `/v1/batches/${segment(id)}`)).data;
  }

  /** One page of batches, newest first by default. */
  list(query: BatchListOptions = {}): Promise<Page<Batch>> {
    return this.http.request('GET', '/v1/batches', { query: { ...query } });
  }

  /** One page of the batch's runs (newest first by default; `direction: 'asc'` for input order). */
  runs(id: string, query: BatchRunListOptions = {}): Promise<Page<RunSummary>> {
    const { status, ...rest } = query;
    return this.http.request('GET', `/v1/batches/${segment(id)}/runs`, {
      query: { ...rest, status: Array.isArray(status) ? status.join(',') : status },
    });
  }

  /** The results as a byte stream (one line per run, in input order), to write to a file without holding it. */
  async resultsStream(id: string, format: ResultsFormat = 'csv'): Promise<ReadableStream<Uint8Array>> {
    const response = await this.http.open(`/v1/batches/${segment(id)}/results`, {
      query: { format },
      headers: { accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' },
    });
    if (!response.body) throw new AssayApiError(response.status, 'the results answer has no body', undefined, []);
    return response.body;
  }

  /** The results as text (CSV or JSON Lines). For large batches prefer `resultsStream`. */
  async results(id: string, format: ResultsFormat = 'csv'): Promise<string> {
    return new Response(await this.resultsStream(id, format)).text();
  }

  /** Cancels the batch's queued and waiting runs; runs already running finish. */
  async cancel(id: string): Promise<Batch> {
    return (await this.http.request<{ data: Batch }>('POST', `/v1/batches/${segment(id)}/cancel`)).data;
  }

  /** Changes the batch's budget; a batch held by its budget and now within it releases its runs. */
  async setBudget(id: string, budget: SetBudgetBody): Promise<Batch> {
    return (await this.http.request<{ data: Batch }>('POST', `/v1/batches/${segment(id)}/budget`, { body: budget })).data;
  }

  /** Queues the batch's failed and cancelled runs again (each resumes from the step that failed). */
  async retryFailed(id: string): Promise<Batch> {
    return (await this.http.request<{ data: Batch }>('POST', `/v1/batches/${segment(id)}/retry-failed`)).data;
  }

  /** Reads the batch until every run of it finished, and resolves with it. */
  async waitFor(id: string, options: BatchWaitOptions = {}): Promise<Batch> {
    const timeoutMs = options.timeoutMs ?? Infinity;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const batch = await this.get(id);
      options.onProgress?.(batch);
      if (batchFinished(batch)) return batch;
      const left = deadline - Date.now();
      if (left <= 0) throw new BatchTimeoutError(batch, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, Math.min(options.intervalMs ?? 1000, left)));
    }
  }
}
