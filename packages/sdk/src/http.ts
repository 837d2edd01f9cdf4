import { AssayApiError } from './errors';

export interface ClientOptions {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  /** Extra attempts after a 429, a 5xx or a network error (default 3). */
  retries?: number;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

const BASE_DELAY_MS = 250;

/** Sends requests with the API key headers; retries what is worth retrying, throws AssayApiError. */
export class HttpClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = new URL(this.options.baseUrl.replace(/\/$/, '') + path);
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { 'x-metal-client-id': this.options.clientId, 'x-metal-api-key': this.options.apiKey, ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const retries = this.options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      } catch (error) {
        if (attempt >= retries) throw error;
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) return (await response.json()) as T;
      const failure = await toError(response);
      if (!failure.retryable || attempt >= retries) throw failure;
      const retryAfter = Number(response.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && response.headers.has('retry-after') ? retryAfter * 1000 : backoff(attempt));
    }
  }
}

function backoff(attempt: number): number {
  const delay = BASE_DELAY_MS * 2 ** attempt;
  return delay / 2 + Math.random() * (delay / 2);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function toError(response: Response): Promise<AssayApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: string; code?: string; details?: Array<{ path: string; message: string }> };
    return new AssayApiError(response.status, body.error ?? `HTTP ${response.status}`, body.code, body.details ?? []);
  } catch {
    return new AssayApiError(response.status, text || `HTTP ${response.status}`, undefined, []);
  }
}
