/** The web search providers `web.search` can ask, in the order the default is chosen from. */
export const SEARCH_PROVIDERS = ['searxng', 'brave', 'tavily'] as const;
export type SearchProviderName = (typeof SEARCH_PROVIDERS)[number];

/** How far back results may go (`recency`). */
export const RECENCIES = ['day', 'week', 'month', 'year'] as const;
export type Recency = (typeof RECENCIES)[number];

/** The setting that configures each provider: named when a step asks for one that is missing. */
export const PROVIDER_SETTING: Record<SearchProviderName, string> = {
  searxng: 'ASSAY_SEARXNG_URL',
  brave: 'ASSAY_BRAVE_API_KEY',
  tavily: 'ASSAY_TAVILY_API_KEY',
};

/** Web search settings, read and validated by the composition root (`packages/runtime/src/config.ts`). */
export interface SearchSettings {
  /** ASSAY_SEARCH_PROVIDER: the provider a step without `provider` uses (it must be configured). */
  preferred?: SearchProviderName;
  /** A self-hosted SearXNG (ASSAY_SEARXNG_URL), its JSON format enabled. */
  searxng?: { baseUrl: string };
  /** Brave Search (ASSAY_BRAVE_API_KEY, ASSAY_BRAVE_BASE_URL). */
  brave?: { apiKey: string; baseUrl: string };
  /** Tavily (ASSAY_TAVILY_API_KEY, ASSAY_TAVILY_BASE_URL). */
  tavily?: { apiKey: string; baseUrl: string };
}

/** The provider a step without `provider` uses: ASSAY_SEARCH_PROVIDER, else the first configured; null when none is. */
export function defaultProvider(settings: SearchSettings): SearchProviderName | null {
  if (settings.preferred && settings[settings.preferred]) return settings.preferred;
  return SEARCH_PROVIDERS.find((name) => settings[name] !== undefined) ?? null;
}
