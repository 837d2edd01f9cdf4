import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** A raw Server-Sent Events connection for tests: every message and comment, as they arrive. */
export interface SseConnection {
  status: number;
  headers: Headers;
  messages: EventSourceMessage[];
  comments: string[];
  /** Resolves when `count` messages have arrived (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<EventSourceMessage[]>;
  /** Resolves when a message matching `predicate` arrived. */
  waitUntil(predicate: (message: EventSourceMessage) => boolean, timeoutMs?: number): Promise<EventSourceMessage>;
  /** Resolves when the server ended the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Opens `url` as an event stream with the given headers (e.g. the API key and Last-Event-ID). */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseConnection> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const messages: EventSourceMessage[] = [];
  const comments: string[] = [];
  const listeners = new Set<() => void>();
  const parser = createParser({
    onEvent: (message) => {
      messages.push(message);
      for (const listener of listeners) listener();
    },
    onComment: (comment) => {
      comments.push(comment);
      for (const listener of listeners) listener();
    },
  });
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
    } catch {
      // closed by us
    }
  })();
  const waitUntil = (predicate: (message: EventSourceMessage) => boolean, timeoutMs = 10_000) =>
    new Promise<EventSourceMessage>((resolve, reject) => {
      const check = () => {
        const found = messages.find(predicate);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no matching event after ${timeoutMs} ms; got ${messages.map((m) => m.event).join(', ')}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  return {
    status: response.status,
    headers: response.headers,
    messages,
    comments,
    ended,
    waitFor: async (count, timeoutMs = 10_000) => {
      await waitUntil(() => messages.length >= count, timeoutMs);
      return messages.slice(0, count);
    },
    waitUntil,
    close: () => controller.abort(),
  };
}
