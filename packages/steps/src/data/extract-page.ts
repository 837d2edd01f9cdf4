import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

/** What `web.extract` returns for a page. */
export interface ExtractedPage {
  url: string;
  title: string;
  description: string;
  text: string;
  links: { text: string; href: string }[];
}

const MAX_LINKS = 200;

/** Collapses runs of whitespace to single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Readable text with paragraph breaks kept as blank lines and other whitespace collapsed. */
function readableText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = document.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, td, th, figcaption, dd, dt');
  for (const block of blocks) block.append(document.createTextNode('\n\n'));
  return String(document.body.textContent ?? '')
    .split(/\n\s*\n/)
    .map(collapseWhitespace)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/**
 * Extracts a page's title, description, readable text (Mozilla Readability over linkedom; paragraphs
 * separated by blank lines, whitespace collapsed, truncated to `maxChars`) and its unique absolute
 * http(s) links (at most 200), resolved against `<base href>` or the page URL.
 */
export function extractPage(html: string, pageUrl: string, maxChars: number): ExtractedPage {
  const { document } = parseHTML(html);
  const meta = (selector: string) => collapseWhitespace(document.querySelector(selector)?.getAttribute('content') ?? '');
  const description = meta('meta[name="description" i]') || meta('meta[property="og:description"]') || meta('meta[name="og:description"]');
  const baseHref = document.querySelector('base[href]')?.getAttribute('href');
  let base = pageUrl;
  try {
    if (baseHref) base = new URL(baseHref, pageUrl).href;
  } catch {
    base = pageUrl;
  }
  const links: ExtractedPage['links'] = [];
  const seen = new Set<string>();
  for (const anchor of document.querySelectorAll('a[href]')) {
    if (links.length >= MAX_LINKS) break;
    const raw = anchor.getAttribute('href')?.trim() ?? '';
    if (raw === '' || raw.startsWith('#')) continue;
    let href: string;
    try {
      href = new URL(raw, base).href;
    } catch {
      continue;
    }
    if (!/^https?:/i.test(href) || seen.has(href)) continue;
    seen.add(href);
    links.push({ text: collapseWhitespace(anchor.textContent ?? ''), href });
  }
  const docTitle = collapseWhitespace(document.title ?? '') || meta('meta[property="og:title"]');
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
  const text = article?.content ? readableText(article.content) : collapseWhitespace(article?.textContent ?? document.body?.textContent ?? '');
  return {
    url: pageUrl,
    title: collapseWhitespace(article?.title ?? '') || docTitle,
    description,
    text: text.length > maxChars ? text.slice(0, maxChars) : text,
    links,
  };
}
