import { QueryClient } from '@tanstack/react-query';
import { AssayApiError } from '@assay/sdk';

/** Data read less than this long ago is shown without asking again (live events and changes invalidate it sooner). */
export const STALE_MS = 5_000;

/**
 * Whether a failed read is worth one more try. The API client already retried network errors and
 * 5xx twice; a refusal (4xx: not found, forbidden, bad filter) will not get better, and showing it at
 * once is what the person needs. 429 is the exception: it says "later".
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  if (failures >= 1) return false;
  return !(error instanceof AssayApiError && error.status >= 400 && error.status < 500 && error.status !== 429);
}

/** The web app's one query cache. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        retry: shouldRetry,
        // The live event stream keeps lists fresh: switching tabs back must not refetch every query at once.
        refetchOnWindowFocus: false,
      },
    },
  });
}

export const queryClient = createQueryClient();
