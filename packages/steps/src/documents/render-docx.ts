import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { DocxBlocks } from './docx-blocks';
import { asParsed, type ParsedMarkdown } from './markdown-tokens';
import type { RenderOptions } from './render-html';

/**
 * Renders Markdown (or an already parsed document) to a Word document: HeadingLevel headings,
 * bold/italic runs, bullet and numbered lists, tables with a repeated header row, clickable external
 * hyperlinks, indented block quotes, monospace code blocks and "Page n of N" footers.
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
