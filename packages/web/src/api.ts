import { AssayClient } from '@assay/sdk';

/**
 * The one API client of the web app: the signed-in user's session cookie authenticates it (the
 * browser never holds an API key) and every change carries the session's CSRF token.
 */
let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export const api = new AssayClient({ baseUrl: window.location.origin, csrfToken: () => csrfToken, retries: 2 });
