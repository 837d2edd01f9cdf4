import { AssayClient } from '@assay/sdk';

/**
 * The one API client of the web app: the signed-in user's session cookie authenticates it (the
 * browser never holds an API key) and every change carries the session's CSRF token.
 */
let csrfToken: string | undefined;
let onSignedOut: () => void = () => undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (expired, signed out elsewhere, user removed). */
export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

/** fetch, noticing a 401 from anything but the sign-in endpoints themselves. */
const sessionFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (response.status === 401 && csrfToken !== undefined && !new URL(url).pathname.startsWith('/v1/auth/')) onSignedOut();
  return response;
};

export const api = new AssayClient({ baseUrl: window.location.origin, csrfToken: () => csrfToken, retries: 2, fetch: sessionFetch });

let stepTypes: ReturnType<typeof api.stepTypes.list> | undefined;

/** The server's step types, fetched once per page load (they only change when Assay is upgraded). */
export function loadStepTypes(): ReturnType<typeof api.stepTypes.list> {
  stepTypes ??= api.stepTypes.list().catch((error: unknown) => {
    stepTypes = undefined; // a failure is not remembered: the next caller asks again
    throw error;
  });
  return stepTypes;
}
