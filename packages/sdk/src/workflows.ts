import type { DefinitionValidation, Workflow, WorkflowDefinitionInput, WorkflowStats, WorkflowVersion } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** Filters of `GET /v1/workflows`. */
export interface WorkflowListOptions extends ListOptions {
  /** Only workflows whose name contains this (case-insensitive). */
  q?: string;
  /** Same as `q` (the older name). */
  search?: string;
  /** `false` (default): active workflows only; `true` or `'all'`: active and archived; `'only'`: archived only. */
  archived?: boolean | 'all' | 'only';
}

/** A workflow as lists answer it: with its run count and most recent run. */
export type ListedWorkflow = Workflow & { stats: WorkflowStats };

/** `/v1/workflows`: workflows and their versions. */
export class Workflows {
  constructor(private readonly http: HttpClient) {}

  /** One page of the workspace's workflows, newest first. */
  list(query: WorkflowListOptions = {}): Promise<Page<ListedWorkflow>> {
    return this.http.request('GET', '/v1/workflows', { query: { ...query } });
  }

  /**
   * Checks a definition as saving it would (schema, step types and configs, needs and cycles,
   * templates, expressions, references) without saving anything: every problem with its `path`
   * (e.g. `steps[1].with.template`) and, for a step's problem, its `stepId`; and `warnings` a save
   * does not refuse (a field the referenced value cannot have), placed the same way.
   */
  async validate(definition: WorkflowDefinitionInput | Record<string, unknown>): Promise<DefinitionValidation> {
    return (await this.http.request<{ data: DefinitionValidation }>('POST', '/v1/workflows/validate', { body: definition })).data;
  }

  /** One workflow with its current definition. */
  async get(id: string): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('GET', `/v1/workflows/${segment(id)}`)).data;
  }

  /** Creates a workflow from a definition (its version 1). */
  async create(definition: WorkflowDefinitionInput): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('POST', '/v1/workflows', { body: definition })).data;
  }

  /** Saves a definition as the workflow's new current version. */
  async update(id: string, definition: WorkflowDefinitionInput): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('PUT', `/v1/workflows/${segment(id)}`, { body: definition })).data;
  }

  /** Archives a workflow: no new runs, its runs stay readable. */
  async archive(id: string): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('DELETE', `/v1/workflows/${segment(id)}`)).data;
  }

  /** The workflow's versions, newest first. */
  versions(id: string, query: ListOptions = {}): Promise<Page<WorkflowVersion>> {
    return this.http.request('GET', `/v1/workflows/${segment(id)}/versions`, { query: { ...query } });
  }

  /** Makes version N current by saving it as a new version. */
  async restore(id: string, version: number): Promise<Workflow> {
    return (await this.http.request<{ data: Workflow }>('POST', `/v1/workflows/${segment(id)}/versions/restore`, { body: { version } }))
      .data;
  }
}
