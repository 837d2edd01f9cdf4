import type { ErrorDetail } from '@assay/schema';
import { AssayApiError, AssayConnectionError } from './errors';

/**
 * How to reach the API and with which key: `clientId` and `apiKey`, or the same key as one `token`.
 * Without a key the client is in session mode (a browser on Assay's own origin): the session cookie
 * authenticates each request and `csrfToken` supplies the `x-csrf-token` header of every request
 * that is not a GET.
 */
export interface ClientOptions {
  /** The server's origin, e.g. `http://localhost:8080` (paths such as `/v1/workflows` are appended). */
  baseUrl: string;
  /** The key's public client id (`x-metal-client-id`); leave out with `apiKey` for session mode. */
  clientId?: string;
  /** The key's secret (`x-metal-api-key`); leave out with `clientId` for session mode. */
  apiKey?: string;
  /**
   * The key as one token, `<client id>:<secret>` (`token` in the answer to `keys.create`), sent as
   * `Authorization: Bearer`; instead of `clientId` and `apiKey`.
   */
  token?: string;
  /** Session mode: the signed-in session's CSRF token (from sign-in or `auth.session()`), read on each request. */
  csrfToken?: () => string | undefined;
  /**
   * Extra attempts after a 429, a 5xx or a network error (default 3). Other 4xx answers are never
   * retried. A retried run creation may start the run twice unless it carries an `idempotencyKey`.
   */
  retries?: number;
  /** The fetch implementation to use (default: the global fetch). */
  fetch?: typeof fetch;
}

/** One request's query string, JSON body and extra headers. */
export interface RequestOptions {
  /** Query parameters; `undefined` values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON (with a JSON content-type) when given. */
  body?: unknown;
  /** Sent as is with its content type (CSV, NDJSON, a document's bytes) instead of a JSON `body`. */
  text?: { content: string | Uint8Array; contentType: string };
  headers?: Record<string, string>;
  /** Overrides the client's `retries` for this request. */
  retries?: number;
}

/** First backoff delay; doubled on every attempt, with jitter. */
const BASE_DELAY_MS = 250;
/** A Retry-After longer than this is not waited out: the error is thrown for the caller to decide. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Encodes one path segment (an id given by a user must not be able to change the path). */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

/** Sends requests with the API key (or the session); retries what is worth retrying, throws AssayApiError. */
export class HttpClient {
  private readonly fetch: typeof fetch;

  /** No API key: the browser's session cookie authenticates (session mode). */
  private readonly sessionMode: boolean;

  constructor(private readonly options: ClientOptions) {
    if (Boolean(options.clientId) !== Boolean(options.apiKey))
      throw new TypeError('AssayClient: give both clientId and apiKey (API key), or neither (browser session)');
    if (options.token !== undefined && (options.clientId || !options.token.trim()))
      throw new TypeError('AssayClient: give the key as a token or as clientId and apiKey, not both; a token is not empty');
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.sessionMode = !options.clientId && options.token === undefined;
  }

  /**
   * Opens a streaming GET (Server-Sent Events): resolves with the response once its headers arrived,
   * for the caller to read; no retries here (the stream reader reconnects). Throws AssayApiError on
   * an error answer and AssayConnectionError when the server cannot be reached.
   */
  async open(
    path: string,
    options: { query?: RequestOptions['query']; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const url = this.url(path, options.query);
    let response: Response;
    try {
      response = await this.fetch(url, {
        headers: { ...this.authHeaders('GET'), accept: 'text/event-stream', ...options.headers },
        signal: options.signal,
        ...this.credentials(),
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new AssayConnectionError(url.toString(), error);
    }
    if (!response.ok) throw await toError(response);
    return response;
  }

  private url(path: string, query: RequestOptions['query'] = {}): URL {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + path);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    return url;
  }

  /** The key headers (or its Bearer token); in session mode, the CSRF token on requests that may change something. */
  private authHeaders(method: string): Record<string, string> {
    if (this.options.token !== undefined) return { authorization: `Bearer ${this.options.token}` };
    if (!this.sessionMode)
      return { 'x-metal-client-id': this.options.clientId as string, 'x-metal-api-key': this.options.apiKey as string };
    const token = ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? undefined : this.options.csrfToken?.();
    return token ? { 'x-csrf-token': token } : {};
  }

  /** Session mode sends the cookie (same origin only). */
  private credentials(): { credentials?: 'same-origin' } {
    return this.sessionMode ? { credentials: 'same-origin' } : {};
  }

  /** Sends one request (with retries) and resolves with the parsed JSON answer (undefined when empty). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options, 'application/json');
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Sends one request (with retries) and resolves with the answer's bytes (a file download). */
  async bytes(method: string, path: string, options: RequestOptions = {}): Promise<Uint8Array> {
    const response = await this.send(method, path, options, '*/*');
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Sends one request, retrying what is worth retrying; resolves with the first successful response. */
  private async send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
    const url = this.url(path, options.query);
    const headers: Record<string, string> = { accept, ...this.authHeaders(method), ...options.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (options.text) {
      headers['content-type'] = options.text.contentType;
      const content = options.text.content;
      // fetch takes bytes over an ArrayBuffer: only bytes over a SharedArrayBuffer are copied.
      body =
        typeof content === 'string' || content.buffer instanceof ArrayBuffer
          ? (content as string | Uint8Array<ArrayBuffer>)
          : new Uint8Array(content);
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const retries = Math.max(0, options.retries ?? this.options.retries ?? 3);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, { method, headers, body, ...this.credentials() });
      } catch (error) {
        if (attempt >= retries) throw new AssayConnectionError(url.toString(), error);
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) return response;
      const failure = await toError(response);
      if (!failure.retryable || attempt >= retries) throw failure;
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt);
      if (delay > MAX_RETRY_AFTER_MS) throw failure;
      await sleep(delay);
    }
  }
}

/** Exponential backoff with jitter: 125–250 ms, 250–500 ms, 500–1000 ms… */
export function backoff(attempt: number): number {
  const delay = BASE_DELAY_MS * 2 ** attempt;
  return delay / 2 + Math.random() * (delay / 2);
}

/** `Retry-After` as delay-seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isDetail(value: unknown): value is ErrorDetail {
  const detail = value as Partial<ErrorDetail> | null;
  return typeof detail === 'object' && detail !== null && typeof detail.path === 'string' && typeof detail.message === 'string';
}

/** Reads the `{ error, code, details }` envelope (or whatever text came instead). */
async function toError(response: Response): Promise<AssayApiError> {
  const text = await response.text().catch(() => '');
  const fallback = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = JSON.parse(text) as { error?: unknown; code?: unknown; details?: unknown };
    const message = typeof body.error === 'string' && body.error ? body.error : fallback;
    const code = typeof body.code === 'string' ? body.code : undefined;
    const details = Array.isArray(body.details) ? body.details.filter(isDetail) : [];
    return new AssayApiError(response.status, message, code, details);
  } catch {
    return new AssayApiError(response.status, text.trim().slice(0, 500) || fallback, undefined, []);
  }
}
