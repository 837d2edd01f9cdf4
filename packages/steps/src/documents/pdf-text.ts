import type { Run } from './markdown-tokens';

/** The pdfkit document type. */
export type Pdf = PDFKit.PDFDocument;

/** Colours and sizes of the PDF layout. */
export const PDF_THEME = {
  text: '#1f2328',
  muted: '#57606a',
  link: '#0645ad',
  rule: '#9aa1a9',
  codeBackground: '#f1f3f5',
  headerBackground: '#e9ecef',
  bodySize: 10.5,
  lineGap: 2,
} as const;

/** Characters the standard (WinAnsi) fonts can draw besides Latin-1. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);
const FALLBACKS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u200b': '',
  '\u2713': 'v',
  '\u2717': 'x',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
};

/**
 * Makes text drawable by pdfkit's standard fonts, which only encode WinAnsi: accents outside it are
 * stripped (ą → a), a few symbols get ASCII stand-ins and anything else becomes "?".
 */
export function pdfSafe(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\t') out += '    ';
    else if (char === '\n' || (code >= 0x20 && code < 0x7f) || (code >= 0xa1 && code <= 0xff) || WIN_ANSI_EXTRA.has(code)) out += char;
    else if (FALLBACKS[char] !== undefined) out += FALLBACKS[char];
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else {
      const base = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base !== char && [...base].every((c) => c.charCodeAt(0) < 0x100) ? base : '?';
    }
  }
  return out;
}

/** The standard font for a run's style. */
export function fontFor(run: Pick<Run, 'bold' | 'italic' | 'code'>): string {
  if (run.code) return run.bold ? 'Courier-Bold' : run.italic ? 'Courier-Oblique' : 'Courier';
  if (run.bold && run.italic) return 'Helvetica-BoldOblique';
  if (run.bold) return 'Helvetica-Bold';
  return run.italic ? 'Helvetica-Oblique' : 'Helvetica';
}

/** The size of a footnote number against its text. */
const FOOTNOTE_SCALE = 0.62;

/** How to write a paragraph of runs. */
export interface RunStyle {
  size: number;
  color?: string;
  /** Forces every run bold (headings, table headers). */
  bold?: boolean;
  /** Forces every run italic. */
  italic?: boolean;
  align?: 'left' | 'center' | 'right' | 'justify';
}

/**
 * Writes styled runs as one flowing paragraph at (x, doc.y) within `width`, switching fonts between
 * runs (pdfkit's `continued` text). Links are blue, underlined and clickable; footnote numbers are
 * small and raised. Leaves doc.y below it.
 */
export function writeRuns(doc: Pdf, runs: Run[], x: number, width: number, style: RunStyle): void {
  const parts = runs
    .map((run) => ({ ...run, bold: run.bold || style.bold === true, italic: run.italic || style.italic === true, text: pdfSafe(run.text) }))
    .filter((run) => run.text !== '');
  if (parts.length === 0) return;
  const last = parts[parts.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, '') || ' ';
  // A line ends in the font of its last run: a paragraph ending in a footnote number ends in the body font.
  if (last?.footnote !== undefined) parts.push({ ...last, text: ' ', footnote: undefined, footnoteRepeat: undefined });
  const y = doc.y;
  parts.forEach((run, i) => {
    // pdfkit sets text by its top: a smaller font on the same line sits raised, as a superscript.
    // A line that breaks at a number still advances by the text's line height (the gap makes up the rest).
    let lineGap: number = PDF_THEME.lineGap;
    if (run.footnote !== undefined) lineGap += doc.font(fontFor(run)).fontSize(style.size).currentLineHeight(true) * (1 - FOOTNOTE_SCALE);
    const size = run.footnote !== undefined ? style.size * FOOTNOTE_SCALE : run.code ? style.size * 0.92 : style.size;
    doc
      .font(fontFor(run))
      .fontSize(size)
      .fillColor(run.link ? PDF_THEME.link : (style.color ?? PDF_THEME.text));
    const options: PDFKit.Mixins.TextOptions = {
      continued: i < parts.length - 1,
      underline: run.link !== undefined,
      strike: run.strike,
      link: run.link ?? null,
      lineGap,
      align: style.align ?? 'left',
    };
    if (i === 0) doc.text(run.text, x, y, { ...options, width });
    else doc.text(run.text, options);
  });
  doc.x = x;
  doc.fillColor(PDF_THEME.text);
}

/** The bottom of the writable area of the current page. */
export function pageBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page unless `height` points still fit below doc.y. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc) && doc.y > doc.page.margins.top) doc.addPage();
}

/** The index of the page being written (pages are buffered for the footer pass). */
export function currentPage(doc: Pdf): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}
