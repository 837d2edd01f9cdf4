import { useEffect, useRef } from 'react';
import type { EventType } from '@assay/schema';
import { api } from '../api';

/** At most one reload per this many milliseconds, however busy the workspace is. */
const MIN_INTERVAL_MS = 1000;

/**
 * Reloads a list when the workspace's event stream says something it shows has changed (a run
 * queued, started or finished…), throttled so a 5,000-run batch does not become 5,000 reloads.
 * `enabled` false (say, older pages are open) pauses it.
 */
export function useLiveRefresh(
  reload: () => void,
  filter: { types: EventType[]; workflowId?: string; batchId?: string },
  enabled = true,
): void {
  const latest = useRef(reload);
  latest.current = reload;
  const { workflowId, batchId } = filter;
  const types = filter.types.join(',');
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, last + MIN_INTERVAL_MS - Date.now());
      timer = setTimeout(() => {
        timer = undefined;
        last = Date.now();
        latest.current();
      }, wait);
    };
    void (async () => {
      try {
        for await (const _event of api.events.stream({ types: types.split(',') as EventType[], workflowId, batchId, signal: abort.signal }))
          schedule();
      } catch {
        // No live stream (a buffering proxy): the Refresh button still works.
      }
    })();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [types, workflowId, batchId, enabled]);
}
