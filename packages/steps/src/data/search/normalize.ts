/** One result as a provider gave it, before normalisation (any field may be missing or of another type). */
export interface RawResult {
  title: unknown;
  url: unknown;
  snippet: unknown;
  date: unknown;
}

/** One result of `web.search`. */
export interface SearchResult {
  title: string;
  url: string;
  /** Plain text: no markup, entities decoded. */
  snippet: string;
  /** When the page was published (or last changed), as an ISO timestamp; null when the provider does not say. */
  date: string | null;
}

// Snippets carry a handful of entities (Brave's &#x27;, SearXNG's &amp;): a table this size covers
// them without loading an HTML parser for a few sentences. Unknown names are left as written.
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  euro: '€',
};

/** Decodes numeric (`&#39;`, `&#x27;`) and common named entities. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Code points that are not characters (NUL, surrogates, beyond Unicode) become the replacement character.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

const TAG = /<\/?([a-z][a-z0-9-]*)(\s[^<>]*)?\/?>/gi;
// Tags that separate words (a line break, a paragraph); any other (`<strong>`, `<a>`) sits inside the text.
const BREAKING = /^(br|p|div|li|ul|ol|tr|td|th|h[1-6]|hr|blockquote|section|article)$/i;

/**
 * A provider's snippet or title as plain text: tags dropped (Brave marks matches with `<strong>`),
 * then entities decoded (so an encoded `&lt;b&gt;` stays visible text), whitespace collapsed.
 */
export function plainText(value: unknown): string {
  if (typeof value !== 'string') return '';
  const untagged = value.replace(/<!--[\s\S]*?-->/g, '').replace(TAG, (_tag, name: string) => (BREAKING.test(name) ? ' ' : ''));
  return decodeEntities(untagged).replace(/\s+/g, ' ').trim();
}

/** The URL when it is an absolute http(s) URL (normalised), else null: a result must be a page a step can fetch. */
export function webUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2}|\b(GMT|UTC))$/i;

/**
 * A provider's date as an ISO timestamp, or null. JavaScript reads a date-time without a zone
 * (SearXNG's `2024-05-01T00:00:00`, Brave's `page_age`) in the server's local time; providers mean
 * UTC, so it is read as UTC, and so is a written-out date (`March 5, 2024`). Relative ages
 * (`3 days ago`), text without a year and anything else unparseable are null.
 */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const text = value.trim();
  // The legacy parser makes a date of almost anything ("1" is 2001): a date names its year.
  if (!/\b\d{4}\b/.test(text)) return null;
  const utc = ISO_WITHOUT_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : /^\d{4}-\d{2}-\d{2}$/.test(text) || HAS_ZONE.test(text) ? text : `${text} UTC`;
  const time = Date.parse(utc);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Whether `url` is on `site` or one of its subdomains. */
export function onSite(url: string, site: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  const wanted = site.toLowerCase();
  return host === wanted || host.endsWith(`.${wanted}`);
}

/**
 * The results as `web.search` returns them: http(s) URLs only, each once, plain-text titles and
 * snippets, ISO dates, on `site` when one is given (some SearXNG engines ignore `site:`), at most `limit`.
 */
export function normalizeResults(raw: readonly RawResult[], limit: number, site?: string): SearchResult[] {
  const results: SearchResult[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    if (results.length >= limit) break;
    const url = webUrl(item.url);
    if (url === null || seen.has(url) || (site !== undefined && !onSite(url, site))) continue;
    seen.add(url);
    results.push({ title: plainText(item.title) || url, url, snippet: plainText(item.snippet), date: isoDate(item.date) });
  }
  return results;
}
