import type { CreateDatasetJson, Dataset } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** How a CSV or NDJSON upload is named and indexed (a JSON upload carries these in its body). */
export interface UploadOptions {
  name: string;
  /** Columns looked up by (indexed); default: id-like columns. */
  keys?: string[];
  description?: string;
}

/** `/v1/datasets`: tables for lookup steps and batches. Writes need an admin key. */
export class Datasets {
  constructor(private readonly http: HttpClient) {}

  /** Creates a dataset from rows given as JSON (with optional declared column types and keys). */
  async create(dataset: CreateDatasetJson): Promise<Dataset> {
    return (await this.http.request<{ data: Dataset }>('POST', '/v1/datasets', { body: dataset })).data;
  }

  /** Creates a dataset from CSV text (a header row, then one row per line; types inferred). */
  async createFromCsv(csv: string, options: UploadOptions): Promise<Dataset> {
    return (
      await this.http.request<{ data: Dataset }>('POST', '/v1/datasets', {
        query: uploadQuery(options),
        text: { content: csv, contentType: 'text/csv' },
      })
    ).data;
  }

  async get(id: string): Promise<Dataset> {
    return (await this.http.request<{ data: Dataset }>('GET', `/v1/datasets/${segment(id)}`)).data;
  }

  list(query: ListOptions = {}): Promise<Page<Dataset>> {
    return this.http.request('GET', '/v1/datasets', { query: { ...query } });
  }

  /** Rows in upload order (at most 1,000 per call). */
  async rows(id: string, options: { offset?: number; limit?: number } = {}): Promise<Array<Record<string, unknown>>> {
    return (
      await this.http.request<{ data: Array<Record<string, unknown>> }>('GET', `/v1/datasets/${segment(id)}/rows`, { query: options })
    ).data;
  }

  /** Replaces every row with CSV text. */
  async replaceRowsFromCsv(id: string, csv: string): Promise<Dataset> {
    return (
      await this.http.request<{ data: Dataset }>('PUT', `/v1/datasets/${segment(id)}/rows`, {
        text: { content: csv, contentType: 'text/csv' },
      })
    ).data;
  }

  /** Appends CSV rows. */
  async appendRowsFromCsv(id: string, csv: string): Promise<Dataset> {
    return (
      await this.http.request<{ data: Dataset }>('POST', `/v1/datasets/${segment(id)}/rows`, {
        text: { content: csv, contentType: 'text/csv' },
      })
    ).data;
  }

  async delete(id: string): Promise<Dataset> {
    return (await this.http.request<{ data: Dataset }>('DELETE', `/v1/datasets/${segment(id)}`)).data;
  }
}

function uploadQuery(options: UploadOptions): Record<string, string | undefined> {
  return { name: options.name, keys: options.keys?.join(','), description: options.description };
}
