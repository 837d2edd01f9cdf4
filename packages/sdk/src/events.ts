import type { AssayEvent, EventType } from '@assay/schema';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { AssayApiError } from './errors';
import { backoff, sleep, type HttpClient } from './http';

/** Where a stream resumes and when it gives up reconnecting. */
export interface StreamOptions {
  /** Resume after this event id (as Last-Event-ID); default: the stream's own start. */
  after?: string;
  /** Stops the stream (the iterator then ends quietly). */
  signal?: AbortSignal;
  /** Reconnection attempts in a row without receiving anything before the error is thrown (default 5). */
  reconnects?: number;
}

/** Filters of the workspace stream. */
export interface EventFilterOptions extends StreamOptions {
  types?: EventType[];
  workflowId?: string;
  batchId?: string;
  runId?: string;
}

/**
 * Reads a Server-Sent Events stream of Assay events, reconnecting with Last-Event-ID when the
 * connection drops, so no event is missed or repeated. Ends when the server ends the stream for good
 * (204, or a run stream after its run finished) or when `signal` aborts.
 */
export async function* readEventStream(
  http: HttpClient,
  path: string,
  query: Record<string, string | undefined>,
  options: StreamOptions,
): AsyncGenerator<AssayEvent> {
  let lastId = options.after;
  let failures = 0;
  const maxFailures = options.reconnects ?? 5;
  for (;;) {
    if (options.signal?.aborted) return;
    let received = false;
    try {
      const response = await http.open(path, { query, headers: lastId ? { 'Last-Event-ID': lastId } : {}, signal: options.signal });
      if (response.status === 204 || !response.body) return;
      if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
        await response.body.cancel();
        throw new Error(`${path} did not answer with an event stream`);
      }
      const events = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
      for await (const message of messagesOf(events)) {
        received = true;
        failures = 0;
        if (!message.data) continue;
        const event = JSON.parse(message.data) as AssayEvent;
        lastId = message.id ?? event.id;
        yield event;
      }
      // The server closed the stream (a run stream after its run, or a restart): resume after the
      // last event at once; a finished run then answers 204 and the loop ends.
      if (received) continue;
      if (++failures > maxFailures) throw new Error(`${path} keeps closing without sending events`);
    } catch (error) {
      if (options.signal?.aborted) return;
      // A refusal (bad filter, no such run, bad key) will not get better by retrying.
      if (error instanceof AssayApiError && error.status < 500 && error.status !== 429) throw error;
      if (++failures > maxFailures) throw error;
    }
    await sleep(backoff(failures));
  }
}

/** Reads a stream chunk by chunk (browsers' ReadableStream is not async-iterable everywhere). */
async function* messagesOf<T>(stream: ReadableStream<T>): AsyncGenerator<T> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    // The consumer stopped early: cancel, which closes the HTTP response too.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

/** `/v1/events`: the workspace's events, live. */
export class Events {
  constructor(private readonly http: HttpClient) {}

  /**
   * Follows the workspace's events as they happen (after `options.after` when given: a replay first),
   * filtered by type, workflow, batch or run. Never ends by itself: stop it with `options.signal`.
   */
  stream(options: EventFilterOptions = {}): AsyncGenerator<AssayEvent> {
    const { types, workflowId, batchId, runId, ...stream } = options;
    return readEventStream(this.http, '/v1/events', { types: types?.join(','), workflowId, batchId, runId }, stream);
  }
}
