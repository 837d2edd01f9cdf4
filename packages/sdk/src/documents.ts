import type { DocumentWithPages, PassageHit, SourceDocument } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

/** How an uploaded document is typed, named and filed. */
export interface DocumentUploadOptions {
  /** The file's content type (`application/pdf`, `text/markdown`, …); the file name helps when it is generic. */
  contentType: string;
  filename?: string;
  /** Default: the document's own title, else its file name. */
  title?: string;
  /** Default: `default`. */
  collection?: string;
}

/** `/v1/documents`: sources for research (PDF, DOCX, HTML, Markdown, text), read into pages and searchable by passage. */
export class Documents {
  constructor(private readonly http: HttpClient) {}

  /** Uploads a file: it is read into pages and its passages indexed; a file that cannot be read is refused (400). */
  async upload(file: Uint8Array | string, options: DocumentUploadOptions): Promise<SourceDocument> {
    const { contentType, ...query } = options;
    return (
      await this.http.request<{ data: SourceDocument }>('POST', '/v1/documents', {
        query: { ...query },
        text: { content: file, contentType },
      })
    ).data;
  }

  list(query: ListOptions & { collection?: string } = {}): Promise<Page<SourceDocument>> {
    return this.http.request('GET', '/v1/documents', { query: { ...query } });
  }

  /** A document with the text of each of its pages (a PDF's pages, another kind's sections). */
  async get(id: string): Promise<DocumentWithPages> {
    return (await this.http.request<{ data: DocumentWithPages }>('GET', `/v1/documents/${segment(id)}`)).data;
  }

  /** The original file, as uploaded. */
  file(id: string): Promise<Uint8Array> {
    return this.http.bytes('GET', `/v1/documents/${segment(id)}/file`);
  }

  async delete(id: string): Promise<void> {
    await this.http.request('DELETE', `/v1/documents/${segment(id)}`);
  }

  /** Passages holding every word of `query` (stemmed), best first, with their document, page and a snippet. */
  async search(query: string, options: { collection?: string; limit?: number } = {}): Promise<PassageHit[]> {
    return (await this.http.request<{ data: PassageHit[] }>('GET', '/v1/documents/search', { query: { q: query, ...options } })).data;
  }
}
