import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { startLoggedServer, type LoggedServer } from '../support/logged-server';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { braveError, startFakeBrave, startFakeSearxng, startFakeTavily, type FakeSearchProvider } from '../support/search-providers';

const BRAVE_KEY = 'BSA-brave-key-0123456789abcdef';
const TAVILY_KEY = 'tvly-dev-tavily-key-0123456789';

/** Every page of the fakes (tests/support/search-providers.ts) as `web.search` returns it. */
const RESULT = {
  acme: {
    title: 'Acme reports record revenue',
    url: 'https://www.example.com/acme-results',
    snippet: "Acme & Co. said revenue grew to 40 million 'this year'.",
    date: '2024-03-05T10:30:00.000Z',
  },
  hires: {
    title: 'Acme hires a new CFO',
    url: 'https://news.example.org/acme-hires',
    snippet: 'The new CFO starts in May.',
    date: '2024-04-01T08:00:00.000Z',
  },
  guide: { title: 'Acme guide – docs', url: 'https://docs.example.com/acme/guide', snippet: 'How to use Acme products.', date: null },
  blog: {
    title: 'Acme on the blog',
    url: 'http://blog.example.net/acme',
    snippet: 'A look at Acme <script> tags.',
    date: '2023-12-24T00:00:00.000Z',
  },
  about: { title: 'About example.com', url: 'https://example.com/about', snippet: 'The example domain.', date: '2022-01-10T12:00:00.000Z' },
};

/**
 * `web.search` through the API against fake SearXNG, Brave and Tavily servers on 127.0.0.1 that
 * speak each provider's protocol and refuse a request that breaks it. The providers' base URLs are
 * reachable although private (they are the operator's settings), without ASSAY_HTTP_ALLOW.
 */
describe('web.search', () => {
  let server: LoggedServer;
  let bare: TestServer;
  let searxng: FakeSearchProvider;
  let brave: FakeSearchProvider;
  let tavily: FakeSearchProvider;
  let openai: FakeLlmServer;

  beforeAll(async () => {
    [searxng, brave, tavily, openai] = await Promise.all([
      startFakeSearxng(),
      startFakeBrave(BRAVE_KEY),
      startFakeTavily(TAVILY_KEY),
      startFakeOpenAI(),
    ]);
    server = await startLoggedServer(
      {
        ASSAY_SEARXNG_URL: `${searxng.url}/`,
        ASSAY_BRAVE_API_KEY: BRAVE_KEY,
        ASSAY_BRAVE_BASE_URL: brave.url,
        ASSAY_TAVILY_API_KEY: TAVILY_KEY,
        ASSAY_TAVILY_BASE_URL: tavily.url,
        OPENAI_API_KEY: 'sk-test-search',
        OPENAI_BASE_URL: openai.baseURL,
      },
      'debug',
    );
    bare = await startTestServer();
  });
  afterAll(async () => {
    await Promise.all([server?.close(), bare?.close()]);
    await Promise.all([searxng?.close(), brave?.close(), tavily?.close(), openai?.close()]);
  });

  async function run(on: Pick<TestServer, 'api'>, steps: unknown[]): Promise<any> {
    const created = await on.api('POST', '/v1/workflows', { name: `Search ${Math.random()}`, steps });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const answer = await on.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=60`, {});
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.data;
  }

  it('asks SearXNG when no provider is named (the first configured), and keeps the site and recency', async () => {
    const before = searxng.requests.length;
    const result = await run(server, [
      { id: 'plain', type: 'web.search', with: { query: 'acme revenue', limit: 3 } },
      { id: 'narrow', type: 'web.search', with: { query: 'acme', site: 'Example.com', recency: 'week' } },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const [plain, narrow] = result.steps.map((s: { output: unknown }) => s.output);
    // The FTP link is dropped; SearXNG has no count, so the step keeps the first 3.
    expect(plain).toEqual({ query: 'acme revenue', provider: 'searxng', results: [RESULT.acme, RESULT.hires, RESULT.guide] });
    // Its engines ignore `site:`: the step keeps the site's pages (subdomains included).
    expect(narrow).toEqual({ query: 'acme', provider: 'searxng', results: [RESULT.acme, RESULT.guide, RESULT.about] });
    const seen = searxng.requests.slice(before).sort((a, b) => a.query.q!.length - b.query.q!.length);
    expect(seen.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/search'],
      ['GET', '/search'],
    ]);
    expect(seen.map((r) => r.query)).toEqual([
      { q: 'acme revenue', format: 'json' },
      { q: 'acme site:example.com', format: 'json', time_range: 'week' },
    ]);
  });

  it('asks Brave with its token, count and freshness, and strips its markup', async () => {
    const before = brave.requests.length;
    const result = await run(server, [
      { id: 'plain', type: 'web.search', with: { query: 'acme revenue', limit: 4, provider: 'brave' } },
      {
        id: 'narrow',
        type: 'web.search',
        needs: ['plain'],
        with: { query: 'acme', limit: 2, site: 'example.com', recency: 'month', provider: 'brave' },
      },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const [plain, narrow] = result.steps.map((s: { output: unknown }) => s.output);
    // Brave answered 4 (one an FTP link); the CFO page is dated only in words ("April 1, 2024").
    expect(plain).toEqual({
      query: 'acme revenue',
      provider: 'brave',
      results: [RESULT.acme, { ...RESULT.hires, date: '2024-04-01T00:00:00.000Z' }, RESULT.guide],
    });
    expect(narrow).toEqual({ query: 'acme', provider: 'brave', results: [RESULT.acme, RESULT.guide] });
    const [first, second] = brave.requests.slice(before);
    expect([first?.method, first?.path]).toEqual(['GET', '/res/v1/web/search']);
    expect(first?.query).toEqual({ q: 'acme revenue', count: '4' });
    expect(second?.query).toEqual({ q: 'acme site:example.com', count: '2', freshness: 'pm' });
    expect(first?.headers['x-subscription-token']).toBe(BRAVE_KEY);
  });

  it('asks Tavily with a bearer key and a JSON body', async () => {
    const before = tavily.requests.length;
    const result = await run(server, [
      { id: 'plain', type: 'web.search', with: { query: 'acme', provider: 'tavily' } },
      {
        id: 'narrow',
        type: 'web.search',
        needs: ['plain'],
        with: { query: 'acme', limit: 3, site: 'example.com', recency: 'year', provider: 'tavily' },
      },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const [plain, narrow] = result.steps.map((s: { output: unknown }) => s.output);
    // The default limit, 5: Tavily answered 5, one of them an FTP link.
    expect(plain).toEqual({ query: 'acme', provider: 'tavily', results: [RESULT.acme, RESULT.hires, RESULT.guide, RESULT.blog] });
    expect(narrow).toEqual({ query: 'acme', provider: 'tavily', results: [RESULT.acme, RESULT.guide, RESULT.about] });
    const [first, second] = tavily.requests.slice(before);
    expect([first?.method, first?.path, first?.headers.authorization]).toEqual(['POST', '/search', `Bearer ${TAVILY_KEY}`]);
    expect(first?.body).toEqual({ query: 'acme', max_results: 5 });
    expect(second?.body).toEqual({ query: 'acme', max_results: 3, include_domains: ['example.com'], time_range: 'year' });
  });

  it('lets only the providers reach their private hosts, not other steps', async () => {
    const result = await run(server, [{ id: 'direct', type: 'http.request', with: { url: `${searxng.url}/search?q=x&format=json` } }]);
    expect(result.status).toBe('failed');
    expect(result.error.message).toMatch(/refused: 127\.0\.0\.1 is not a public address.*ASSAY_HTTP_ALLOW/);
  });

  it('says what to fix when SearXNG refuses the JSON format', async () => {
    // What SearXNG answers when `json` is not in its settings.yml's search.formats.
    searxng.answer({ status: 403, body: '<h1>Forbidden</h1>' });
    const result = await run(server, [
      { id: 'search', type: 'web.search', with: { query: 'acme' }, retry: { maxAttempts: 3, initialDelayMs: 10 } },
    ]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].attempts).toBe(1);
    expect(result.error.message).toMatch(
      /^HTTP 403 from searxng \(127\.0\.0\.1:\d+\): Forbidden — enable the json format in its settings\.yml/,
    );
  });

  it('refuses a site that is not a hostname when the workflow is saved', async () => {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Bad site',
      steps: [{ id: 'search', type: 'web.search', with: { query: 'acme', site: 'https://example.com/news' } }],
    });
    expect(created.status).toBe(400);
    expect(JSON.stringify(created.body)).toContain('must be a hostname such as example.com');
  });

  it('retries a 429: Brave’s rate-limit reset is honoured, and a provider that stays limited fails the step', async () => {
    // Brave says when its spent per-second window resets (1 s); it sends no Retry-After.
    brave.answer({
      ...braveError(429, 'RATE_LIMITED', 'Request rate limit exceeded for plan.'),
      headers: { 'x-ratelimit-limit': '1, 15000', 'x-ratelimit-remaining': '0, 14000', 'x-ratelimit-reset': '1, 1419704' },
    });
    const before = brave.requests.length;
    const recovered = await run(server, [
      {
        id: 'search',
        type: 'web.search',
        with: { query: 'acme', provider: 'brave' },
        retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 10 },
      },
    ]);
    expect(recovered.status, JSON.stringify(recovered.error)).toBe('completed');
    expect(recovered.steps[0].attempts).toBe(2);
    const [limited, retried] = brave.requests.slice(before);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);

    const limit = { status: 429, body: { detail: { error: 'Rate limit exceeded' } }, headers: { 'retry-after': '0' } };
    tavily.answer(limit, limit);
    const exhausted = await run(server, [
      {
        id: 'search',
        type: 'web.search',
        with: { query: 'acme', provider: 'tavily' },
        retry: { maxAttempts: 2, backoff: 'fixed', initialDelayMs: 10 },
      },
    ]);
    expect(exhausted.status).toBe('failed');
    expect(exhausted.steps[0].attempts).toBe(2);
    expect(exhausted.error.message).toMatch(/^HTTP 429 from tavily \(127\.0\.0\.1:\d+\): Rate limit exceeded$/);
  });

  it('never shows an API key the provider echoes back, in an error, an output or a log', async () => {
    // A busy provider (retried, so logged), then a refusal; both quote the key.
    brave.answer(
      braveError(503, 'SERVICE_UNAVAILABLE', `Busy; token ${BRAVE_KEY} kept.`),
      braveError(401, 'SUBSCRIPTION_TOKEN_INVALID', `The provided subscription token ${BRAVE_KEY} is invalid.`),
    );
    tavily.answer({
      status: 200,
      body: {
        results: [{ title: `Key ${TAVILY_KEY}`, url: `https://example.com/?key=${TAVILY_KEY}`, content: `You sent Bearer ${TAVILY_KEY}.` }],
      },
    });
    const refused = await run(server, [
      {
        id: 'search',
        type: 'web.search',
        with: { query: 'acme', provider: 'brave' },
        retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 10 },
      },
    ]);
    const echoed = await run(server, [{ id: 'search', type: 'web.search', with: { query: 'acme', provider: 'tavily' } }]);

    // A refused key is final (not retried again) and names the setting to check.
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].attempts).toBe(2);
    expect(refused.error.message).toMatch(
      /^HTTP 401 from brave \(127\.0\.0\.1:\d+\): The provided subscription token \[redacted\] is invalid\. — check ASSAY_BRAVE_API_KEY$/,
    );
    expect(echoed.status, JSON.stringify(echoed.error)).toBe('completed');
    expect(echoed.output.results).toEqual([
      { title: 'Key [redacted]', url: 'https://example.com/?key=[redacted]', snippet: 'You sent Bearer [redacted].', date: null },
    ]);
    const seen = [JSON.stringify(refused), JSON.stringify(echoed)];
    for (const id of [refused.id, echoed.id]) {
      seen.push(JSON.stringify((await server.api('GET', `/v1/workflow-runs/${id}`)).body));
      seen.push(JSON.stringify((await server.api('GET', `/v1/workflow-runs/${id}/events`)).body));
    }
    const logs = server.text();
    expect(logs).toMatch(new RegExp(`"runId":"${refused.id}".*HTTP 503 from brave .*: Busy; token \\[redacted\\] kept\\.`));
    for (const text of [...seen, logs]) {
      expect(text).not.toContain(BRAVE_KEY);
      expect(text).not.toContain(TAVILY_KEY);
    }
  });

  it('is a tool an agent can call: the results go back to the model', async () => {
    openai.reply({ text: '', toolCalls: [{ name: 'search_web', args: { query: 'acme revenue' } }] }, { text: 'Acme grew to 40 million.' });
    const before = openai.requests.length;
    const result = await run(server, [
      {
        id: 'research',
        type: 'ai.agent',
        with: {
          model: 'openai:gpt-4o-mini',
          prompt: 'How much did Acme grow?',
          tools: [
            {
              name: 'search_web',
              description: 'Search the web',
              parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
              step: { type: 'web.search', with: { query: '{{ args.query }}', limit: 3, provider: 'tavily' } },
            },
          ],
        },
      },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.output.answer).toBe('Acme grew to 40 million.');
    const call = result.output.transcript.find((e: { kind: string }) => e.kind === 'tool');
    expect(call).toMatchObject({
      name: 'search_web',
      result: { query: 'acme revenue', provider: 'tavily', results: [RESULT.acme, RESULT.hires] },
    });
    expect(tavily.requests.at(-1)?.body).toEqual({ query: 'acme revenue', max_results: 3 });
    expect(JSON.stringify(openai.requests[before + 1]!.body.messages)).toContain('Acme reports record revenue');
  });

  it('fails the run (not the server) when no provider is configured, naming the settings', async () => {
    const result = await run(bare, [
      { id: 'search', type: 'web.search', with: { query: 'acme' }, retry: { maxAttempts: 3, initialDelayMs: 10 } },
    ]);
    expect(result.status).toBe('failed');
    expect(result.steps[0].attempts).toBe(1);
    expect(result.error).toMatchObject({ code: 'invalid_input', stepId: 'search' });
    expect(result.error.message).toBe(
      'web.search has no search provider: set ASSAY_SEARXNG_URL (a SearXNG instance), ASSAY_BRAVE_API_KEY or ASSAY_TAVILY_API_KEY',
    );
    const named = await run(bare, [{ id: 'search', type: 'web.search', with: { query: 'acme', provider: 'tavily' } }]);
    expect(named.status).toBe('failed');
    expect(named.error).toMatchObject({ code: 'invalid_input', message: 'provider: tavily is not configured; set ASSAY_TAVILY_API_KEY' });
  });
});
