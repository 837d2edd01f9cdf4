import { field, list, type SearchProvider } from './provider';

/**
 * Tavily: `POST {base}/search` with a JSON body (`query`, `max_results`, `include_domains` for the
 * site, `time_range` for recency) and `Authorization: Bearer <key>`. Results carry `content` (plain
 * text) and, for news, `published_date`.
 */
export function tavilyProvider(settings: { apiKey: string; baseUrl: string }): SearchProvider {
  return {
    name: 'tavily',
    baseUrl: settings.baseUrl,
    secrets: [settings.apiKey],
    refusedHint: 'check ASSAY_TAVILY_API_KEY',
    request(query) {
      const body = {
        query: query.query,
        max_results: query.limit,
        ...(query.site !== undefined && { include_domains: [query.site] }),
        ...(query.recency !== undefined && { time_range: query.recency }),
      };
      return {
        url: `${settings.baseUrl}/search`,
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json', authorization: `Bearer ${settings.apiKey}` },
        body: JSON.stringify(body),
      };
    },
    results: (body) =>
      list(field(body, 'results')).map((r) => ({
        title: field(r, 'title'),
        url: field(r, 'url'),
        snippet: field(r, 'content'),
        date: field(r, 'published_date'),
      })),
    // {"detail": {"error": "…"}}
    errorText: (body) => field(field(body, 'detail'), 'error'),
  };
}
