import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { ParsedDocument, SourcePage } from './parsed-document';

/** Characters of a section past which it is split at a paragraph: a cited page stays readable. */
const MAX_SECTION_CHARS = 8000;

/** Whitespace inside a paragraph collapsed, paragraphs kept apart by a blank line. */
function tidy(paragraphs: string[]): string {
  return paragraphs
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** Sections as pages: empty ones dropped, long ones split at paragraphs, numbered from 1. */
function numbered(sections: Array<{ heading?: string; paragraphs: string[] }>): SourcePage[] {
  const pages: SourcePage[] = [];
  for (const section of sections) {
    let chunk: string[] = [];
    let size = 0;
    const flush = () => {
      const text = tidy(chunk);
      if (text) pages.push({ number: pages.length + 1, ...(section.heading && { heading: section.heading }), text });
      chunk = [];
      size = 0;
    };
    for (const paragraph of section.paragraphs) {
      if (size > 0 && size + paragraph.length > MAX_SECTION_CHARS) flush();
      chunk.push(paragraph);
      size += paragraph.length;
    }
    flush();
  }
  return pages;
}

/** HTML (a page's readable content, or a DOCX converted to HTML) into sections started by its h1–h3 headings. */
export function htmlSections(html: string, options: { readability: boolean }): ParsedDocument {
  let { document } = parseHTML(html.includes('<html') ? html : `<!doctype html><html><head></head><body>${html}</body></html>`);
  let title: string | null = document.title?.trim() || null;
  if (options.readability) {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
    if (article?.content) {
      title = article.title?.trim() || title;
      document = parseHTML(`<!doctype html><html><head></head><body>${article.content}</body></html>`).document;
    }
  }
  const sections: Array<{ heading?: string; paragraphs: string[] }> = [{ paragraphs: [] }];
  const blocks = document.body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, td, th, figcaption, dd, dt');
  for (const block of blocks) {
    const tag = block.tagName.toLowerCase();
    // A block inside another listed block (a paragraph in a list item) is read with its parent.
    if (block.parentElement?.closest('p, li, pre, blockquote, td, th, figcaption, dd, dt')) continue;
    const text = String(block.textContent ?? '');
    if (/^h[1-3]$/.test(tag)) {
      const heading = text.replace(/\s+/g, ' ').trim();
      if (heading) {
        title ??= heading;
        sections.push({ heading, paragraphs: [heading] });
      }
      continue;
    }
    sections.at(-1)!.paragraphs.push(text);
  }
  return { kind: 'html', title, pages: numbered(sections) };
}

/** Markdown into sections started by its `#`, `##` and `###` headings. */
export function markdownSections(markdown: string): ParsedDocument {
  const sections: Array<{ heading?: string; paragraphs: string[] }> = [{ paragraphs: [] }];
  let title: string | null = null;
  let fence = false;
  let paragraph: string[] = [];
  const end = () => {
    if (paragraph.length) sections.at(-1)!.paragraphs.push(paragraph.join(' '));
    paragraph = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = !fence && /^#{1,3}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      end();
      const text = heading[1]!.trim();
      title ??= text;
      sections.push({ heading: text, paragraphs: [text] });
    } else if (line.trim() === '' && !fence) end();
    else paragraph.push(line);
  }
  end();
  return { kind: 'markdown', title, pages: numbered(sections) };
}

/** Plain text: a page per form feed (as text extracted from paged documents marks them), paragraphs at blank lines. */
export function textSections(text: string): ParsedDocument {
  const sections = text.split('\f').map((page) => ({ paragraphs: page.split(/\n\s*\n/) }));
  const firstLine = text.trim().split('\n')[0]?.trim() ?? '';
  return { kind: 'text', title: firstLine.length > 0 && firstLine.length <= 200 ? firstLine : null, pages: numbered(sections) };
}
