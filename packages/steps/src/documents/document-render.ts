import { defineStepType, isolateFailure, LIMIT_SETTINGS, limits, runIsolated, siblingModule } from '@assay/engine';
import { Citation, type Artifact } from '@assay/schema';
import { z } from 'zod';
import { resolveFootnotes, withFootnoteDefinitions, type Footnote } from './footnotes';
import type { ParsedMarkdown } from './markdown-tokens';
import type { RenderedFiles } from './render-files';
import { renderHtml, type RenderOptions } from './render-html';

/** The formats `document.render` can write. */
export const DOCUMENT_FORMATS = ['md', 'html', 'pdf', 'docx'] as const;

/** One of {@link DOCUMENT_FORMATS}. */
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The content type each format's artifact is stored with. */
export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The most citations one render takes (after nested lists are flattened). */
export const MAX_CITATIONS = 2_000;
/** How deep lists of citations may nest. */
const MAX_CITATION_DEPTH = 8;

/** A citation as given: what AI steps output; a missing page, title or URL is null, other fields are ignored. */
const CitationInput = Citation.extend({
  page: Citation.shape.page.default(null),
  title: Citation.shape.title.default(null),
  url: Citation.shape.url.default(null),
});

/**
 * `citations`: citations, or lists of them (nested lists are flattened, so several steps' citations can
 * be given side by side). Each item is checked where it is, so an error names its place.
 */
const Citations = z
  .array(z.unknown().meta({ description: 'A citation (as AI steps output it), or a list of them' }))
  .transform((items, ctx) => {
    const citations: Citation[] = [];
    const visit = (value: unknown, path: Array<string | number>): void => {
      if (citations.length > MAX_CITATIONS) return;
      if (Array.isArray(value)) {
        if (path.length > MAX_CITATION_DEPTH) {
          ctx.issues.push({
            code: 'custom',
            message: `lists of citations may nest at most ${MAX_CITATION_DEPTH} deep`,
            input: value,
            path,
          });
          return;
        }
        value.forEach((item, i) => visit(item, [...path, i]));
        return;
      }
      if (value === null || typeof value !== 'object') {
        ctx.issues.push({
          code: 'custom',
          message: 'must be a citation (an object with id, sourceId, quote, verified, …) or a list of them',
          input: value,
          path,
        });
        return;
      }
      const parsed = CitationInput.safeParse(value);
      if (parsed.success) citations.push(parsed.data);
      else
        for (const issue of parsed.error.issues)
          ctx.issues.push({
            code: 'custom',
            message: issue.message,
            input: value,
            path: [...path, ...(issue.path as Array<string | number>)],
          });
    };
    items.forEach((item, i) => visit(item, [i]));
    if (citations.length > MAX_CITATIONS)
      ctx.issues.push({
        code: 'custom',
        message: `at most ${MAX_CITATIONS.toLocaleString('en-US')} citations (after flattening nested lists)`,
        input: items,
        path: [],
      });
    return citations;
  })
  .meta({
    description: "Citations (e.g. an AI step's output.citations, or several such lists) the template cites as footnotes with [^id]",
  });

const Config = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be 1-100 letters, digits, "_" or "-" (it names the files: <name>.<format>)')
      .describe('Names the files: `<name>.<format>`'),
    template: z
      .string()
      .max(2_000_000, 'the rendered template must be at most 2,000,000 characters')
      .describe('Markdown, a Liquid template like every string of `with`'),
    formats: z
      .array(z.enum(DOCUMENT_FORMATS))
      .min(1)
      .max(DOCUMENT_FORMATS.length)
      .default(['md'])
      .transform((formats) => [...new Set(formats)])
      .describe('The files to write, one per format'),
    title: z.string().max(500).optional().describe('The document’s title; the first heading when absent'),
    citations: Citations.optional(),
  })
  .strict();

/** The config `document.render` runs with, after templates are resolved. */
export type DocumentRenderConfig = z.infer<typeof Config>;

/** Renders parsed Markdown to one format's file bytes. */
export async function renderDocument(parsed: ParsedMarkdown, format: DocumentFormat, options: RenderOptions = {}): Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return Buffer.from(withFootnoteDefinitions(parsed.markdown, parsed.footnotes), 'utf8');
    case 'html':
      return Buffer.from(renderHtml(parsed, options), 'utf8');
    // pdfkit and docx are loaded on first use: they are large and not every installation renders.
    case 'pdf':
      return (await import('./render-pdf')).renderPdf(parsed, options);
    case 'docx':
      return (await import('./render-docx')).renderDocx(parsed, options);
  }
}

const RENDER_FILES = siblingModule(import.meta.url, './render-files');

/**
 * `document.render`: renders a Liquid template (resolved by the engine) as Markdown into any of
 * Markdown, HTML, PDF and DOCX, stores each as the run artifact `<name>.<format>` and outputs
 * `{ markdown, artifacts: { <format>: { name, url, contentType, bytes } } }`. The conversion runs in an
 * isolate (a worker thread with a time and memory limit), so a huge document never holds the server.
 * With `citations`, the template's `[^id]` markers become numbered footnotes (`footnotes.ts`).
 */
export const documentRenderStep = defineStepType<DocumentRenderConfig>({
  type: 'document.render',
  example: {
    id: 'report',
    with: {
      name: 'report',
      title: 'Company profile',
      template: '# {{ input.company }}\n\n{{ steps.summary.output.text }}\n',
      formats: ['md', 'pdf'],
    },
  },
  family: 'document',
  outputSchema: () => ({ type: 'object', properties: { markdown: { type: 'string' }, artifacts: {} } }),
  description: 'Render a Markdown template to Markdown, HTML, PDF or Word files stored as run artifacts.',
  config: Config,
  // Rendering changes nothing outside the run: a cached render is reused with its files copied in.
  cacheable: () => true,
  async reuse(output, from, context) {
    const cached = output as { markdown: string; artifacts: Record<string, { name: string }> };
    if (!context.artifacts.copy) return null;
    const artifacts: Record<string, Pick<Artifact, 'name' | 'url' | 'contentType' | 'bytes'>> = {};
    for (const [format, file] of Object.entries(cached.artifacts ?? {})) {
      const copied = await context.artifacts.copy({ runId: from.runId, name: file.name });
      if (!copied) return null;
      artifacts[format] = { name: copied.name, url: copied.url, contentType: copied.contentType, bytes: copied.bytes };
    }
    return { markdown: cached.markdown, artifacts };
  },
  async execute(config, context) {
    const { signal } = context;
    signal.throwIfAborted();
    const started = context.now();
    const options: RenderOptions = config.title?.trim() ? { title: config.title } : {};
    const rendered = config.formats.filter((format) => format !== 'md');
    const { documentTimeoutMs } = limits();
    // With citations, the markers are numbered here (a linear scan, so an unknown label fails before
    // any rendering); the Markdown gets GFM definitions and the renderers get the notes.
    let body = config.template;
    let footnotes: Footnote[] = [];
    if (config.citations)
      ({ markdown: body, footnotes } = resolveFootnotes(config.template, config.citations, `steps.${context.stepId}.with`));
    const markdown = withFootnoteDefinitions(body, footnotes);
    let files: RenderedFiles = {};
    if (rendered.length > 0) {
      try {
        files = await runIsolated<RenderedFiles>(
          { module: RENDER_FILES, exportName: 'renderFiles', input: { markdown: body, formats: rendered, options, footnotes } },
          { timeoutMs: documentTimeoutMs, signal },
        );
      } catch (error) {
        throw isolateFailure(error, {
          path: `steps.${context.stepId}`,
          what: 'rendering the document',
          timeoutSetting: LIMIT_SETTINGS.documentTimeoutMs,
        });
      }
    }
    const artifacts: Partial<Record<DocumentFormat, Pick<Artifact, 'name' | 'url' | 'contentType' | 'bytes'>>> = {};
    for (const format of config.formats) {
      signal.throwIfAborted();
      const data = format === 'md' ? Buffer.from(markdown, 'utf8') : files[format];
      if (!data) throw new Error(`the ${format} file was not rendered`);
      const written = await context.artifacts.write({
        name: `${config.name}.${format}`,
        contentType: DOCUMENT_CONTENT_TYPES[format],
        data,
      });
      artifacts[format] = { name: written.name, url: written.url, contentType: written.contentType, bytes: written.bytes };
    }
    context.logger.debug({ formats: config.formats, ms: context.now() - started }, 'document rendered');
    return { kind: 'completed', output: { markdown, artifacts } };
  },
});
