/** The kinds of file Assay reads as sources. */
export const SOURCE_KINDS = ['pdf', 'docx', 'html', 'markdown', 'text'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * One page of a source: a PDF's page (numbered as the PDF numbers them), or a section of another
 * kind (numbered from 1, with the heading that starts it). Citations name a source and a page.
 */
export interface SourcePage {
  number: number;
  heading?: string;
  text: string;
}

/** A file read into pages. */
export interface ParsedDocument {
  kind: SourceKind;
  /** The document's own title (PDF metadata, the first heading, the HTML title), if it has one. */
  title: string | null;
  pages: SourcePage[];
}

/** What the isolate answers: the document, or why the file could not be read (a value, not a throw). */
export type ParseOutcome = { ok: true; document: ParsedDocument } | { ok: false; message: string };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The kind of a file from its first bytes, then its content type, then its name's extension; null
 * when none says (the caller refuses it, naming what is read).
 */
export function detectKind(data: Uint8Array, contentType = '', filename = ''): SourceKind | null {
  const head = Buffer.from(data.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  if (head.startsWith('PK\u0003\u0004') && (type === DOCX || extension === 'docx' || type === '' || type === 'application/octet-stream'))
    return 'docx';
  if (type === 'application/pdf' || extension === 'pdf') return 'pdf';
  if (type === DOCX || extension === 'docx') return 'docx';
  if (type === 'text/html' || type === 'application/xhtml+xml' || extension === 'html' || extension === 'htm') return 'html';
  if (type === 'text/markdown' || type === 'text/x-markdown' || extension === 'md' || extension === 'markdown') return 'markdown';
  if (type === 'text/plain' || extension === 'txt') return 'text';
  return null;
}
