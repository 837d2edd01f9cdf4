import { runsText, type Block, type Run } from './markdown-tokens';
import { PDF_THEME, fontFor, pageBottom, pdfSafe, writeRuns, type Pdf } from './pdf-text';

type Table = Extract<Block, { kind: 'table' }>;

const SIZE = 9.5;
const PAD = 5;

/**
 * Draws a Markdown table as a grid: a shaded, bold header row, wrapped cell text with inline styles,
 * column widths fitted to the content, and the header repeated after each page break.
 */
export function drawTable(doc: Pdf, table: Table, x: number, width: number): void {
  const columns = Math.max(table.header.length, ...table.rows.map((row) => row.length));
  if (columns === 0) return;
  const widths = columnWidths(doc, table, columns, width);
  const cellsOf = (row: Run[][]) => Array.from({ length: columns }, (_, i) => row[i] ?? []);

  const drawRow = (row: Run[][], header: boolean) => {
    const cells = cellsOf(row);
    const height = rowHeight(doc, cells, widths, header);
    let y = doc.y;
    if (y + height > pageBottom(doc)) {
      doc.addPage();
      y = doc.y;
      if (!header && table.header.length > 0) {
        drawRow(table.header, true);
        y = doc.y;
      }
    }
    if (header) doc.rect(x, y, sum(widths), height).fill(PDF_THEME.headerBackground);
    let bottom = y + height;
    let cx = x;
    cells.forEach((runs, i) => {
      const w = widths[i] ?? 0;
      doc.y = y + PAD;
      writeRuns(doc, runs, cx + PAD, w - 2 * PAD, { size: SIZE, bold: header, align: table.align[i] ?? 'left' });
      bottom = Math.max(bottom, doc.y + PAD);
      cx += w;
    });
    doc.lineWidth(0.5).strokeColor(PDF_THEME.rule);
    cx = x;
    for (const w of widths) {
      doc.rect(cx, y, w, bottom - y).stroke();
      cx += w;
    }
    doc.x = x;
    doc.y = bottom;
  };

  if (table.header.length > 0) drawRow(table.header, true);
  for (const row of table.rows) drawRow(row, false);
  doc.fillColor(PDF_THEME.text);
}

/** The height a row needs, measured with the widest font each cell uses (so it never underestimates). */
function rowHeight(doc: Pdf, cells: Run[][], widths: number[], header: boolean): number {
  let height = 0;
  cells.forEach((runs, i) => {
    const text = pdfSafe(runsText(runs)).trim();
    if (!text) return;
    const font = runs.some((r) => r.code) ? 'Courier' : header || runs.some((r) => r.bold) ? 'Helvetica-Bold' : 'Helvetica';
    doc.font(font).fontSize(SIZE);
    height = Math.max(height, doc.heightOfString(text, { width: (widths[i] ?? 0) - 2 * PAD, lineGap: PDF_THEME.lineGap }));
  });
  doc.font('Helvetica').fontSize(SIZE);
  return Math.max(height, doc.currentLineHeight(true)) + 2 * PAD;
}

/** Column widths: each gets its longest word, the rest is shared in proportion to the content. */
function columnWidths(doc: Pdf, table: Table, columns: number, width: number): number[] {
  const natural = new Array<number>(columns).fill(0);
  const minimum = new Array<number>(columns).fill(0);
  const rows = [table.header, ...table.rows];
  rows.forEach((row, r) => {
    for (let i = 0; i < columns; i++) {
      const runs = row[i] ?? [];
      doc
        .font(fontFor({ bold: r === 0 || runs.some((run) => run.bold), italic: false, code: runs.some((run) => run.code) }))
        .fontSize(SIZE);
      const text = pdfSafe(runsText(runs));
      natural[i] = Math.max(natural[i] ?? 0, doc.widthOfString(text) + 2 * PAD + 1);
      const longestWord = Math.max(0, ...text.split(/\s+/).map((word) => doc.widthOfString(word)));
      minimum[i] = Math.max(minimum[i] ?? 0, Math.min(longestWord + 2 * PAD + 1, width / columns));
    }
  });
  const minTotal = sum(minimum);
  if (minTotal >= width) return minimum.map((m) => (m / minTotal) * width);
  const extra = natural.map((n, i) => Math.max(0, n - (minimum[i] ?? 0)));
  const extraTotal = sum(extra);
  const spare = width - minTotal;
  if (extraTotal <= spare) {
    // Everything fits on one line: stretch to the full width in proportion to the natural widths.
    const naturalTotal = sum(natural);
    return natural.map((n) => (n / naturalTotal) * width);
  }
  return minimum.map((m, i) => m + ((extra[i] ?? 0) / extraTotal) * spare);
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
