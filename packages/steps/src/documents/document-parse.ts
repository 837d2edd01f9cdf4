import { defineStepType, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import { parseDocument } from './parse/parse-document';

const Config = z
  .object({
    file: z
      .union([z.string().min(1).max(300), z.object({ name: z.string().min(1).max(300) }).passthrough()])
      .describe('A file of this run: its name, or what names it (an `http.request` binary body, a `document.render` file)'),
    contentType: z.string().max(200).optional().describe('Read the file as this type instead of the one it was stored with'),
  })
  .strict();

/**
 * `document.parse`: reads a file the run holds (PDF, DOCX, HTML, Markdown or text) into pages — a
 * PDF's pages, or another kind's sections under their headings — in an isolate with the document
 * time limit. Outputs `{ kind, title, pageCount, pages: [{ number, heading?, text }] }`.
 */
export const documentParseStep: StepType = defineStepType<z.infer<typeof Config>>({
  type: 'document.parse',
  example: { id: 'filing', with: { file: '{{ steps.download.output.body }}' } },
  family: 'document',
  outputSchema: () => ({
    type: 'object',
    properties: { kind: { type: 'string' }, title: {}, pageCount: { type: 'number' }, pages: { type: 'array', items: {} } },
  }),
  description: 'Read a PDF, Word, HTML, Markdown or text file the run holds into pages of text.',
  config: Config,
  async execute(config, context) {
    const name = typeof config.file === 'string' ? config.file : config.file.name;
    const file = await context.artifacts.read?.(name);
    if (!file)
      throw new AssayError('invalid_input', `steps.${context.stepId}.with.file: the run holds no file named "${name}"`, {
        details: [{ path: `steps.${context.stepId}.with.file`, message: 'no such file in this run' }],
      });
    const parsed = await parseDocument(
      { data: file.data, contentType: config.contentType ?? file.contentType, filename: file.name },
      { path: `steps.${context.stepId}.with.file`, signal: context.signal },
    );
    return { kind: 'completed', output: { kind: parsed.kind, title: parsed.title, pageCount: parsed.pages.length, pages: parsed.pages } };
  },
});
