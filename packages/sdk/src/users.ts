import type { User, UserRole } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { Page } from './page';

/** `/v1/users`: the workspace's users and their roles. Needs an admin (key or user). */
export class Users {
  constructor(private readonly http: HttpClient) {}

  /** Every user of the workspace, oldest first (never passwords). */
  list(): Promise<Page<User>> {
    return this.http.request('GET', '/v1/users');
  }

  /** Adds a user with an initial password; 409 when the email is taken. */
  async create(user: { email: string; name: string; password: string; role: UserRole }): Promise<User> {
    return (await this.http.request<{ data: User }>('POST', '/v1/users', { body: user })).data;
  }

  /** Changes a user's role, name or password (409 for demoting the last admin). */
  async update(id: string, changes: { role?: UserRole; name?: string; password?: string }): Promise<User> {
    return (await this.http.request<{ data: User }>('PATCH', `/v1/users/${segment(id)}`, { body: changes })).data;
  }

  /** Removes a user from the workspace and ends their sessions (409 for the last admin). */
  async remove(id: string): Promise<User> {
    return (await this.http.request<{ data: User }>('DELETE', `/v1/users/${segment(id)}`)).data;
  }
}
