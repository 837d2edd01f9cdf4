import {
  AlignmentType,
  BorderStyle,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, ListItem, Run } from './markdown-tokens';

/** The font code blocks and code spans use. */
export const DOCX_MONO = 'Courier New';
const INDENT = 720; // twips: half an inch per nesting level
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A numbering definition for the document's `numbering.config`. */
export interface NumberingConfig {
  reference: string;
  levels: ILevelsOptions[];
}

/** The reference of the bullet numbering every unordered list uses. */
export const BULLETS = 'assay-bullets';

/** Nine bullet levels (•, ◦, ▪ repeating), each indented half an inch further. */
export function bulletNumbering(): NumberingConfig {
  const glyphs = ['\u2022', '\u25e6', '\u25aa'];
  return {
    reference: BULLETS,
    levels: Array.from({ length: 9 }, (_, level) => listLevel(level, LevelFormat.BULLET, glyphs[level % 3] ?? '\u2022', 1)),
  };
}

function listLevel(level: number, format: ILevelsOptions['format'], text: string, start: number): ILevelsOptions {
  return {
    level,
    format,
    text,
    start,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
  };
}

/** Where blocks are being converted: list depth and quote nesting. */
interface Place {
  depth: number;
  quote: number;
}

/**
 * Converts Markdown blocks into docx paragraphs and tables. Each ordered list gets its own numbering
 * definition (so numbering restarts and honours the list's start), collected in `numbering`.
 */
export class DocxBlocks {
  readonly numbering: NumberingConfig[] = [bulletNumbering()];

  /** Converts blocks at the top level. */
  convert(blocks: Block[], place: Place = { depth: 0, quote: 0 }): Array<Paragraph | Table> {
    return blocks.flatMap((block) => this.block(block, place));
  }

  private block(block: Block, place: Place): Array<Paragraph | Table> {
    const indent = this.indent(place);
    switch (block.kind) {
      case 'heading':
        return [new Paragraph({ heading: HEADINGS[block.level - 1] ?? HeadingLevel.HEADING_6, children: runs(block.runs), ...indent })];
      case 'paragraph':
        return [
          new Paragraph({
            children: runs(block.runs, place.quote > 0),
            spacing: { after: place.depth > 0 ? 60 : 160 },
            ...indent,
            ...this.quoteBorder(place),
          }),
        ];
      case 'list':
        return this.list(block, place);
      case 'table':
        return [table(block), new Paragraph({ spacing: { after: 120 } })];
      case 'blockquote':
        return this.convert(block.blocks, { ...place, quote: place.quote + 1 });
      case 'code':
        return [code(block.text, indent, this.quoteBorder(place))];
      case 'hr':
        return [
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '9AA1A9', space: 1 } }, spacing: { after: 160 } }),
        ];
    }
  }

  private list(list: Extract<Block, { kind: 'list' }>, place: Place): Array<Paragraph | Table> {
    let reference = BULLETS;
    if (list.ordered) {
      reference = `assay-numbers-${this.numbering.length}`;
      const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;
      const levels = Array.from({ length: 9 }, (_, level) =>
        listLevel(level, formats[level % 3], `%${level + 1}.`, level === place.depth ? list.start : 1),
      );
      this.numbering.push({ reference, levels });
    }
    return list.items.flatMap((item) => this.item(item, reference, place));
  }

  private item(item: ListItem, reference: string, place: Place): Array<Paragraph | Table> {
    const level = Math.min(place.depth, 8);
    const inner = { ...place, depth: place.depth + 1 };
    const [first, ...rest] = item.blocks;
    const out: Array<Paragraph | Table> = [];
    const box = item.checked === undefined ? [] : [new TextRun({ text: item.checked ? '\u2612 ' : '\u2610 ' })];
    if (first?.kind === 'paragraph') {
      out.push(
        new Paragraph({
          numbering: { reference, level },
          children: [...box, ...runs(first.runs, place.quote > 0)],
          spacing: { after: 60 },
        }),
      );
    } else {
      out.push(new Paragraph({ numbering: { reference, level }, children: box }));
      if (first) out.push(...this.block(first, inner));
    }
    for (const block of rest) out.push(...this.block(block, inner));
    return out;
  }

  private indent(place: Place): { indent?: { left: number } } {
    const left = INDENT * (place.depth + place.quote);
    return left > 0 ? { indent: { left } } : {};
  }

  private quoteBorder(place: Place): {
    border?: { left: { style: typeof BorderStyle.SINGLE; size: number; color: string; space: number } };
  } {
    return place.quote > 0 ? { border: { left: { style: BorderStyle.SINGLE, size: 18, color: 'D0D7DE', space: 8 } } } : {};
  }
}

/**
 * Converts styled runs to TextRuns, with links as ExternalHyperlinks. A footnote marker is a Word
 * footnote reference to the document's footnote with its number; a repeated one (a citation cited
 * again) the same number in the footnote reference style, since each reference makes a note of its own.
 */
export function runs(list: Run[], muted = false): ParagraphChild[] {
  return list
    .map((run) => {
      if (run.footnote !== undefined)
        return run.footnoteRepeat
          ? new TextRun({ text: String(run.footnote), style: 'FootnoteReference' })
          : new FootnoteReferenceRun(run.footnote);
      const lines = run.text.split('\n');
      const children = lines.map(
        (line, i) =>
          new TextRun({
            text: line,
            break: i > 0 ? 1 : undefined,
            bold: run.bold || undefined,
            italics: run.italic || muted || undefined,
            strike: run.strike || undefined,
            font: run.code ? DOCX_MONO : undefined,
            color: run.link ? '0645AD' : muted ? '57606A' : undefined,
            underline: run.link ? {} : undefined,
            style: run.link ? 'Hyperlink' : undefined,
          }),
      );
      return run.link ? new ExternalHyperlink({ link: run.link, children }) : children;
    })
    .flat();
}

function table(block: Extract<Block, { kind: 'table' }>): Table {
  const columns = Math.max(block.header.length, ...block.rows.map((row) => row.length), 1);
  const row = (cells: Run[][], header: boolean) =>
    new TableRow({
      tableHeader: header,
      children: Array.from({ length: columns }, (_, i) => {
        const align = block.align[i];
        return new TableCell({
          children: [
            new Paragraph({
              children: runs(header ? (cells[i] ?? []).map((r) => ({ ...r, bold: true })) : (cells[i] ?? [])),
              ...(align ? { alignment: ALIGN[align] } : {}),
            }),
          ],
          margins: { top: 60, bottom: 60, left: 100, right: 100 },
          ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E9ECEF' } } : {}),
        });
      }),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [...(block.header.length > 0 ? [row(block.header, true)] : []), ...block.rows.map((r) => row(r, false))],
  });
}

function code(text: string, indent: { indent?: { left: number } }, border: object): Paragraph {
  const lines = text.replace(/\n+$/, '').split('\n');
  return new Paragraph({
    ...indent,
    ...border,
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F1F3F5' },
    spacing: { after: 160 },
    children: lines.map(
      (line, i) => new TextRun({ text: line.replace(/\t/g, '    '), font: DOCX_MONO, size: 18, break: i > 0 ? 1 : undefined }),
    ),
  });
}
