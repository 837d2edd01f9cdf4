import type { RawResult } from './normalize';
import type { Recency, SearchProviderName } from './settings';

/** What a step asks a provider for. `site` is a validated hostname. */
export interface SearchQuery {
  query: string;
  limit: number;
  site?: string;
  recency?: Recency;
}

/** One HTTP request to a provider. */
export interface ProviderRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** A search provider's protocol: how to ask it, and how to read its answer. */
export interface SearchProvider {
  name: SearchProviderName;
  /** Its base URL (set by the operator): its host is reachable even when private. */
  baseUrl: string;
  /** Values never to show in an output, error or log (its API key). */
  secrets: readonly string[];
  /** What to tell the operator when the provider refuses the request (401, 403). */
  refusedHint: string;
  request(query: SearchQuery): ProviderRequest;
  /** The results of a 2xx JSON answer, in the provider's order. */
  results(body: unknown): RawResult[];
  /** The message in an error answer's JSON body, when the provider has a place for one. */
  errorText?(body: unknown): unknown;
  /** The Retry-After of a refused request, when the provider says it another way (lower-cased header names). */
  retryAfter?(headers: Record<string, string>): string | null;
}

/** `site:host` appended to the query, the operator SearXNG's engines and Brave understand. */
export function withSite(query: SearchQuery): string {
  return query.site === undefined ? query.query : `${query.query} site:${query.site}`;
}

/** `value[key]` when `value` is an object, else undefined: provider answers are read without trusting their shape. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** `value` when it is an array, else an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
