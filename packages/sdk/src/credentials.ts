import type { CreateCredential, Credential } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** `/v1/credentials`: named secrets steps use; values are write-only (never returned). Admin keys only. */
export class Credentials {
  constructor(private readonly http: HttpClient) {}

  async create(credential: CreateCredential): Promise<Credential> {
    return (await this.http.request<{ data: Credential }>('POST', '/v1/credentials', { body: credential })).data;
  }

  /** Names and types (never values). */
  list(query: ListOptions = {}): Promise<Page<Credential>> {
    return this.http.request('GET', '/v1/credentials', { query: { ...query } });
  }

  /** Replaces the value (and optionally the type); the name stays. */
  async replace(id: string, credential: Omit<CreateCredential, 'name'>): Promise<Credential> {
    return (await this.http.request<{ data: Credential }>('PUT', `/v1/credentials/${segment(id)}`, { body: credential })).data;
  }

  async delete(id: string): Promise<Credential> {
    return (await this.http.request<{ data: Credential }>('DELETE', `/v1/credentials/${segment(id)}`)).data;
  }
}
