import { isolateFailure, limits, LIMIT_SETTINGS, runIsolated, siblingModule } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { detectKind, type ParsedDocument, type ParseOutcome } from './parsed-document';

const PARSE_FILES = siblingModule(import.meta.url, './parse-files');

/** The file types read as sources, for messages. */
export const READABLE_TYPES = 'PDF, DOCX, HTML, Markdown or plain text';

/**
 * Reads a file into pages (PDF) or sections (the others), in an isolate with the document time limit
 * (ASSAY_DOCUMENT_TIMEOUT_MS) and the isolate memory limit. An unknown type, a corrupt or encrypted
 * file and a PDF without text are `invalid_input` errors saying so, naming `path`.
 */
export async function parseDocument(
  file: { data: Uint8Array; contentType?: string; filename?: string },
  options: { path: string; signal?: AbortSignal },
): Promise<ParsedDocument> {
  const kind = detectKind(file.data, file.contentType, file.filename);
  if (!kind)
    throw new AssayError('invalid_input', `${options.path}: not a ${READABLE_TYPES} file (content type "${file.contentType ?? ''}")`, {
      details: [{ path: options.path, message: `expected ${READABLE_TYPES}` }],
    });
  let outcome: ParseOutcome;
  try {
    outcome = await runIsolated<ParseOutcome>(
      { module: PARSE_FILES, exportName: 'parseFile', input: { data: file.data, kind } },
      { timeoutMs: limits().documentTimeoutMs, signal: options.signal },
    );
  } catch (error) {
    throw isolateFailure(error, { path: options.path, what: 'reading the document', timeoutSetting: LIMIT_SETTINGS.documentTimeoutMs });
  }
  if (!outcome.ok)
    throw new AssayError('invalid_input', `${options.path}: ${outcome.message}`, {
      details: [{ path: options.path, message: outcome.message }],
    });
  return outcome.document;
}
