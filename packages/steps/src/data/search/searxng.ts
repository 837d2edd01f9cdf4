import { field, list, withSite, type SearchProvider } from './provider';

/**
 * A self-hosted SearXNG: `GET {base}/search?q=…&format=json` (the JSON format must be enabled in its
 * settings.yml, else it answers 403), `time_range` for recency; `site:` goes into the query. It has
 * no result count: it answers a page (about 20) and the step keeps the first `limit`.
 */
export function searxngProvider(settings: { baseUrl: string }): SearchProvider {
  return {
    name: 'searxng',
    baseUrl: settings.baseUrl,
    secrets: [],
    refusedHint: 'enable the json format in its settings.yml (search.formats), or check ASSAY_SEARXNG_URL',
    request(query) {
      const url = new URL(`${settings.baseUrl}/search`);
      url.searchParams.set('q', withSite(query));
      url.searchParams.set('format', 'json');
      if (query.recency) url.searchParams.set('time_range', query.recency);
      return { url: url.href, method: 'GET', headers: { accept: 'application/json' } };
    },
    results: (body) =>
      list(field(body, 'results')).map((r) => ({
        title: field(r, 'title'),
        url: field(r, 'url'),
        snippet: field(r, 'content'),
        date: field(r, 'publishedDate'),
      })),
  };
}
