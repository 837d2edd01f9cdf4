import type { ApiKey, KeyScope } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** A key as its creation answers it: the only time its secret is shown. */
export type CreatedApiKey = ApiKey & { secret: string };

/** `/v1/keys`: the workspace's API keys. */
export class Keys {
  constructor(private readonly http: HttpClient) {}

  /** The workspace's keys (never their secrets). Needs an admin key. */
  list(query: ListOptions = {}): Promise<Page<ApiKey>> {
    return this.http.request('GET', '/v1/keys', { query: { ...query } });
  }

  /** Creates a key (scope `run` by default); the answer's `secret` is shown only this once. Needs an admin key. */
  async create(key: { name: string; scope?: KeyScope }): Promise<CreatedApiKey> {
    return (await this.http.request<{ data: CreatedApiKey }>('POST', '/v1/keys', { body: key })).data;
  }

  /** Revokes a key: it stops working at once. Needs an admin key. */
  async revoke(id: string): Promise<ApiKey> {
    return (await this.http.request<{ data: ApiKey }>('DELETE', `/v1/keys/${segment(id)}`)).data;
  }

  /** The key this client uses. */
  async current(): Promise<ApiKey> {
    return (await this.http.request<{ data: ApiKey }>('GET', '/v1/keys/current')).data;
  }
}
