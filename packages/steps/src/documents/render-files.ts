/**
 * The isolate's side of `document.render`: loaded by a worker thread of the engine's isolate pool,
 * never on the main thread. Parses the Markdown once and renders each requested format.
 */
import { renderDocument, type DocumentFormat } from './document-render';
import { parseMarkdown } from './markdown-tokens';
import type { RenderOptions } from './render-html';

/** The rendered files by format. */
export type RenderedFiles = Partial<Record<DocumentFormat, Uint8Array>>;

/** Renders `markdown` to every format in `formats`. */
export async function renderFiles(input: { markdown: string; formats: DocumentFormat[]; options: RenderOptions }): Promise<RenderedFiles> {
  const parsed = parseMarkdown(input.markdown);
  const files: RenderedFiles = {};
  for (const format of input.formats) files[format] = await renderDocument(parsed, format, input.options);
  return files;
}
