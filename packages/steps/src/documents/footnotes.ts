import { AssayError, type Citation } from '@assay/schema';

/**
 * Citations as footnotes: a template writes `[^label]` where a claim rests on the citation with that
 * id. The markers are numbered 1, 2, … in order of first appearance (the same label again reuses its
 * number), the Markdown gets GFM footnotes, and each renderer draws the numbers and the notes.
 */

/** One numbered note, as the renderers draw it. */
export interface Footnote {
  number: number;
  /** The cited citation's id (the marker's label). */
  label: string;
  /** The note without its URL and flag: `Title, p. 3. “quote”` (missing parts left out). */
  text: string;
  /** The citation's URL, if it has one. */
  url: string | null;
  /** The URL when it may be a link (http or https). */
  href: string | null;
  verified: boolean;
}

/** A `[^label]` marker in a template: where it is and what it names. */
export interface FootnoteMarker {
  start: number;
  end: number;
  label: string;
}

const LABEL = /[A-Za-z0-9_.:-]+/y;
const FENCE = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * The `[^label]` markers of a Markdown text in order, outside fenced code blocks and code spans (a
 * marker there is text). A backslash-escaped `\[^x]` is no marker either.
 */
export function findFootnoteMarkers(markdown: string): FootnoteMarker[] {
  return scanMarkdown(markdown).markers;
}

/** The opening of a fence on this line (inside quotes and list items too), or undefined. */
function fenceOf(line: string): { run: string; rest: string } | undefined {
  if (!line.includes('```') && !line.includes('~~~')) return undefined;
  const match = FENCE.exec(line);
  return match?.[1] === undefined ? undefined : { run: match[1], rest: match[2] ?? '' };
}

/** The markers, and the fence still open at the end (if the text ends inside a code block). */
function scanMarkdown(markdown: string): { markers: FootnoteMarker[]; openFence: string | null } {
  const markers: FootnoteMarker[] = [];
  let fence: string | null = null;
  let segmentStart = -1;
  let offset = 0;
  const endSegment = (end: number) => {
    if (segmentStart >= 0) scanSegment(markdown, segmentStart, end, markers);
    segmentStart = -1;
  };
  while (offset <= markdown.length) {
    const newline = markdown.indexOf('\n', offset);
    const lineEnd = newline < 0 ? markdown.length : newline;
    const line = markdown.slice(offset, lineEnd);
    const found = fenceOf(line);
    if (fence !== null) {
      if (found && found.run[0] === fence[0] && found.run.length >= fence.length && found.rest.trim() === '') fence = null;
    } else if (found && !(found.run[0] === '`' && found.rest.includes('`'))) {
      endSegment(offset);
      fence = found.run;
    } else if (line.trim() === '') {
      endSegment(offset);
    } else if (ATX_HEADING.test(line)) {
      endSegment(offset);
      scanSegment(markdown, offset, lineEnd, markers);
    } else if (segmentStart < 0) {
      segmentStart = offset;
    }
    if (newline < 0) break;
    offset = newline + 1;
  }
  endSegment(markdown.length);
  return { markers, openFence: fence };
}

/** Finds the markers of one paragraph-like stretch, skipping its code spans and escapes. */
function scanSegment(text: string, start: number, end: number, into: FootnoteMarker[]): void {
  // The backtick strings of the stretch by length, so a code span's closer is found without rescanning.
  const runs = new Map<number, { at: number[]; next: number }>();
  for (let i = start; i < end;) {
    if (text[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (j < end && text[j] === '`') j++;
    const list = runs.get(j - i) ?? { at: [], next: 0 };
    list.at.push(i);
    runs.set(j - i, list);
    i = j;
  }
  let i = start;
  while (i < end) {
    const char = text[i];
    if (char === '\\' && i + 1 < end && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) {
      i += 2;
    } else if (char === '`') {
      let j = i;
      while (j < end && text[j] === '`') j++;
      const length = j - i;
      const closers = runs.get(length);
      let close = -1;
      if (closers) {
        while (closers.next < closers.at.length && (closers.at[closers.next] ?? end) < j) closers.next++;
        close = closers.at[closers.next] ?? -1;
      }
      i = close >= 0 ? close + length : j; // an unmatched backtick string is text
    } else if (char === '[' && text[i + 1] === '^') {
      LABEL.lastIndex = i + 2;
      const label = LABEL.exec(text)?.[0];
      const close = i + 2 + (label?.length ?? 0);
      if (label && close < end && text[close] === ']') {
        into.push({ start: i, end: close + 1, label });
        i = close + 1;
      } else {
        i += 2;
      }
    } else {
      i++;
    }
  }
}

/** The parts of a citation's note: `Title, p. 3. “quote”`, its URL and whether it was verified. */
export function footnoteOf(citation: Citation, number: number): Footnote {
  const clean = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
  const url = clean(citation.url) || null;
  // A source without a title or URL is named by its id, so the note still says where the quote is from.
  const title = clean(citation.title) || (url ? '' : clean(citation.sourceId));
  let head = [title, citation.page === null || citation.page === undefined ? '' : `p. ${citation.page}`].filter(Boolean).join(', ');
  if (head && !/[.!?]$/.test(head)) head += '.';
  const quote = clean(citation.quote);
  const text = [head, quote ? `\u201c${quote}\u201d` : ''].filter(Boolean).join(' ');
  return { number, label: citation.id, text, url, href: url && /^https?:\/\//i.test(url) ? url : null, verified: citation.verified };
}

/** A note as one line of plain text: `Title, p. 3. “quote” URL`, with ` (unverified)` when it was not verified. */
export function footnoteText(note: Footnote): string {
  return [note.text, note.url ?? ''].filter(Boolean).join(' ') + (note.verified ? '' : ' (unverified)');
}

/** The Markdown of a note for a GFM definition: the text escaped, an http(s) URL bare (GFM links it). */
function footnoteMarkdown(note: Footnote): string {
  const escape = (text: string) => text.replace(/[\\`*_[\]<>&~|]/g, '\\$&');
  const url = note.url === null ? '' : note.href && !/[\s<>]/.test(note.href) ? note.href : escape(note.url);
  return [escape(note.text), url].filter(Boolean).join(' ') + (note.verified ? '' : ' (unverified)');
}

/** The template with its markers numbered, and the notes in number order. */
export interface ResolvedFootnotes {
  /** The template with each `[^label]` as `[^n]`. */
  markdown: string;
  footnotes: Footnote[];
}

/**
 * Numbers the template's markers by the citations: `[^label]` becomes `[^n]`, n counting labels in
 * order of first appearance. A label no citation has, or one two different citations have, is an
 * `invalid_input` error naming it (`path` is the step's `with`, e.g. `steps.memo.with`).
 */
export function resolveFootnotes(template: string, citations: Citation[], path: string): ResolvedFootnotes {
  const byId = new Map<string, Citation[]>();
  for (const citation of citations) {
    const same = byId.get(citation.id);
    if (same) same.push(citation);
    else byId.set(citation.id, [citation]);
  }
  const numbers = new Map<string, number>();
  const footnotes: Footnote[] = [];
  const parts: string[] = [];
  let last = 0;
  for (const marker of findFootnoteMarkers(template)) {
    let number = numbers.get(marker.label);
    if (number === undefined) {
      const cited = byId.get(marker.label);
      if (!cited) throw unknownLabel(marker.label, byId, `${path}.template`);
      const note = footnoteOf(cited[0] as Citation, footnotes.length + 1);
      if (cited.some((other) => footnoteText(footnoteOf(other, note.number)) !== footnoteText(note))) {
        const message = `${cited.length} different citations have the id "${marker.label}", so [^${marker.label}] in the template is ambiguous: give them distinct ids`;
        throw new AssayError('invalid_input', `${path}.citations: ${message}`, { details: [{ path: `${path}.citations`, message }] });
      }
      number = note.number;
      numbers.set(marker.label, number);
      footnotes.push(note);
    }
    parts.push(template.slice(last, marker.start), `[^${number}]`);
    last = marker.end;
  }
  parts.push(template.slice(last));
  return { markdown: parts.join(''), footnotes };
}

function unknownLabel(label: string, byId: Map<string, unknown>, path: string): AssayError {
  const ids = [...byId.keys()];
  const known =
    ids.length === 0
      ? 'citations is empty'
      : `the citations' ids are ${ids
          .slice(0, 10)
          .map((id) => `"${id}"`)
          .join(', ')}${ids.length > 10 ? ', …' : ''}`;
  const message = `[^${label}] cites "${label}", but no citation has that id (${known})`;
  return new AssayError('invalid_input', `${path}: ${message}`, { details: [{ path, message }] });
}

/**
 * The Markdown with GFM footnotes: the numbered template, then a blank line and one `[^n]: note`
 * definition a note. Without notes it is the template as it is.
 */
export function withFootnoteDefinitions(markdown: string, footnotes: Footnote[]): string {
  if (footnotes.length === 0) return markdown;
  let body = markdown.trimEnd();
  // An unclosed fence runs to the end of the document: close it, or it would swallow the definitions.
  const open = scanMarkdown(body).openFence;
  if (open) body += `\n${open}`;
  return `${body}\n\n${footnotes.map((note) => `[^${note.number}]: ${footnoteMarkdown(note)}`).join('\n')}\n`;
}
