import type { Session } from '@assay/schema';
import { AssayApiError } from './errors';
import type { HttpClient } from './http';

/**
 * `/v1/auth/…`: browser sign-in (session mode). Setup and sign-in set the `assay_session` cookie;
 * the session they answer carries the CSRF token to give the client as `csrfToken`.
 */
export class Auth {
  constructor(private readonly http: HttpClient) {}

  /** Whether no user exists yet (the first one is created by `setup`). */
  async setupNeeded(): Promise<boolean> {
    return (await this.http.request<{ data: { needed: boolean } }>('GET', '/v1/auth/setup')).data.needed;
  }

  /** Creates the first user (admin of the default workspace) and signs them in; 409 once any user exists. */
  async setup(user: { email: string; name: string; password: string }): Promise<Session> {
    return (await this.http.request<{ data: Session }>('POST', '/v1/auth/setup', { body: user, retries: 0 })).data;
  }

  /** Signs in; throws AssayApiError 401 ("invalid email or password") or 429 after too many failures. */
  async signIn(credentials: { email: string; password: string }): Promise<Session> {
    return (await this.http.request<{ data: Session }>('POST', '/v1/auth/sign-in', { body: credentials, retries: 0 })).data;
  }

  /** Ends the session and clears its cookie. */
  async signOut(): Promise<void> {
    await this.http.request('POST', '/v1/auth/sign-out', { retries: 0 });
  }

  /**
   * The signed-in session (null when not signed in) and whether setup is needed, in one request that
   * answers 200 either way (a browser logs no error for a signed-out visitor).
   */
  async state(): Promise<{ session: Session | null; setupNeeded: boolean }> {
    return (await this.http.request<{ data: { session: Session | null; setupNeeded: boolean } }>('GET', '/v1/auth/state')).data;
  }

  /** The signed-in session, or null when not signed in (or it expired). */
  async session(): Promise<Session | null> {
    try {
      return (await this.http.request<{ data: Session }>('GET', '/v1/auth/session')).data;
    } catch (error) {
      if (error instanceof AssayApiError && error.status === 401) return null;
      throw error;
    }
  }
}
