import type { SourcePage } from './parsed-document';

/** One passage search reads: a piece of a page, small enough to quote and to hand a model. */
export interface Passage {
  page: number;
  text: string;
}

/** Characters a passage aims at; paragraphs are kept whole up to twice that, then split at sentences. */
const TARGET_CHARS = 800;

/**
 * The passages of a document's pages: paragraphs gathered up to about 800 characters, never across
 * a page (a passage cites one page); a paragraph longer than 1,600 is split at sentence ends.
 */
export function passagesOf(pages: readonly SourcePage[]): Passage[] {
  const passages: Passage[] = [];
  for (const page of pages) {
    let current = '';
    const flush = () => {
      if (current.trim()) passages.push({ page: page.number, text: current.trim() });
      current = '';
    };
    for (const paragraph of page.text.split(/\n\s*\n/).flatMap(splitLong)) {
      if (current && current.length + paragraph.length > TARGET_CHARS) flush();
      current = current ? `${current}\n\n${paragraph}` : paragraph;
    }
    flush();
  }
  return passages;
}

/** A paragraph over twice the target, split at sentence ends (or hard, when it has none). */
function splitLong(paragraph: string): string[] {
  if (paragraph.length <= TARGET_CHARS * 2) return [paragraph];
  const pieces: string[] = [];
  let current = '';
  for (const sentence of paragraph.match(/[^.!?]+[.!?]+["')\]]*\s*|[^.!?]+$/g) ?? [paragraph]) {
    if (current && current.length + sentence.length > TARGET_CHARS) {
      pieces.push(current.trim());
      current = '';
    }
    current += sentence;
    while (current.length > TARGET_CHARS * 2) {
      pieces.push(current.slice(0, TARGET_CHARS).trim());
      current = current.slice(TARGET_CHARS);
    }
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}
