import { AssayError } from '@assay/schema';
import type { OutboundGuard } from '../net/outbound-guard';
import { readBody } from './read-body';

/** A request with the limits every data step applies. */
export interface LimitedRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The step's signal (cancellation, step timeout); its aborts are passed through untouched. */
  signal: AbortSignal;
  timeoutMs: number;
  maxResponseBytes: number;
  maxRedirects: number;
  sensitiveHeaders?: readonly string[];
}

/** A fully read response. */
export interface LimitedResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: Record<string, string>;
  contentType: string;
  bytes: Uint8Array;
}

const NETWORK_CODES = /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/;

/** Describes a low-level network failure by its code (ECONNREFUSED, ECONNRESET, …) when it has one. */
function describeNetworkError(error: unknown): string {
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.test(code)) return code;
  }
  const cause = (error as { cause?: { message?: unknown } })?.cause?.message;
  if (typeof cause === 'string' && cause) return cause;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Fetches through the outbound guard with an overall timeout (headers and body), a response size cap
 * and a redirect limit. Network failures and the timeout become retryable `step_failed` errors;
 * refusals, oversize bodies and too many redirects are final.
 */
export async function guardedFetch(guard: OutboundGuard, url: string, request: LimitedRequest): Promise<LimitedResponse> {
  const host = safeHost(url);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  try {
    const { response, url: finalUrl } = await guard.fetch(url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      maxRedirects: request.maxRedirects,
      sensitiveHeaders: request.sensitiveHeaders,
    });
    const bytes = await readBody(response, request.maxResponseBytes, host);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    });
    return { url: finalUrl, status: response.status, headers, contentType: response.headers.get('content-type') ?? '', bytes };
  } catch (error) {
    if (request.signal.aborted) throw request.signal.reason ?? error;
    if (timeout.aborted) throw new AssayError('step_failed', `request to ${host} timed out after ${request.timeoutMs} ms`, { retryable: true });
    if (error instanceof AssayError) throw error;
    throw new AssayError('step_failed', `request to ${host} failed: ${describeNetworkError(error)}`, { retryable: true });
  }
}

/** The host of a URL for messages (never its query string, which may carry secrets). */
export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
