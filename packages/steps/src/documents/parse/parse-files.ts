/**
 * The isolate's side of reading sources: loaded by a worker thread of the engine's isolate pool,
 * never on the main thread (a 500-page PDF takes seconds of CPU). Failures are answered as values.
 */
import type { ParsedDocument, ParseOutcome, SourceKind } from './parsed-document';
import { htmlSections, markdownSections, textSections } from './sections';

/** Reads a file of a known kind into pages. */
export async function parseFile(input: { data: Uint8Array; kind: SourceKind }): Promise<ParseOutcome> {
  try {
    const document = await parse(input.data, input.kind);
    if (document.pages.length === 0)
      return {
        ok: false,
        message:
          input.kind === 'pdf'
            ? 'the PDF has no text layer (scanned pages are images, and Assay does not read text out of images): run it through OCR first'
            : 'the file holds no text',
      };
    return { ok: true, document };
  } catch (error) {
    return { ok: false, message: describe(error, input.kind) };
  }
}

async function parse(data: Uint8Array, kind: SourceKind): Promise<ParsedDocument> {
  const text = () => new TextDecoder('utf-8').decode(data);
  switch (kind) {
    case 'pdf':
      return parsePdf(data);
    case 'docx': {
      const mammoth = await import('mammoth');
      const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data) });
      return { ...htmlSections(value, { readability: false }), kind: 'docx' };
    }
    case 'html':
      return htmlSections(text(), { readability: true });
    case 'markdown':
      return markdownSections(text());
    case 'text':
      return textSections(text());
  }
}

async function parsePdf(data: Uint8Array): Promise<ParsedDocument> {
  const { extractText, getDocumentProxy, getMeta } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(data));
  try {
    const [{ text }, meta] = await Promise.all([extractText(pdf, { mergePages: false }), getMeta(pdf).catch(() => null)]);
    const pages = text.map((page, index) => ({ number: index + 1, text: tidyPdfText(page) })).filter((page) => page.text.length > 0);
    const title = typeof meta?.info?.Title === 'string' && meta.info.Title.trim() ? meta.info.Title.trim() : null;
    return { kind: 'pdf', title, pages };
  } finally {
    await pdf.loadingTask.destroy();
  }
}

/** A PDF page's text with runs of spaces collapsed and blank lines kept as paragraph breaks. */
function tidyPdfText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .replace(/[ \t]+/g, ' ')
        .replace(/ *\n */g, '\n')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

function describe(error: unknown, kind: SourceKind): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'the PDF is encrypted (it needs a password): save an unprotected copy and upload that';
  if (kind === 'pdf') return `not a readable PDF: ${message}`;
  if (kind === 'docx') return `not a readable Word (DOCX) document: ${message}`;
  return `could not read the file: ${message}`;
}
