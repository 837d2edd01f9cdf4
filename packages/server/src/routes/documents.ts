import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  AssayError,
  DocumentListQuery,
  DocumentSearchQuery,
  DocumentWithPages,
  PassageHit,
  SourceDocument,
  UploadDocumentQuery,
} from '@assay/schema';
import { z } from 'zod';
import type { AppEnv } from '../http/app-env';
import { requireScope } from '../http/authenticate';
import { data, errors, IdParam, json, list, page, security } from '../http/openapi';
import { presentDocument, type DocumentService } from '../services/document-service';

const tags = ['Documents'];

/**
 * `/v1/documents`: sources a workspace uploads (PDF, DOCX, HTML, Markdown, text), read into pages
 * and searchable by passage; the original file stays downloadable.
 */
export function registerDocumentRoutes(app: OpenAPIHono<AppEnv>, documents: DocumentService) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/documents',
      operationId: 'uploadDocument',
      tags,
      security,
      summary: 'Upload a document (the file is the body; streamed and capped at ASSAY_UPLOAD_LIMIT)',
      description:
        'PDF, DOCX, HTML, Markdown or plain text, told apart by its first bytes, its content type and `filename`. It is read into pages (a PDF) or sections (the others) and cut into passages for search; a file that cannot be read (corrupt, encrypted, a PDF without text) is refused with 400 and nothing is stored.',
      middleware: [requireScope('edit')] as const,
      request: { query: UploadDocumentQuery },
      responses: { 201: json(data(SourceDocument), 'Stored'), ...errors },
    }),
    async (c) => {
      const body = c.req.raw.body;
      if (!body)
        throw new AssayError('invalid_input', '(body): empty: send the file as the request body', {
          details: [{ path: '(body)', message: 'empty' }],
        });
      const query = c.req.valid('query');
      const stored = await documents.upload(c.get('principal').workspaceId, body, {
        contentType: c.req.header('content-type') ?? '',
        filename: query.filename,
        title: query.title,
        collection: query.collection,
      });
      return c.json({ data: presentDocument(stored) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents',
      operationId: 'listDocuments',
      tags,
      security,
      summary: "List the workspace's documents, newest first",
      request: { query: DocumentListQuery },
      responses: { 200: json(list(SourceDocument), 'Documents'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const rows = await documents.list(c.get('principal').workspaceId, { collection: q.collection, limit: q.limit, lt: q.lt });
      return c.json(page(rows.map(presentDocument), q.limit), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/search',
      operationId: 'searchDocuments',
      tags,
      security,
      summary: 'Search passages: every word of `q` (stemmed), best first',
      request: { query: DocumentSearchQuery },
      responses: { 200: json(data(z.array(PassageHit)), 'Passages'), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const hits = await documents.search(c.get('principal').workspaceId, q.q, { collection: q.collection, limit: q.limit });
      return c.json({ data: hits }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}',
      operationId: 'getDocument',
      tags,
      security,
      summary: 'A document with the text of its pages',
      request: { params: IdParam },
      responses: { 200: json(data(DocumentWithPages), 'The document'), ...errors },
    }),
    async (c) => {
      const { document, pages } = await documents.pages(c.get('principal').workspaceId, c.req.valid('param').id);
      return c.json({ data: { ...presentDocument(document), pages } }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/documents/{id}/file',
      operationId: 'getDocumentFile',
      tags,
      security,
      summary: 'Download the original file',
      request: { params: IdParam },
      responses: { 200: { description: 'The file as uploaded' }, ...errors },
    }),
    async (c) => {
      const { record, data: bytes } = await documents.file(c.get('principal').workspaceId, c.req.valid('param').id);
      const name = (record.filename ?? `${record.id}`).replace(/["\\\r\n]/g, '_');
      return c.body(Buffer.from(bytes), 200, {
        'content-type': record.contentType,
        'content-disposition': `attachment; filename="${name}"`,
        'x-content-type-options': 'nosniff',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/documents/{id}',
      operationId: 'deleteDocument',
      tags,
      security,
      summary: 'Delete a document, its pages and its passages',
      middleware: [requireScope('edit')] as const,
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...errors },
    }),
    async (c) => {
      await documents.remove(c.get('principal').workspaceId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}
