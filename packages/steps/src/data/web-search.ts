import { defineStepType, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import { createOutboundGuard, type OutboundGuard } from '../net/outbound-guard';
import { redact } from './redact';
import { braveProvider } from './search/brave';
import { fetchResults } from './search/fetch-results';
import { normalizeResults, type SearchResult } from './search/normalize';
import type { SearchProvider } from './search/provider';
import { searxngProvider } from './search/searxng';
import { defaultProvider, PROVIDER_SETTING, RECENCIES, SEARCH_PROVIDERS, type SearchProviderName, type SearchSettings } from './search/settings';
import { tavilyProvider } from './search/tavily';

// A hostname of two or more labels (letters, digits, inner hyphens): what `site:` and include_domains take.
const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

const Config = z
  .object({
    query: z.string().trim().min(1).max(400).describe('What to search for'),
    limit: z.number().int().min(1).max(20).default(5).describe('Results returned at most'),
    site: z
      .string()
      .regex(HOSTNAME, 'must be a hostname such as example.com (no scheme or path)')
      .optional()
      .describe('Only results from this host (example.com)'),
    recency: z.enum(RECENCIES).optional().describe('Only results from the last day, week, month or year'),
    provider: z.enum(SEARCH_PROVIDERS).optional().describe('The search provider; by default the one configured'),
    timeoutMs: z.number().int().min(1).max(60_000).default(15_000).describe('Time allowed for the search, in milliseconds'),
  })
  .strict();

type WebSearchConfig = z.infer<typeof Config>;

/** A configured provider and the guard its requests go through. */
interface Configured {
  provider: SearchProvider;
  guard: OutboundGuard;
}

/** The providers `settings` configures, each with a guard that also lets its base URL's host through. */
function configuredProviders(settings: SearchSettings, allow: readonly string[]): Map<SearchProviderName, Configured> {
  const providers = [
    settings.searxng && searxngProvider(settings.searxng),
    settings.brave && braveProvider(settings.brave),
    settings.tavily && tavilyProvider(settings.tavily),
  ].filter((p): p is SearchProvider => p !== undefined);
  // The operator chose the base URL, so it is reachable even on a private address (a SearXNG on
  // 10.x or 127.0.0.1); the host is added to that provider's guard only.
  return new Map(
    providers.map((provider) => [provider.name, { provider, guard: createOutboundGuard({ allow: [...allow, new URL(provider.baseUrl).hostname] }) }]),
  );
}

/**
 * `web.search` over the configured providers (SearXNG, Brave, Tavily): a query's results as
 * `{ query, provider, results: [{ title, url, snippet, date }] }`.
 */
export function createWebSearchStep(settings: SearchSettings, allow: readonly string[]): StepType {
  const providers = configuredProviders(settings, allow);
  const fallback = defaultProvider(settings);
  return defineStepType<WebSearchConfig>({
    type: 'web.search',
    example: { id: 'news', with: { query: '{{ input.company }} annual report', limit: 5, recency: 'year' } },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'data',
    description:
      'Search the web: `query` (up to 400 characters), `limit` results (1–20, default 5), optionally on one `site` (example.com) ' +
      'and from the last `recency` (day, week, month, year). Returns `{ query, provider, results: [{ title, url, snippet, date }] }`: ' +
      'http(s) URLs, plain-text snippets, ISO dates or null. Uses the `provider` named (searxng, brave, tavily) or the one configured ' +
      '(ASSAY_SEARCH_PROVIDER, else the first of ASSAY_SEARXNG_URL, ASSAY_BRAVE_API_KEY, ASSAY_TAVILY_API_KEY).',
    config: Config,
    async execute(config, context) {
      const name = config.provider ?? fallback;
      if (name === null) {
        throw new AssayError(
          'invalid_input',
          'web.search has no search provider: set ASSAY_SEARXNG_URL (a SearXNG instance), ASSAY_BRAVE_API_KEY or ASSAY_TAVILY_API_KEY',
        );
      }
      const configured = providers.get(name);
      if (!configured) throw new AssayError('invalid_input', `provider: ${name} is not configured; set ${PROVIDER_SETTING[name]}`);
      const { provider, guard } = configured;
      const site = config.site?.toLowerCase();
      const raw = await fetchResults(provider, guard, { query: config.query, limit: config.limit, site, recency: config.recency }, {
        signal: context.signal,
        timeoutMs: config.timeoutMs,
        now: context.now(),
      });
      // A provider could echo its key in a result as well as in an error.
      const results: SearchResult[] = normalizeResults(raw, config.limit, site).map((r) => ({
        title: redact(r.title, provider.secrets),
        url: redact(r.url, provider.secrets),
        snippet: redact(r.snippet, provider.secrets),
        date: r.date,
      }));
      return { kind: 'completed', output: { query: config.query, provider: name, results } };
    },
  });
}
