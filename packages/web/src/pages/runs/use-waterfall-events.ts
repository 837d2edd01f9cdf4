import { useEffect, useRef, useState } from 'react';
import type { AssayEvent } from '@assay/schema';
import { api } from '../../api';
import { WATERFALL_EVENTS } from './waterfall';

/** A run's events beyond this many are not kept: the waterfall then falls back to the step records. */
const MAX_EVENTS = 5000;

/**
 * The run's step and run events, replayed from its start and followed while it is in progress (the
 * stream ends by itself when the run finishes). `live` going true again (a retried run) resumes
 * after the last event seen.
 */
export function useWaterfallEvents(runId: string, live: boolean): { events: AssayEvent[]; complete: boolean } {
  const [events, setEvents] = useState<AssayEvent[]>([]);
  // The stream ended: every event of the (finished) run is in.
  const [complete, setComplete] = useState(false);
  const lastId = useRef<string | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    setComplete(false);
    void (async () => {
      try {
        for await (const event of api.runs.events(runId, { signal: abort.signal, after: lastId.current })) {
          lastId.current = event.id;
          if (!WATERFALL_EVENTS.has(event.type)) continue;
          setEvents((current) => (current.length >= MAX_EVENTS ? current : [...current, event]));
        }
        if (!abort.signal.aborted) setComplete(true);
      } catch {
        // No stream (a buffering proxy, too many reconnects): the step records still draw one bar per step.
      }
    })();
    return () => abort.abort();
  }, [runId, live]);
  return { events, complete };
}
