import { AlignmentType, Document, ExternalHyperlink, Footer, Packer, PageNumber, Paragraph, TextRun, type ParagraphChild } from 'docx';
import { DocxBlocks } from './docx-blocks';
import type { Footnote } from './footnotes';
import { asParsed, type ParsedMarkdown } from './markdown-tokens';
import type { RenderOptions } from './render-html';

/**
 * Renders Markdown (or an already parsed document) to a Word document: HeadingLevel headings,
 * bold/italic runs, bullet and numbered lists, tables with a repeated header row, clickable external
 * hyperlinks, indented block quotes, monospace code blocks and "Page n of N" footers. Footnote markers
 * are Word footnotes, numbered by Word in the order they are referenced (the order they were numbered in).
 */
export async function renderDocx(input: string | ParsedMarkdown, options: RenderOptions = {}): Promise<Buffer> {
  const parsed = asParsed(input);
  const title = options.title?.trim() || parsed.firstHeading || 'Document';
  const blocks = new DocxBlocks();
  const children = blocks.convert(parsed.blocks);
  const document = new Document({
    title,
    creator: 'Assay',
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22, color: '1F2328' } } },
      characterStyles: [{ id: 'Hyperlink', name: 'Hyperlink', basedOn: 'DefaultParagraphFont', run: { color: '0645AD', underline: {} } }],
    },
    numbering: { config: blocks.numbering },
    footnotes: Object.fromEntries(parsed.footnotes.map((note) => [note.number, { children: [footnoteParagraph(note)] }])),
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 16, color: '57606A' }),
                ],
              }),
            ],
          }),
        },
        children: children.length > 0 ? children : [new Paragraph({})],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A note's paragraph: its text, its URL (a link when http or https) and the unverified flag. */
function footnoteParagraph(note: Footnote): Paragraph {
  const children: ParagraphChild[] = [new TextRun({ text: ' ' })]; // after the number Word puts first
  if (note.text) children.push(new TextRun({ text: note.text }));
  if (note.url !== null) {
    if (note.text) children.push(new TextRun({ text: ' ' }));
    const url = new TextRun({ text: note.url, ...(note.href ? { style: 'Hyperlink' } : {}) });
    children.push(note.href ? new ExternalHyperlink({ link: note.href, children: [url] }) : url);
  }
  if (!note.verified) children.push(new TextRun({ text: ' (unverified)', italics: true }));
  return new Paragraph({ style: 'FootnoteText', children });
}
