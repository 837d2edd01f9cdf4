import type { Template, TemplateCreation, TemplateSummary } from '@assay/schema';
import { segment, type HttpClient } from './http';

/** `/v1/templates`: the gallery of research workflow templates, and creating a workflow from one. */
export class Templates {
  constructor(private readonly http: HttpClient) {}

  /** Every template, in gallery order, without its definition (the catalogue is small: not paged). */
  async list(): Promise<TemplateSummary[]> {
    return (await this.http.request<{ data: TemplateSummary[] }>('GET', '/v1/templates')).data;
  }

  /** One template with its workflow definition and sample input. */
  async get(id: string): Promise<Template> {
    return (await this.http.request<{ data: Template }>('GET', `/v1/templates/${segment(id)}`)).data;
  }

  /**
   * Creates a workflow from a template (needs an edit key), with the sample datasets and documents it
   * runs on when the workspace has none of that name, and its schedules, disabled.
   */
  async create(id: string, options: { name?: string } = {}): Promise<TemplateCreation> {
    return (await this.http.request<{ data: TemplateCreation }>('POST', `/v1/templates/${segment(id)}/workflows`, { body: options })).data;
  }
}
