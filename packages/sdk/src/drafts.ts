import type {
  CreateDraftRunBody,
  DraftRun,
  LatestOutputs,
  WorkflowDefinitionInput,
  WorkflowSample,
  WorkflowSampleBody,
} from '@assay/schema';
import { segment, type HttpClient } from './http';

/** What to try on an unsaved definition: `POST /v1/workflows/{id}/draft-runs`'s body. */
export type DraftRunRequest = Omit<CreateDraftRunBody, 'definition'> & { definition: WorkflowDefinitionInput };

/**
 * Draft runs: the editor's "Test step" (`mode: "step"`) and "Run to here" (`mode: "upstream"`) on an
 * unsaved definition, kept apart from runs (never listed, never delivered to event endpoints, pruned
 * after ASSAY_DRAFT_RETENTION_HOURS); each workflow's pinned sample; and its steps' latest outputs.
 */
export class DraftRuns {
  constructor(private readonly http: HttpClient) {}

  /** Starts a draft run of `workflowId`; answers at once unless `wait` (seconds, at most 60) is given. */
  async run(workflowId: string, request: DraftRunRequest, options: { wait?: number } = {}): Promise<DraftRun> {
    const path = `/v1/workflows/${segment(workflowId)}/draft-runs`;
    return (await this.http.request<{ data: DraftRun }>('POST', path, { body: request, query: { wait: options.wait } })).data;
  }

  /** One draft run with the steps it involves. */
  async get(id: string): Promise<DraftRun> {
    return (await this.http.request<{ data: DraftRun }>('GET', `/v1/draft-runs/${segment(id)}`)).data;
  }

  /** Cancels an unfinished draft run (the step in flight is aborted). */
  async cancel(id: string): Promise<DraftRun> {
    return (await this.http.request<{ data: DraftRun }>('POST', `/v1/draft-runs/${segment(id)}/cancel`)).data;
  }

  /** The workflow's pinned sample input and step outputs (empty when none was pinned). */
  async sample(workflowId: string): Promise<WorkflowSample> {
    return (await this.http.request<{ data: WorkflowSample }>('GET', `/v1/workflows/${segment(workflowId)}/sample`)).data;
  }

  /** Pins the workflow's sample: the input draft runs default to, and step outputs "Test step" uses. */
  async pinSample(workflowId: string, sample: WorkflowSampleBody): Promise<WorkflowSample> {
    const path = `/v1/workflows/${segment(workflowId)}/sample`;
    return (await this.http.request<{ data: WorkflowSample }>('PUT', path, { body: sample })).data;
  }

  /** Each step's newest completed or failed record among the workflow's newest runs (draft or production). */
  async latestOutputs(workflowId: string): Promise<LatestOutputs> {
    return (await this.http.request<{ data: LatestOutputs }>('GET', `/v1/workflows/${segment(workflowId)}/latest-outputs`)).data;
  }
}
