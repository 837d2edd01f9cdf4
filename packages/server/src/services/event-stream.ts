import { onAbort } from '@assay/engine';
import type { AssayEvent } from '@assay/schema';
import type { EventFilter, Store, StoredEvent } from '@assay/store';
import type { SSEStreamingApi } from 'hono/streaming';

/** Events read from the log per query while replaying or catching up. */
const PAGE = 500;

export interface FollowOptions {
  filter: Omit<EventFilter, 'after' | 'limit'>;
  /** Replay starts after this position. */
  after: number;
  /** A comment line is sent this often so proxies and clients know the stream is alive. */
  heartbeatMs: number;
  /** Events appended by other processes are noticed within this (this process's are noticed at once). */
  pollMs: number;
  /** The stream ends after an event for which this is true (a run stream ends with the run). */
  endsWith?: (event: StoredEvent) => boolean | Promise<boolean>;
  /** Ends the stream (the server is shutting down; clients reconnect to another process). */
  stop?: AbortSignal;
}

/** An event as streams and the API show it. */
export function presentEvent(event: StoredEvent): AssayEvent {
  return {
    id: String(event.seq),
    type: event.type,
    runId: event.runId,
    workflowId: event.workflowId,
    batchId: event.batchId,
    stepId: event.stepId,
    data: event.data,
    createdAt: new Date(event.createdAt).toISOString(),
  };
}

/**
 * Writes events to an SSE stream: everything after `after` first, then each new event as it is
 * committed, with heartbeats, until the client goes away (or `endsWith` says the stream is over).
 * Reading always resumes from the last event written, so nothing is skipped or sent twice however
 * events arrive; the `id` of each is its log position, which a reconnecting client sends back as
 * Last-Event-ID.
 */
export async function followEvents(store: Store, stream: SSEStreamingApi, options: FollowOptions): Promise<void> {
  let after = options.after;
  let wake: (() => void) | null = null;
  // A nudge while the stream is reading (not waiting) must not be lost: the read may have started
  // before the new events committed, so the next wait is skipped instead.
  let nudged = false;
  const nudge = () => {
    nudged = true;
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const unsubscribe = store.events.onAppended(nudge);
  stream.onAbort(nudge);
  // Every live stream waits on the one server-wide stop signal: one listener there, however many streams.
  const stopWaiting = options.stop ? onAbort(options.stop, nudge) : null;
  const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n').catch(() => undefined), options.heartbeatMs);
  try {
    while (!stream.aborted && !stream.closed && !options.stop?.aborted) {
      nudged = false;
      const events = await store.events.read({ ...options.filter, after, limit: PAGE });
      for (const event of events) {
        await stream.writeSSE({ id: String(event.seq), event: event.type, data: JSON.stringify(presentEvent(event)) });
        after = event.seq;
        if (options.endsWith && (await options.endsWith(event))) return;
      }
      if (events.length === PAGE) continue;
      if (nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
    stopWaiting?.();
  }
}

/**
 * The position to resume after: the Last-Event-ID header an EventSource sends when it reconnects,
 * else the `after` query parameter, else null (the caller decides where a new stream starts).
 */
export function resumePosition(lastEventId: string | undefined, after: number | undefined): number | null {
  if (lastEventId !== undefined && /^\d+$/.test(lastEventId.trim())) return Number(lastEventId.trim());
  return after ?? null;
}
