import type { Recency } from './settings';
import { field, list, withSite, type SearchProvider } from './provider';

const FRESHNESS: Record<Recency, string> = { day: 'pd', week: 'pw', month: 'pm', year: 'py' };

/**
 * Brave Search: `GET {base}/res/v1/web/search?q=…&count=…&freshness=pd|pw|pm|py` with the key in
 * `X-Subscription-Token`; `site:` goes into the query. Results are `web.results` (absent when there
 * are none), descriptions marked up with `<strong>`; `page_age` is the page's date, `age` a
 * human-readable one that may be relative.
 */
export function braveProvider(settings: { apiKey: string; baseUrl: string }): SearchProvider {
  return {
    name: 'brave',
    baseUrl: settings.baseUrl,
    secrets: [settings.apiKey],
    refusedHint: 'check ASSAY_BRAVE_API_KEY',
    request(query) {
      const url = new URL(`${settings.baseUrl}/res/v1/web/search`);
      url.searchParams.set('q', withSite(query));
      url.searchParams.set('count', String(query.limit));
      if (query.recency) url.searchParams.set('freshness', FRESHNESS[query.recency]);
      return { url: url.href, method: 'GET', headers: { accept: 'application/json', 'x-subscription-token': settings.apiKey } };
    },
    results: (body) =>
      list(field(field(body, 'web'), 'results')).map((r) => ({
        title: field(r, 'title'),
        url: field(r, 'url'),
        snippet: field(r, 'description'),
        date: field(r, 'page_age') ?? field(r, 'age'),
      })),
    // {"type": "ErrorResponse", "error": {"code": "RATE_LIMITED", "detail": "…"}}
    errorText: (body) => field(field(body, 'error'), 'detail'),
    retryAfter,
  };
}

/**
 * Brave sends no Retry-After: it says when each quota window (per second, per month: `1, 1419704`)
 * resets in X-RateLimit-Reset, and what is left of each in X-RateLimit-Remaining. The wait is the
 * longest reset among the spent windows (the first window when none says it is spent).
 */
function retryAfter(headers: Record<string, string>): string | null {
  if (headers['retry-after'] !== undefined) return headers['retry-after'];
  const windows = (name: string) => (headers[name] ?? '').split(',').map((v) => v.trim());
  const resets = windows('x-ratelimit-reset');
  const remaining = windows('x-ratelimit-remaining');
  const spent = resets.filter((reset, i) => /^\d+$/.test(reset) && remaining[i] === '0');
  if (spent.length > 0) return String(Math.max(...spent.map(Number)));
  return /^\d+$/.test(resets[0] ?? '') ? resets[0]! : null;
}
