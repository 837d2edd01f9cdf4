import { Marked, type Tokens } from 'marked';
import type { Footnote } from './footnotes';
import { asParsed, safeHref, type FootnoteRefToken, type ParsedMarkdown } from './markdown-tokens';

/** Options shared by the document renderers. */
export interface RenderOptions {
  /** The document title; defaults to the first heading. */
  title?: string;
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

// Raw HTML in the template is shown as text, never injected: templates carry data from inputs, the web
// and models, and the HTML artifact is served by the API. Links with unsafe schemes become plain text.
const marked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text);
      return 'block' in token && token.block ? `<p>${text}</p>\n` : text;
    },
    link(token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (!href) return inner;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
      return `<a href="${escapeHtml(href)}"${title}>${inner}</a>`;
    },
    image(token: Tokens.Image) {
      const src = safeHref(token.href);
      return src ? `<img src="${escapeHtml(src)}" alt="${escapeHtml(token.text)}">` : escapeHtml(token.text);
    },
  },
  extensions: [
    {
      // A footnote marker: the first one of a number is what the note's back-link returns to.
      name: 'footnoteRef',
      renderer(token) {
        const { number, occurrence } = token as unknown as FootnoteRefToken;
        const id = occurrence > 1 ? `fnref-${number}-${occurrence}` : `fnref-${number}`;
        return `<sup class="footnote-ref"><a href="#fn-${number}" id="${id}">${number}</a></sup>`;
      },
    },
  ],
});

/** The notes at the end of the page: each with its text, its URL (a link when http or https) and a back-link. */
function footnotesHtml(footnotes: Footnote[]): string {
  if (footnotes.length === 0) return '';
  const items = footnotes.map((note) => {
    const url =
      note.url === null ? '' : note.href ? `<a href="${escapeHtml(note.href)}">${escapeHtml(note.url)}</a>` : escapeHtml(note.url);
    const text = [escapeHtml(note.text), url].filter(Boolean).join(' ') + (note.verified ? '' : ' (unverified)');
    return `<li id="fn-${note.number}">${text} <a href="#fnref-${note.number}">\u21a9</a></li>`;
  });
  return `\n<section class="footnotes"><hr><ol>${items.join('')}</ol></section>`;
}

const STYLE = `
  :root { color-scheme: light; }
  body { font: 16px/1.6 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 46rem; margin: 2.5rem auto; padding: 0 1.25rem; }
  h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; }
  h1 { font-size: 2em; border-bottom: 1px solid #d8dee4; padding-bottom: 0.3em; }
  h2 { font-size: 1.5em; border-bottom: 1px solid #d8dee4; padding-bottom: 0.3em; }
  h3 { font-size: 1.25em; }
  p, ul, ol, table, blockquote, pre { margin: 0 0 1em; }
  a { color: #0969da; }
  code { font: 0.9em ui-monospace, Menlo, Consolas, monospace; background: #f0f1f2; padding: 0.15em 0.35em; border-radius: 4px; }
  pre { background: #f6f8fa; padding: 0.9em 1em; border-radius: 6px; overflow-x: auto; }
  pre code { background: none; padding: 0; }
  blockquote { margin-left: 0; padding: 0 1em; color: #59636e; border-left: 0.25em solid #d1d9e0; }
  table { border-collapse: collapse; display: block; overflow-x: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 0.4em 0.8em; }
  th { background: #f6f8fa; font-weight: 600; }
  tr:nth-child(even) td { background: #fafbfc; }
  hr { border: 0; border-top: 1px solid #d1d9e0; margin: 1.5em 0; }
  img { max-width: 100%; }
  sup.footnote-ref a { text-decoration: none; }
  .footnotes { font-size: 0.875em; color: #59636e; }
  .footnotes li { overflow-wrap: anywhere; }
`;

/**
 * Renders Markdown (or an already parsed document) to a complete HTML5 document: doctype, charset,
 * escaped title (the given title, else the first heading, else "Document"), an embedded stylesheet
 * and the Markdown as the body, then its footnotes (if any). Raw HTML in the Markdown is escaped, not
 * passed through.
 */
export function renderHtml(input: string | ParsedMarkdown, options: RenderOptions = {}): string {
  const parsed = asParsed(input);
  const title = options.title?.trim() || parsed.firstHeading || 'Document';
  const body = marked.parser(parsed.tokens).trimEnd() + footnotesHtml(parsed.footnotes);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
