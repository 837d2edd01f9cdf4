import { z } from 'zod';
import { Id } from './ids';
import { ListQuery } from './requests';

const Timestamp = z.string().meta({ description: 'ISO 8601 time' });

/** A collection's name: documents are tagged into one, and searches may keep to one. */
export const CollectionName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'must be 1-100 letters, digits, "_", "." or "-"');

export const SourceDocument = z
  .object({
    id: Id,
    title: z.string(),
    filename: z.string().nullable(),
    contentType: z.string(),
    kind: z.enum(['pdf', 'docx', 'html', 'markdown', 'text']),
    bytes: z.number().int(),
    collection: z.string(),
    pageCount: z.number().int().meta({ description: "A PDF's pages, or another kind's sections" }),
    createdAt: Timestamp,
  })
  .meta({ id: 'Document' });
export type SourceDocument = z.infer<typeof SourceDocument>;

export const DocumentPage = z
  .object({ number: z.number().int(), heading: z.string().nullable(), text: z.string() })
  .meta({ id: 'DocumentPage' });

export const DocumentWithPages = SourceDocument.extend({ pages: z.array(DocumentPage) }).meta({ id: 'DocumentWithPages' });
export type DocumentWithPages = z.infer<typeof DocumentWithPages>;

export const UploadDocumentQuery = z.object({
  title: z.string().min(1).max(500).optional().meta({ description: "Default: the document's own title, else its file name" }),
  collection: CollectionName.default('default'),
  filename: z
    .string()
    .min(1)
    .max(300)
    .optional()
    .meta({ description: 'The file name (helps tell the type when the content type does not)' }),
});

export const DocumentListQuery = ListQuery.extend({ collection: CollectionName.optional() });

export const DocumentSearchQuery = z.object({
  q: z.string().min(1).max(1000),
  collection: CollectionName.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const PassageHit = z
  .object({
    documentId: Id,
    title: z.string(),
    page: z.number().int(),
    score: z.number().meta({ description: 'Higher is better (comparable within one search)' }),
    snippet: z.string().meta({ description: 'The passage around the matched words, which are in [brackets]' }),
    text: z.string(),
  })
  .meta({ id: 'PassageHit' });
export type PassageHit = z.infer<typeof PassageHit>;
