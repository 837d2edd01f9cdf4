import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a fake provider received. */
export interface SearchRequestSeen {
  method: string;
  path: string;
  /** The query string's parameters (the last value of each). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The JSON body (Tavily), or null. */
  body: any;
  at: number;
}

/** An answer a test queues instead of the provider's own (after the request passed the protocol checks). */
export interface FakeSearchAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A search provider speaking its real protocol on 127.0.0.1. */
export interface FakeSearchProvider {
  /** The base URL to configure (ASSAY_SEARXNG_URL, ASSAY_BRAVE_BASE_URL, ASSAY_TAVILY_BASE_URL). */
  url: string;
  /** Every request received, valid or not. */
  requests: SearchRequestSeen[];
  /** Answers the next valid requests with these, in order; then the provider's results again. */
  answer(...answers: FakeSearchAnswer[]): void;
  close(): Promise<void>;
}

/**
 * The pages every fake knows: several hosts (to check `site`), markup and entities in snippets, a
 * non-web URL (never returned), dates in each provider's own form or missing.
 */
export const PAGES = [
  {
    url: 'https://www.example.com/acme-results',
    title: 'Acme reports record revenue',
    text: 'Acme &amp; Co. said revenue grew to <strong>40 million</strong> &#x27;this year&#x27;.',
    date: '2024-03-05T10:30:00',
  },
  { url: 'ftp://files.example.net/acme.zip', title: 'Acme archive', text: 'An FTP mirror.', date: null },
  {
    url: 'https://news.example.org/acme-hires',
    title: 'Acme hires a new CFO',
    text: 'The  <b>new</b>\n CFO starts in May.',
    date: '2024-04-01T08:00:00',
  },
  { url: 'https://docs.example.com/acme/guide', title: 'Acme guide &ndash; docs', text: 'How to use Acme products.', date: null },
  {
    url: 'http://blog.example.net/acme',
    title: 'Acme on the blog',
    text: 'A look at Acme &lt;script&gt; tags.',
    date: '2023-12-24T00:00:00',
  },
  { url: 'javascript:alert(1)', title: 'Not a page', text: 'Never returned.', date: null },
  { url: 'https://example.com/about', title: 'About example.com', text: 'The example domain.', date: '2022-01-10T12:00:00' },
];

function send(res: ServerResponse, answer: FakeSearchAnswer): void {
  const text = typeof answer.body === 'string';
  res
    .writeHead(answer.status, { 'content-type': text ? 'text/html' : 'application/json', ...answer.headers })
    .end(text ? answer.body : JSON.stringify(answer.body));
}

/**
 * A server that records each request, answers `check`'s refusal when the request breaks the
 * provider's protocol, else a queued answer, else `results`.
 */
async function fakeProvider(
  check: (seen: SearchRequestSeen) => FakeSearchAnswer | null,
  results: (seen: SearchRequestSeen) => unknown,
): Promise<FakeSearchProvider> {
  const requests: SearchRequestSeen[] = [];
  const queue: FakeSearchAnswer[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      const seen: SearchRequestSeen = {
        method: req.method ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
        at: Date.now(),
      };
      requests.push(seen);
      send(res, check(seen) ?? queue.shift() ?? { status: 200, body: results(seen) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (...answers) => void queue.push(...answers),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The hostname of `site:host` in a query, if any. */
const siteOf = (q: string) => /(?:^|\s)site:(\S+)/.exec(q)?.[1];
const onSite = (url: string, site: string | undefined) =>
  site === undefined || new URL(url).hostname === site || new URL(url).hostname.endsWith(`.${site}`);

/**
 * SearXNG's JSON API: `GET /search?q=…&format=json[&time_range=…]`. A format not enabled (the fake
 * has json only; none means HTML) is 403, a bad `time_range` 400. It has no count: it answers every
 * page it knows, and (like most of its engines) ignores `site:`.
 */
export function startFakeSearxng(): Promise<FakeSearchProvider> {
  return fakeProvider(
    (seen) => {
      if (seen.method !== 'GET' || seen.path !== '/search') return { status: 404, body: 'Not Found' };
      if (seen.query.format !== 'json') return { status: 403, body: '<h1>Forbidden</h1>' };
      if (!seen.query.q) return { status: 400, body: { error: 'empty query' } };
      const range = seen.query.time_range;
      if (range !== undefined && !['day', 'week', 'month', 'year'].includes(range))
        return { status: 400, body: { error: 'invalid time_range' } };
      return null;
    },
    (seen) => ({
      query: seen.query.q,
      number_of_results: 0,
      results: PAGES.map((page, i) => ({
        url: page.url,
        title: page.title,
        content: page.text,
        engine: 'duckduckgo',
        parsed_url: [],
        template: 'default.html',
        engines: ['duckduckgo'],
        positions: [i + 1],
        publishedDate: page.date,
        score: 1 / (i + 1),
        category: 'general',
      })),
      answers: [],
      corrections: [],
      infoboxes: [],
      suggestions: [],
      unresponsive_engines: [],
    }),
  );
}

/** Brave's error envelope. */
export function braveError(status: number, code: string, detail: string): FakeSearchAnswer {
  return { status, body: { type: 'ErrorResponse', error: { id: 'e1f2', status, code, detail, meta: {} }, time: 1_714_000_000 } };
}

/**
 * Brave's Web Search API: `GET /res/v1/web/search?q=…&count=…[&freshness=pd|pw|pm|py]` with
 * `X-Subscription-Token`. A wrong token is 401 (this fake echoes the token it got in the error, as a
 * careless proxy would); a bad parameter 422. It honours `count` and `site:`; descriptions come
 * marked up, `page_age` is ISO without a zone and `age` human-readable.
 */
export function startFakeBrave(apiKey: string): Promise<FakeSearchProvider> {
  return fakeProvider(
    (seen) => {
      if (seen.method !== 'GET' || seen.path !== '/res/v1/web/search') return braveError(404, 'NOT_FOUND', 'Not found');
      const token = String(seen.headers['x-subscription-token'] ?? '');
      if (token !== apiKey) return braveError(401, 'SUBSCRIPTION_TOKEN_INVALID', `The provided subscription token ${token} is invalid.`);
      const { q = '', count, freshness } = seen.query;
      const countOk = count === undefined || (/^\d+$/.test(count) && Number(count) >= 1 && Number(count) <= 20);
      const freshnessOk = freshness === undefined || ['pd', 'pw', 'pm', 'py'].includes(freshness);
      if (q.length < 1 || q.length > 400 || !countOk || !freshnessOk)
        return braveError(422, 'VALIDATION', 'Unable to validate request parameter(s)');
      return null;
    },
    (seen) => {
      const site = siteOf(seen.query.q ?? '');
      const pages = PAGES.filter((p) => onSite(p.url, site)).slice(0, Number(seen.query.count ?? 20));
      return {
        type: 'search',
        query: { original: seen.query.q, more_results_available: false },
        mixed: { type: 'mixed', main: pages.map((_, i) => ({ type: 'web', index: i, all: false })) },
        web: {
          type: 'search',
          family_friendly: true,
          results: pages.map((page) => ({
            type: 'search_result',
            title: page.title,
            url: page.url,
            is_source_local: false,
            description: page.text,
            language: 'en',
            family_friendly: true,
            meta_url: { scheme: 'https', hostname: new URL(page.url).hostname, path: '' },
            // Brave dates most results twice (ISO and relative); some only in words, some not at all.
            ...(page.date && !page.url.includes('acme-hires') && { page_age: page.date, age: '3 days ago' }),
            ...(page.url.includes('acme-hires') && { age: 'April 1, 2024' }),
          })),
        },
      };
    },
  );
}

/**
 * Tavily's search API: `POST /search` with a JSON body and `Authorization: Bearer <key>`. A wrong key
 * is 401, a bad body 400 (`detail.error`). It honours `max_results` and `include_domains`; results
 * carry `published_date` (RFC 1123) when it knows one.
 */
export function startFakeTavily(apiKey: string): Promise<FakeSearchProvider> {
  const fail = (status: number, error: string): FakeSearchAnswer => ({ status, body: { detail: { error } } });
  return fakeProvider(
    (seen) => {
      if (seen.method !== 'POST' || seen.path !== '/search') return fail(404, 'Not Found');
      if (seen.headers.authorization !== `Bearer ${apiKey}`) return fail(401, 'Unauthorized: missing or invalid API key.');
      if (!String(seen.headers['content-type']).startsWith('application/json')) return fail(400, 'Body must be JSON');
      const body = seen.body as Record<string, unknown> | null;
      const max = body?.max_results;
      const domains = body?.include_domains;
      const valid =
        typeof body?.query === 'string' &&
        body.query.length > 0 &&
        (max === undefined || (typeof max === 'number' && Number.isInteger(max) && max >= 0 && max <= 20)) &&
        (domains === undefined || (Array.isArray(domains) && domains.every((d) => typeof d === 'string'))) &&
        (body.time_range === undefined || ['day', 'week', 'month', 'year', 'd', 'w', 'm', 'y'].includes(String(body.time_range)));
      return valid ? null : fail(400, 'Invalid request body');
    },
    (seen) => {
      const site = (seen.body.include_domains as string[] | undefined)?.[0];
      const pages = PAGES.filter((p) => onSite(p.url, site)).slice(0, seen.body.max_results ?? 5);
      return {
        query: seen.body.query,
        follow_up_questions: null,
        answer: null,
        images: [],
        results: pages.map((page, i) => ({
          title: page.title,
          url: page.url,
          content: page.text,
          score: 0.9 - i / 20,
          raw_content: null,
          ...(page.date && { published_date: new Date(`${page.date}Z`).toUTCString() }),
        })),
        response_time: 0.42,
        request_id: '123e4567-e89b-12d3-a456-426614174000',
      };
    },
  );
}
