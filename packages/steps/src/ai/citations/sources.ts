import { AssayError } from '@assay/schema';

/** A text an AI step may cite: one page (or the whole) of a document, a web page, a passage, a row. */
export interface Source {
  /** What a citation names: a document id, a URL, a row's id, or an id made up from its place. */
  id: string;
  /** A PDF page or a section number; null for a source without pages. */
  page: number | null;
  title: string | null;
  url: string | null;
  text: string;
}

/** How many sources, and how much of their text, one step may put in front of a model. */
export const SOURCE_LIMITS = { count: 1000, chars: 1_000_000 } as const;

type Record_ = Record<string, unknown>;

/**
 * The sources in a value a step was given (or a tool answered), recognised by shape:
 * `document.search`'s `{ passages }`, a document or `document.parse` output with `pages`,
 * `web.extract`'s `{ url, title, text }`, `web.search`'s `{ results }`, lookups' `{ rows }` or
 * `{ row }`, a bare string, or any other object (a row: its fields as "name: value" lines).
 * Arrays are read item by item. `fallback` names a source that carries no id of its own (by its
 * place: `source-2`, `source-2-1`, …).
 */
export function collectSources(value: unknown, fallback = 'source'): Source[] {
  const found: Source[] = [];
  visit(value, fallback, found, 0);
  return dedupe(found);
}

function visit(value: unknown, fallback: string, into: Source[], depth: number): void {
  if (value === null || value === undefined || depth > 6) return;
  if (typeof value === 'string') {
    if (value.trim()) into.push({ id: fallback, page: null, title: null, url: null, text: value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, `${fallback}-${i + 1}`, into, depth + 1));
    return;
  }
  if (typeof value !== 'object') {
    into.push({ id: fallback, page: null, title: null, url: null, text: String(value) });
    return;
  }
  const object = value as Record_;
  if (Array.isArray(object.passages)) return visit(object.passages, fallback, into, depth + 1);
  if (Array.isArray(object.results)) return visit(object.results, fallback, into, depth + 1);
  if (Array.isArray(object.rows)) return visit(object.rows, fallback, into, depth + 1);
  if (object.row && typeof object.row === 'object') return visit(object.row, fallback, into, depth + 1);
  const id = text(object.documentId) ?? text(object.id) ?? text(object.url) ?? fallback;
  const title = text(object.title);
  const url = text(object.url) ?? null;
  if (Array.isArray(object.pages)) {
    for (const page of object.pages as unknown[]) {
      const p = (page ?? {}) as Record_;
      if (typeof p.text === 'string' && p.text.trim())
        into.push({ id, page: pageNumber(p.number ?? p.page), title: title ?? null, url, text: p.text });
    }
    return;
  }
  // A passage's words, a page's text, or a search result's snippet.
  const body = text(object.text) ?? text(object.snippet) ?? text(object.content);
  if (body !== undefined) {
    into.push({ id, page: pageNumber(object.page), title: title ?? null, url, text: body });
    return;
  }
  into.push({ id: text(object.id) ?? fallback, page: null, title: title ?? null, url, text: rowText(object) });
}

/** A row as the model reads and quotes it: one "name: value" line a field. */
function rowText(row: Record_): string {
  return Object.entries(row)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('\n');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function pageNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** The same passage found twice (two searches returning it) is one source. */
function dedupe(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.id}\u0000${s.page}\u0000${s.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Refuses more sources than a step may send, naming the config field. */
export function checkSourceLimits(sources: Source[], path: string): void {
  const chars = sources.reduce((sum, s) => sum + s.text.length, 0);
  if (sources.length > SOURCE_LIMITS.count || chars > SOURCE_LIMITS.chars)
    throw new AssayError(
      'invalid_input',
      `${path}: ${sources.length.toLocaleString('en-US')} sources with ${chars.toLocaleString('en-US')} characters of text; a step may cite at most ${SOURCE_LIMITS.count.toLocaleString('en-US')} sources and ${SOURCE_LIMITS.chars.toLocaleString('en-US')} characters (search for fewer passages)`,
      { details: [{ path, message: 'too many sources' }] },
    );
}

/** The sources as the model reads them: each in a tag naming what a citation must give. */
export function sourcesPrompt(sources: Source[]): string {
  return sources
    .map((s) => {
      const attributes = [`id="${attr(s.id)}"`, s.page === null ? '' : `page="${s.page}"`, s.title ? `title="${attr(s.title)}"` : '']
        .filter(Boolean)
        .join(' ');
      // A source cannot close its own tag early and speak as the prompt.
      return `<source ${attributes}>\n${s.text.replace(/<\/source/gi, '< /source')}\n</source>`;
    })
    .join('\n\n');
}

function attr(value: string): string {
  return value.replace(/["\n\r]/g, ' ').slice(0, 500);
}
