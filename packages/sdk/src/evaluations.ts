import type { CreateEvaluationBody, Evaluation, EvaluationRow, EvaluationStatus, Scorer } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

export interface EvaluationListOptions extends ListOptions {
  workflowId?: string;
  status?: EvaluationStatus;
}

/** What starting an evaluation takes (defaults filled by the server). */
export type EvaluationOptions = Omit<CreateEvaluationBody, 'expected' | 'concurrency' | 'scorers'> & {
  expected?: Record<string, string>;
  concurrency?: number;
  /** Defaults left out (`caseSensitive`, `relative`) are the server's. */
  scorers: Array<Partial<Scorer> & Pick<Scorer, 'type'>>;
};

export interface EvaluationRowOptions {
  /** Rows after this index (default: from the first). */
  after?: number;
  limit?: number;
  /** Only rows that did not pass on some version. */
  failing?: boolean;
}

export interface EvaluationWaitOptions {
  /** Called with each state read while waiting (progress bars). */
  onProgress?(evaluation: Evaluation): void;
  /** Milliseconds between reads (default 1000). */
  intervalMs?: number;
  /** Give up after this many milliseconds (default: never). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const FINISHED: ReadonlySet<EvaluationStatus> = new Set(['completed', 'failed', 'cancelled']);

/**
 * `/v1/evaluations`: run every row of a dataset (or a list of inputs) on several versions of a
 * workflow, score each output against what was expected, and compare the versions.
 */
export class Evaluations {
  constructor(private readonly http: HttpClient) {}

  async create(options: EvaluationOptions): Promise<Evaluation> {
    return (await this.http.request<{ data: Evaluation }>('POST', '/v1/evaluations', { body: options })).data;
  }

  list(query: EvaluationListOptions = {}): Promise<Page<Evaluation>> {
    return this.http.request('GET', '/v1/evaluations', { query: { ...query } });
  }

  async get(id: string): Promise<Evaluation> {
    return (await this.http.request<{ data: Evaluation }>('GET', `/v1/evaluations/${segment(id)}`)).data;
  }

  /** Rows in index order with every version's output, scores and diff. */
  rows(id: string, query: EvaluationRowOptions = {}): Promise<Page<EvaluationRow>> {
    const { failing, ...rest } = query;
    return this.http.request('GET', `/v1/evaluations/${segment(id)}/rows`, {
      query: { ...rest, ...(failing !== undefined && { failing: String(failing) }) },
    });
  }

  /** Every row and version as CSV or JSON Lines. */
  async results(id: string, format: 'csv' | 'jsonl' = 'jsonl'): Promise<string> {
    const bytes = await this.http.bytes('GET', `/v1/evaluations/${segment(id)}/results`, { query: { format } });
    return new TextDecoder().decode(bytes);
  }

  /** Stops starting runs (those running finish); the evaluation ends `cancelled`. */
  async cancel(id: string): Promise<Evaluation> {
    return (await this.http.request<{ data: Evaluation }>('POST', `/v1/evaluations/${segment(id)}/cancel`)).data;
  }

  /** Resolves with the evaluation once it is completed, failed or cancelled. */
  async wait(id: string, options: EvaluationWaitOptions = {}): Promise<Evaluation> {
    const started = Date.now();
    for (;;) {
      options.signal?.throwIfAborted();
      const evaluation = await this.get(id);
      options.onProgress?.(evaluation);
      if (FINISHED.has(evaluation.status)) return evaluation;
      if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs)
        throw new Error(`evaluation ${id} did not finish within ${options.timeoutMs} ms (it is ${evaluation.status})`);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
    }
  }
}
