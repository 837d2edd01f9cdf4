/**
 * The isolate's side of `document.render`: loaded by a worker thread of the engine's isolate pool,
 * never on the main thread. Parses the Markdown once and renders each requested format.
 */
import { renderDocument, type DocumentFormat } from './document-render';
import type { Footnote } from './footnotes';
import { parseMarkdown } from './markdown-tokens';
import type { RenderOptions } from './render-html';

/** The rendered files by format. */
export type RenderedFiles = Partial<Record<DocumentFormat, Uint8Array>>;

/**
 * Renders `markdown` to every format in `formats`. With `footnotes`, its `[^n]` markers (numbered by
 * `resolveFootnotes`) refer to them.
 */
export async function renderFiles(input: {
  markdown: string;
  formats: DocumentFormat[];
  options: RenderOptions;
  footnotes?: Footnote[];
}): Promise<RenderedFiles> {
  const parsed = parseMarkdown(input.markdown, input.footnotes);
  const files: RenderedFiles = {};
  for (const format of input.formats) files[format] = await renderDocument(parsed, format, input.options);
  return files;
}
