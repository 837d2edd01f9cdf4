import { AssayError } from '@assay/schema';
import type { OutboundGuard } from '../../net/outbound-guard';
import { guardedFetch, safeHost } from '../guarded-fetch';
import { statusError } from '../http-status';
import { redact, redactError } from '../redact';
import { plainText, type RawResult } from './normalize';
import type { SearchProvider, SearchQuery } from './provider';

/** A search answer is a page of results: 2 MB is far more than any provider sends for 20. */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export interface FetchLimits {
  signal: AbortSignal;
  timeoutMs: number;
  now: number;
}

/**
 * Asks `provider` through its guard and returns its raw results. No redirects (an API that moved is
 * a misconfigured base URL, and a redirect could take the key elsewhere); 408, 429 and 5xx are
 * retryable with the provider's Retry-After; a refusal (401, 403) names the setting to check. The
 * provider's secrets are removed from every error, whatever the provider echoed back.
 */
export async function fetchResults(provider: SearchProvider, guard: OutboundGuard, query: SearchQuery, limits: FetchLimits): Promise<RawResult[]> {
  const request = provider.request(query);
  const host = safeHost(request.url);
  try {
    const response = await guardedFetch(guard, request.url, {
      method: request.method,
      headers: { 'user-agent': 'Assay web.search', ...request.headers },
      body: request.body,
      signal: limits.signal,
      timeoutMs: limits.timeoutMs,
      maxResponseBytes: MAX_ANSWER_BYTES,
      maxRedirects: 0,
    });
    const text = redact(new TextDecoder().decode(response.bytes), provider.secrets);
    if (response.status >= 400) {
      const retryAfter = provider.retryAfter?.(response.headers) ?? response.headers['retry-after'] ?? null;
      const error = statusError(response.status, `${provider.name} (${host})`, errorText(provider, text, response.contentType), retryAfter, limits.now);
      if (response.status !== 401 && response.status !== 403) throw error;
      throw new AssayError('step_failed', `${error.message} — ${provider.refusedHint}`, { retryable: false });
    }
    if (response.status >= 300) {
      throw new AssayError('step_failed', `${provider.name} (${host}) answered ${response.status}, a redirect; set its base URL to where the API is`);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AssayError('step_failed', `${provider.name} (${host}) answered something other than JSON (${response.contentType || 'no content type'})`);
    }
    return provider.results(body);
  } catch (error) {
    throw redactError(error, provider.secrets);
  }
}

/** The provider's own message in an error body, else the body as it is (an HTML page's text: a proxy's, or SearXNG's). */
function errorText(provider: SearchProvider, text: string, contentType: string): string {
  if (/^\s*text\/html/i.test(contentType)) return plainText(text);
  try {
    const message = provider.errorText?.(JSON.parse(text));
    return typeof message === 'string' && message.trim() !== '' ? message : text;
  } catch {
    return text;
  }
}
