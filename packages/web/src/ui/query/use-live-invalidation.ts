import { useEffect } from 'react';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { AssayApiError } from '@assay/sdk';
import { api } from '../../api';
import { KeyedThrottle } from './keyed-throttle';
import { invalidateLive, LIVE_EVENT_TYPES, LIVE_PREFIXES, staleKeysOf } from './live-events';

/** At most one refetch per prefix per this many milliseconds, however busy the workspace is. */
const MIN_INTERVAL_MS = 1000;
/** After the stream gave up reconnecting, it is opened again this much later. */
const RESTART_MS = 15_000;

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/**
 * The signed-in app's one live subscription: the workspace's event stream marks the lists an event
 * changes stale (throttled per prefix), so every open list follows runs, batches, approvals and
 * evaluations without a stream of its own. Mounted once, in the signed-in layout; leaving it (sign
 * out, session gone) forgets the cache, so the next person in this tab never sees the last one's data.
 */
export function useLiveInvalidation(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const abort = new AbortController();
    const throttle = new KeyedThrottle(MIN_INTERVAL_MS);
    const invalidate = (queryKey: QueryKey) => throttle.request(JSON.stringify(queryKey), () => void invalidateLive(queryClient, queryKey));
    void (async () => {
      while (!abort.signal.aborted) {
        try {
          for await (const event of api.events.stream({ types: [...LIVE_EVENT_TYPES], signal: abort.signal }))
            for (const queryKey of staleKeysOf(event)) invalidate(queryKey);
        } catch (error) {
          // A refusal (the session ended) will not get better; the session gate takes over.
          if (error instanceof AssayApiError && error.status < 500 && error.status !== 429) return;
        }
        // No stream for a while (a buffering proxy, a restart): the Refresh buttons still work; try
        // again later, and read the lists again since events were missed meanwhile.
        await pause(RESTART_MS, abort.signal);
        if (!abort.signal.aborted) LIVE_PREFIXES.forEach(invalidate);
      }
    })();
    return () => {
      abort.abort();
      throttle.cancel();
    };
  }, [queryClient]);
  useEffect(() => () => queryClient.clear(), [queryClient]);
}
