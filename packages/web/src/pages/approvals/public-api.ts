import { AssayClient } from '@assay/sdk';

/**
 * The client of the public link page: no API key, and no cookie either (`credentials: 'omit'`). The
 * link's token is the only credential, so a visitor who happens to be signed in decides as the
 * link's recipient, and their session's CSRF rule does not apply.
 */
export const publicApi = new AssayClient({
  baseUrl: window.location.origin,
  retries: 2,
  fetch: (input, init) => fetch(input, { ...init, credentials: 'omit' }),
});
