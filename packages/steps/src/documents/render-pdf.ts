import PDFDocument from 'pdfkit';
import type { Footnote } from './footnotes';
import { asParsed, type Block, type ListItem, type ParsedMarkdown, type Run } from './markdown-tokens';
import { drawTable } from './pdf-table';
import { PDF_THEME, currentPage, ensureSpace, pageBottom, pdfSafe, writeRuns, type Pdf } from './pdf-text';
import type { RenderOptions } from './render-html';

const HEADING_SIZES = [22, 17, 14, 12, 11, 10];
const MARGIN = 64;

/** Where and how blocks are being written: left edge, width, and the text colour (grey inside quotes). */
interface Frame {
  x: number;
  width: number;
  color: string;
  /** Nesting depth of lists, for bullet shapes. */
  depth: number;
  /** Tighter spacing inside list items. */
  tight: boolean;
}

/**
 * Renders Markdown (or an already parsed document) to an A4 PDF with pdfkit's standard fonts:
 * sized bold headings, styled runs, nested bullet/numbered lists, grid tables, clickable links,
 * barred block quotes, shaded Courier code blocks, automatic page breaks and "Page n of N" footers.
 * Footnote markers are small raised numbers, and their notes a numbered "Notes" list at the end.
 */
export async function renderPdf(input: string | ParsedMarkdown, options: RenderOptions = {}): Promise<Buffer> {
  const parsed = asParsed(input);
  const title = options.title?.trim() || parsed.firstHeading || 'Document';
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: pdfSafe(title), Creator: 'Assay' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const frame: Frame = { x: MARGIN, width: doc.page.width - 2 * MARGIN, color: PDF_THEME.text, depth: 0, tight: false };
  drawBlocks(doc, parsed.blocks, frame);
  if (parsed.footnotes.length > 0) drawNotes(doc, parsed.footnotes, frame);
  addFooters(doc);
  doc.end();
  return done;
}

function drawBlocks(doc: Pdf, blocks: Block[], frame: Frame): void {
  blocks.forEach((block, i) => {
    drawBlock(doc, block, frame);
    if (i < blocks.length - 1) doc.y += frame.tight ? 2 : 8;
  });
}

function drawBlock(doc: Pdf, block: Block, frame: Frame): void {
  switch (block.kind) {
    case 'heading': {
      const size = HEADING_SIZES[block.level - 1] ?? PDF_THEME.bodySize;
      if (doc.y > doc.page.margins.top) doc.y += size * 0.5;
      ensureSpace(doc, size * 1.4 + 3 * PDF_THEME.bodySize); // keep a heading with the start of its section
      writeRuns(doc, block.runs, frame.x, frame.width, { size, bold: true, color: frame.color });
      if (block.level <= 2) {
        doc.y += 2;
        doc
          .moveTo(frame.x, doc.y)
          .lineTo(frame.x + frame.width, doc.y)
          .lineWidth(0.5)
          .strokeColor('#d0d7de')
          .stroke();
      }
      doc.y += 2;
      return;
    }
    case 'paragraph':
      ensureSpace(doc, PDF_THEME.bodySize * 1.4);
      writeRuns(doc, block.runs, frame.x, frame.width, { size: PDF_THEME.bodySize, color: frame.color });
      return;
    case 'list':
      block.items.forEach((item, i) => {
        drawListItem(doc, item, block.ordered ? `${block.start + i}.` : null, frame);
        if (i < block.items.length - 1) doc.y += 3;
      });
      return;
    case 'table':
      drawTable(doc, block, frame.x, frame.width);
      return;
    case 'blockquote':
      drawQuote(doc, block.blocks, frame);
      return;
    case 'code':
      drawCode(doc, block.text, frame);
      return;
    case 'hr':
      ensureSpace(doc, 14);
      doc
        .moveTo(frame.x, doc.y + 6)
        .lineTo(frame.x + frame.width, doc.y + 6)
        .lineWidth(0.75)
        .strokeColor(PDF_THEME.rule)
        .stroke();
      doc.y += 12;
      return;
  }
}

/** The notes at the end: a "Notes" heading and one numbered item a note, its http(s) URL a link. */
function drawNotes(doc: Pdf, footnotes: Footnote[], frame: Frame): void {
  const plain = { bold: false, italic: false, code: false, strike: false };
  const items = footnotes.map((note) => {
    const runs: Run[] = [{ text: note.text, ...plain }];
    if (note.url !== null) runs.push({ text: ' ', ...plain }, { text: note.url, ...plain, ...(note.href ? { link: note.href } : {}) });
    if (!note.verified) runs.push({ text: ' (unverified)', ...plain, italic: true });
    while (runs[0]?.text.trim() === '') runs.shift(); // a note without text starts with its URL
    return { blocks: [{ kind: 'paragraph', runs } satisfies Block] };
  });
  doc.y += 8;
  drawBlock(doc, { kind: 'heading', level: 2, runs: [{ text: 'Notes', ...plain }] }, frame);
  doc.y += 4;
  drawBlock(doc, { kind: 'list', ordered: true, start: 1, items }, frame);
}

function drawListItem(doc: Pdf, item: ListItem, number: string | null, frame: Frame): void {
  const size = PDF_THEME.bodySize;
  doc.font('Helvetica').fontSize(size);
  const indent = number ? Math.max(18, doc.widthOfString(number) + 6) : 14;
  ensureSpace(doc, size * 1.4);
  const y = doc.y;
  const mid = y + size * 0.45;
  doc.fillColor(frame.color).strokeColor(frame.color).lineWidth(0.8);
  if (item.checked !== undefined) {
    doc.rect(frame.x + 1, mid - 3.5, 7, 7).stroke();
    if (item.checked)
      doc
        .moveTo(frame.x + 2.5, mid)
        .lineTo(frame.x + 4.5, mid + 2)
        .lineTo(frame.x + 7.5, mid - 2.5)
        .stroke();
  } else if (number) {
    doc.text(number, frame.x, y, { width: indent - 5, align: 'right', lineBreak: false });
  } else if (frame.depth % 3 === 0) {
    doc.circle(frame.x + 4, mid, 2).fill();
  } else if (frame.depth % 3 === 1) {
    doc.circle(frame.x + 4, mid, 2).stroke();
  } else {
    doc.rect(frame.x + 2.2, mid - 1.8, 3.6, 3.6).fill();
  }
  doc.y = y;
  drawBlocks(doc, item.blocks, { ...frame, x: frame.x + indent, width: frame.width - indent, depth: frame.depth + 1, tight: true });
  doc.x = frame.x;
}

function drawQuote(doc: Pdf, blocks: Block[], frame: Frame): void {
  ensureSpace(doc, PDF_THEME.bodySize * 1.6);
  const start = { page: currentPage(doc), y: doc.y - 2 };
  drawBlocks(doc, blocks, { ...frame, x: frame.x + 14, width: frame.width - 14, color: PDF_THEME.muted });
  const end = { page: currentPage(doc), y: doc.y + 2 };
  // The bar is drawn afterwards, page by page, since the quote may have broken across pages.
  for (let page = start.page; page <= end.page; page++) {
    doc.switchToPage(page);
    const top = page === start.page ? start.y : doc.page.margins.top;
    const bottom = page === end.page ? end.y : pageBottom(doc);
    doc.rect(frame.x + 2, top, 3, bottom - top).fill('#d0d7de');
  }
  doc.fillColor(PDF_THEME.text);
  doc.y = end.y;
}

function drawCode(doc: Pdf, text: string, frame: Frame): void {
  const pad = 6;
  const size = 8.5;
  const width = frame.width - 2 * pad;
  doc.font('Courier').fontSize(size);
  // Leading spaces are kept as no-break spaces so indentation survives line wrapping.
  const lines = pdfSafe(text.replace(/\n+$/, ''))
    .split('\n')
    .map((line) => line.replace(/^ +/, (spaces) => '\u00a0'.repeat(spaces.length)) || ' ');
  let i = 0;
  while (i < lines.length) {
    ensureSpace(doc, doc.currentLineHeight(true) + 2 * pad);
    const top = doc.y;
    const chunk: Array<{ line: string; height: number }> = [];
    let height = 0;
    while (i < lines.length) {
      const line = lines[i] ?? ' ';
      const h = doc.heightOfString(line, { width, lineGap: 1 });
      if (chunk.length > 0 && top + pad + height + h + pad > pageBottom(doc)) break;
      chunk.push({ line, height: h });
      height += h;
      i++;
    }
    doc.rect(frame.x, top, frame.width, height + 2 * pad).fill(PDF_THEME.codeBackground);
    doc.fillColor(PDF_THEME.text).font('Courier').fontSize(size);
    let y = top + pad;
    for (const { line, height: h } of chunk) {
      doc.text(line, frame.x + pad, y, { width, lineGap: 1 });
      y += h;
    }
    doc.x = frame.x;
    doc.y = top + height + 2 * pad;
    if (i < lines.length) doc.addPage();
  }
}

function addFooters(doc: Pdf): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not start a new page
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(PDF_THEME.muted)
      .text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - bottomMargin / 2 - 4, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottomMargin;
  }
}
