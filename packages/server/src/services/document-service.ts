import { AssayError, type PassageHit, type SourceDocument } from '@assay/schema';
import { parseDocument, passagesOf } from '@assay/steps';
import type { DocumentRecord, Store } from '@assay/store';

/**
 * Documents as sources: an upload is read into pages in an isolate (the document time and memory
 * limits), cut into passages and stored with its original; nothing is stored for a file that
 * cannot be read. Search reads the passages of the workspace.
 */
export class DocumentService {
  constructor(private readonly store: Store) {}

  async upload(
    workspaceId: string,
    body: ReadableStream<Uint8Array>,
    file: { contentType: string; filename?: string; title?: string; collection: string },
  ): Promise<DocumentRecord> {
    return this.add(workspaceId, new Uint8Array(await new Response(body).arrayBuffer()), file);
  }

  /** Reads a file into pages and stores it with its passages (an upload, or the demo's sample filing). */
  async add(
    workspaceId: string,
    data: Uint8Array,
    file: { contentType: string; filename?: string; title?: string; collection: string },
  ): Promise<DocumentRecord> {
    if (data.byteLength === 0)
      throw new AssayError('invalid_input', '(body): empty: send the file as the request body', {
        details: [{ path: '(body)', message: 'empty' }],
      });
    const parsed = await parseDocument({ data, contentType: file.contentType, filename: file.filename }, { path: '(body)' });
    return this.store.documents.create({
      workspaceId,
      collection: file.collection,
      title: file.title ?? parsed.title ?? file.filename ?? 'Untitled document',
      filename: file.filename ?? null,
      contentType: file.contentType || 'application/octet-stream',
      kind: parsed.kind,
      data,
      pages: parsed.pages,
      passages: passagesOf(parsed.pages),
    });
  }

  list(workspaceId: string, query: { collection?: string; limit: number; lt?: string }): Promise<DocumentRecord[]> {
    return this.store.documents.list(workspaceId, { ...query, limit: query.limit + 1 });
  }

  async get(workspaceId: string, id: string): Promise<DocumentRecord> {
    const document = await this.store.documents.get(workspaceId, id);
    if (!document) throw new AssayError('not_found', `document ${id} not found`);
    return document;
  }

  async pages(workspaceId: string, id: string) {
    const document = await this.get(workspaceId, id);
    return { document, pages: await this.store.documents.pages(document.id) };
  }

  async file(workspaceId: string, id: string): Promise<{ record: DocumentRecord; data: Uint8Array }> {
    const file = await this.store.documents.file(workspaceId, id);
    if (!file) throw new AssayError('not_found', `document ${id} not found`);
    return file;
  }

  async remove(workspaceId: string, id: string): Promise<void> {
    if (!(await this.store.documents.remove(workspaceId, id))) throw new AssayError('not_found', `document ${id} not found`);
  }

  search(workspaceId: string, query: string, options: { collection?: string; limit: number }): Promise<PassageHit[]> {
    return this.store.documents.search(workspaceId, query, options);
  }
}

/** A document as the API shows it. */
export function presentDocument(document: DocumentRecord): SourceDocument {
  return {
    id: document.id,
    title: document.title,
    filename: document.filename,
    contentType: document.contentType,
    kind: document.kind as SourceDocument['kind'],
    bytes: document.bytes,
    collection: document.collection,
    pageCount: document.pageCount,
    createdAt: new Date(document.createdAt).toISOString(),
  };
}
