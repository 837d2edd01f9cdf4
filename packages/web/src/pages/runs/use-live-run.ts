import { useCallback, useEffect, useState } from 'react';
import { TERMINAL_STATUSES } from '@assay/sdk';
import type { Run } from '@assay/schema';
import { api } from '../../api';
import { applyEvent, applyToolEvent, RUN_FINISHED_EVENTS, type LiveToolCalls } from './run-events';

/** While the run is in progress it is also read again this often, in case the stream is buffered or drops. */
const POLL_MS = 4000;

export function isTerminal(run: Pick<Run, 'status'>): boolean {
  return TERMINAL_STATUSES.has(run.status);
}

/**
 * A run kept live: read once, then (while in progress) its event stream moves step statuses as they
 * happen and the run is read again when it finishes, with a slow poll as a fallback. Everything stops
 * on unmount. `follow(run)` starts over with a run the page just changed (retried or cancelled).
 */
export function useLiveRun(runId: string) {
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Agents' tool calls as the stream reports them (their step's transcript arrives with its output).
  const [toolCalls, setToolCalls] = useState<LiveToolCalls>({});
  // Bumped to restart following: a retried run is in progress again under the same id.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async (): Promise<Run | null> => {
      try {
        const fresh = await api.runs.get(runId);
        if (abort.signal.aborted) return null;
        setRun(fresh);
        setError(null);
        return fresh;
      } catch (failure) {
        if (!abort.signal.aborted) setError(failure);
        return null;
      }
    };
    const poll = async () => {
      const fresh = await read();
      if (!abort.signal.aborted && !(fresh && isTerminal(fresh))) timer = setTimeout(() => void poll(), POLL_MS);
    };
    const stream = async () => {
      try {
        for await (const event of api.runs.events(runId, { signal: abort.signal })) {
          if (RUN_FINISHED_EVENTS.has(event.type)) void read();
          else if (event.type.startsWith('step.tool_')) setToolCalls((current) => applyToolEvent(current, event));
          else setRun((current) => (current ? applyEvent(current, event) : current));
        }
      } catch {
        // The stream is not available (a buffering proxy, too many reconnects): the poll carries on.
      }
    };
    void (async () => {
      const first = await read();
      if (abort.signal.aborted || (first && isTerminal(first))) return;
      timer = setTimeout(() => void poll(), POLL_MS);
      await stream();
      // The stream ends when the run finishes: read its final state (output, artifacts).
      if (!abort.signal.aborted) void read();
    })();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [runId, generation]);

  const follow = useCallback((changed: Run) => {
    setRun(changed);
    setGeneration((n) => n + 1);
  }, []);
  return { run, error, follow, toolCalls };
}
