import { Lexer, Marked, type Token, type TokenizerExtension, type Tokens, type TokensList } from 'marked';
import type { Footnote } from './footnotes';

/** A stretch of inline text with one style, as the PDF and DOCX renderers lay it out. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
  strike: boolean;
  /** The target of a link run (only safe schemes: http, https, mailto). */
  link?: string;
  /** A footnote reference: the note's number (the run's text), drawn as a superscript. */
  footnote?: number;
  /** The reference repeats a number used earlier in the document (a second marker of one citation). */
  footnoteRepeat?: boolean;
}

/** One item of a list: its blocks (the first is usually the item's paragraph). */
export interface ListItem {
  blocks: Block[];
  /** For task items: whether the box is ticked. */
  checked?: boolean;
}

/** A block of a Markdown document, flattened from marked's tokens. */
export type Block =
  | { kind: 'heading'; level: number; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { kind: 'table'; header: Run[][]; rows: Run[][][]; align: Array<'left' | 'center' | 'right' | null> }
  | { kind: 'blockquote'; blocks: Block[] }
  | { kind: 'code'; text: string; lang: string }
  | { kind: 'hr' };

/** Markdown parsed once: marked's tokens (for HTML) and the flattened blocks (for PDF and DOCX). */
export interface ParsedMarkdown {
  markdown: string;
  tokens: TokensList;
  blocks: Block[];
  /** The plain text of the first heading, if any. */
  firstHeading: string | undefined;
  /** The notes the `[^n]` markers refer to, in number order (empty without citations). */
  footnotes: Footnote[];
}

/** marked's token for a `[^n]` footnote marker. */
export interface FootnoteRefToken {
  type: 'footnoteRef';
  raw: string;
  number: number;
  /** 1 for the first marker with this number in the document, 2 for the next, … */
  occurrence: number;
}

/** Recognises `[^n]` for the notes 1..count (markers in code stay code: marked never lexes code inline). */
function footnoteRefs(count: number): TokenizerExtension {
  return {
    name: 'footnoteRef',
    level: 'inline',
    start: (src: string) => {
      const at = src.indexOf('[^');
      return at < 0 ? undefined : at;
    },
    tokenizer(src: string) {
      const match = /^\[\^(\d{1,6})\]/.exec(src);
      const number = Number(match?.[1]);
      if (!match || number < 1 || number > count) return undefined;
      return { type: 'footnoteRef', raw: match[0], number, occurrence: 0 } satisfies FootnoteRefToken;
    },
  };
}

/**
 * Parses Markdown (GFM: tables, strikethrough, task lists) with marked's lexer. With `footnotes`,
 * the `[^n]` markers `resolveFootnotes` left are footnote references (runs with `footnote: n`).
 */
export function parseMarkdown(markdown: string, footnotes: Footnote[] = []): ParsedMarkdown {
  let tokens: TokensList;
  if (footnotes.length === 0) tokens = new Lexer({ gfm: true }).lex(markdown);
  else {
    const marked = new Marked({ gfm: true, extensions: [footnoteRefs(footnotes.length)] });
    tokens = marked.lexer(markdown);
    const seen = new Map<number, number>();
    marked.walkTokens(tokens, (token) => {
      if (token.type !== 'footnoteRef') return;
      const ref = token as unknown as FootnoteRefToken;
      ref.occurrence = (seen.get(ref.number) ?? 0) + 1;
      seen.set(ref.number, ref.occurrence);
    });
  }
  const blocks = toBlocks(tokens);
  const heading = findHeading(blocks);
  const title = heading === undefined ? undefined : runsText(heading.filter((run) => run.footnote === undefined)).trim() || undefined;
  return { markdown, tokens, blocks, firstHeading: title, footnotes };
}

/** Accepts Markdown text or an already parsed document, so callers can parse once for many formats. */
export function asParsed(input: string | ParsedMarkdown): ParsedMarkdown {
  return typeof input === 'string' ? parseMarkdown(input) : input;
}

/** The plain text of runs. */
export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join('');
}

/** Decodes the HTML entities marked leaves in text (`&amp;`, `&#39;`, `&#x2014;`, …). */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: '\u00a0',
    mdash: '\u2014',
    ndash: '\u2013',
    hellip: '\u2026',
    copy: '\u00a9',
  };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[body.toLowerCase()] ?? whole;
  });
}

/** Whether a link target may become a clickable link (no `javascript:` and the like). */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (/^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return undefined;
  return trimmed === '' ? undefined : trimmed;
}

function findHeading(blocks: Block[]): Run[] | undefined {
  for (const block of blocks) if (block.kind === 'heading') return block.runs;
  return undefined;
}

function toBlocks(tokens: Token[]): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens) {
    const block = toBlock(token as Tokens.Generic);
    if (block) blocks.push(block);
  }
  return blocks;
}

function toBlock(token: Tokens.Generic): Block | undefined {
  switch (token.type) {
    case 'heading':
      return { kind: 'heading', level: (token as Tokens.Heading).depth, runs: inlineRuns(token.tokens ?? []) };
    case 'paragraph':
      return { kind: 'paragraph', runs: inlineRuns(token.tokens ?? []) };
    case 'text':
      return { kind: 'paragraph', runs: token.tokens ? inlineRuns(token.tokens) : [plain(decodeEntities(String(token.text)))] };
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item) => ({ blocks: toBlocks(item.tokens), ...(item.task ? { checked: item.checked === true } : {}) }));
      return { kind: 'list', ordered: list.ordered, start: typeof list.start === 'number' ? list.start : 1, items };
    }
    case 'table': {
      const table = token as Tokens.Table;
      return {
        kind: 'table',
        header: table.header.map((c) => inlineRuns(c.tokens)),
        rows: table.rows.map((row) => row.map((c) => inlineRuns(c.tokens))),
        align: table.align,
      };
    }
    case 'blockquote':
      return { kind: 'blockquote', blocks: toBlocks(token.tokens ?? []) };
    case 'code':
      return { kind: 'code', text: String(token.text), lang: String(token.lang ?? '') };
    case 'hr':
      return { kind: 'hr' };
    case 'html': {
      const text = String(token.text).trim(); // raw HTML is shown as text, as the HTML renderer escapes it
      return text ? { kind: 'paragraph', runs: [plain(text)] } : undefined;
    }
    default:
      return undefined; // space, def, checkbox
  }
}

type Style = Omit<Run, 'text'>;
const PLAIN: Style = { bold: false, italic: false, code: false, strike: false };

function plain(text: string): Run {
  return { text, ...PLAIN };
}

/** Flattens marked's inline tokens into styled runs. */
export function inlineRuns(tokens: Token[], style: Style = PLAIN): Run[] {
  const runs: Run[] = [];
  const push = (text: string, at: Style) => {
    if (text !== '') runs.push({ text, ...at });
  };
  for (const raw of tokens) {
    const token = raw as Tokens.Generic;
    switch (token.type) {
      case 'strong':
        runs.push(...inlineRuns(token.tokens ?? [], { ...style, bold: true }));
        break;
      case 'em':
        runs.push(...inlineRuns(token.tokens ?? [], { ...style, italic: true }));
        break;
      case 'del':
        runs.push(...inlineRuns(token.tokens ?? [], { ...style, strike: true }));
        break;
      case 'codespan':
        push(decodeEntities(String(token.text)), { ...style, code: true });
        break;
      case 'link': {
        const link = safeHref(String(token.href));
        const inner = inlineRuns(token.tokens ?? [], link ? { ...style, link } : style);
        runs.push(...(inner.length > 0 ? inner : [{ text: String(token.href), ...style, ...(link ? { link } : {}) }]));
        break;
      }
      case 'image':
        push(decodeEntities(String(token.text || token.href)), { ...style, italic: true });
        break;
      case 'br':
        push('\n', style);
        break;
      case 'html':
        push(String(token.text), style); // raw HTML is shown as text, as the HTML renderer escapes it
        break;
      case 'footnoteRef': {
        const ref = token as unknown as FootnoteRefToken;
        runs.push({
          text: String(ref.number),
          ...PLAIN,
          bold: style.bold,
          italic: style.italic,
          footnote: ref.number,
          ...(ref.occurrence > 1 ? { footnoteRepeat: true } : {}),
        });
        break;
      }
      case 'text':
        if (token.tokens && token.tokens.length > 0) runs.push(...inlineRuns(token.tokens, style));
        else push(decodeEntities(String(token.text)), style);
        break;
      default:
        push(decodeEntities(String(token.text ?? '')), style); // escape, checkbox and the rest
    }
  }
  return mergeRuns(runs);
}

function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (
      last &&
      last.footnote === undefined &&
      run.footnote === undefined &&
      last.bold === run.bold &&
      last.italic === run.italic &&
      last.code === run.code &&
      last.strike === run.strike &&
      last.link === run.link
    )
      last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}
