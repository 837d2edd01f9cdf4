import type { PassageHit } from '@assay/schema';
import { sql, type Selectable } from 'kysely';
import type { Db, DocumentsTable } from '../database';
import type { StoreDialect } from '../dialect/dialect';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

/** A stored document, without its file. */
export interface DocumentRecord {
  id: string;
  workspaceId: string;
  collection: string;
  title: string;
  filename: string | null;
  contentType: string;
  kind: string;
  bytes: number;
  pageCount: number;
  createdAt: number;
}

/** A document to store: the file, what it was read as, and its passages. */
export interface NewDocument extends Pick<DocumentRecord, 'workspaceId' | 'collection' | 'title' | 'filename' | 'contentType' | 'kind'> {
  data: Uint8Array;
  pages: Array<{ number: number; heading?: string; text: string }>;
  passages: Array<{ page: number; text: string }>;
}

/** Passages written per statement (SQLite's parameter limit, PostgreSQL's message size). */
const PASSAGES_PER_INSERT = 200;

function toRecord(row: Omit<Selectable<DocumentsTable>, 'data'>): DocumentRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    collection: row.collection,
    title: row.title,
    filename: row.filename,
    contentType: row.content_type,
    kind: row.kind,
    bytes: Number(row.bytes),
    pageCount: Number(row.page_count),
    createdAt: Number(row.created_at),
  };
}

const COLUMNS = [
  'id',
  'workspace_id',
  'collection',
  'title',
  'filename',
  'content_type',
  'kind',
  'bytes',
  'page_count',
  'created_at',
] as const;

/**
 * Documents and their passages. Search is the one place the dialects differ: FTS5 with BM25 on
 * SQLite, a `tsvector` with `ts_rank_cd` on PostgreSQL; both match every word of the query (stemmed)
 * and answer the same shape.
 */
export class DocumentStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly dialect: StoreDialect,
  ) {}

  /** Stores the document, its pages and its passages in one transaction. */
  create(document: NewDocument): Promise<DocumentRecord> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const row: Selectable<DocumentsTable> = {
        id: newId(now),
        workspace_id: document.workspaceId,
        collection: document.collection,
        title: document.title,
        filename: document.filename,
        content_type: document.contentType,
        kind: document.kind,
        bytes: document.data.byteLength,
        page_count: document.pages.length,
        data: document.data,
        created_at: now,
      };
      await trx.insertInto('documents').values(row).execute();
      for (let i = 0; i < document.pages.length; i += PASSAGES_PER_INSERT) {
        const pages = document.pages.slice(i, i + PASSAGES_PER_INSERT);
        await trx
          .insertInto('document_pages')
          .values(pages.map((p) => ({ document_id: row.id, number: p.number, heading: p.heading ?? null, text: p.text })))
          .execute();
      }
      for (let i = 0; i < document.passages.length; i += PASSAGES_PER_INSERT) {
        const passages = document.passages.slice(i, i + PASSAGES_PER_INSERT);
        await trx
          .insertInto('passages')
          .values(
            passages.map((p) => ({
              workspace_id: document.workspaceId,
              collection: document.collection,
              document_id: row.id,
              page: p.page,
              text: p.text,
            })),
          )
          .execute();
      }
      return toRecord(row);
    });
  }

  async list(workspaceId: string, filter: { collection?: string; limit: number; lt?: string }): Promise<DocumentRecord[]> {
    let query = this.db
      .selectFrom('documents')
      .select([...COLUMNS])
      .where('workspace_id', '=', workspaceId);
    if (filter.collection) query = query.where('collection', '=', filter.collection);
    if (filter.lt) query = query.where('id', '<', filter.lt);
    return (await query.orderBy('id', 'desc').limit(filter.limit).execute()).map(toRecord);
  }

  async get(workspaceId: string, id: string): Promise<DocumentRecord | null> {
    const row = await this.db
      .selectFrom('documents')
      .select([...COLUMNS])
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async pages(documentId: string): Promise<Array<{ number: number; heading: string | null; text: string }>> {
    const rows = await this.db.selectFrom('document_pages').selectAll().where('document_id', '=', documentId).orderBy('number').execute();
    return rows.map((r) => ({ number: Number(r.number), heading: r.heading, text: r.text }));
  }

  /** The original file. */
  async file(workspaceId: string, id: string): Promise<{ record: DocumentRecord; data: Uint8Array } | null> {
    const row = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { record: toRecord(row), data: row.data } : null;
  }

  remove(workspaceId: string, id: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const deleted = await trx.deleteFrom('documents').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      if (Number(deleted.numDeletedRows) === 0) return false;
      await trx.deleteFrom('document_pages').where('document_id', '=', id).execute();
      await trx.deleteFrom('passages').where('document_id', '=', id).execute();
      return true;
    });
  }

  /**
   * Passages of the workspace (of one collection) holding every word of `query`, best first. Words
   * are letters and digits; anything else in the query (quotes, operators) is ignored.
   */
  async search(workspaceId: string, query: string, options: { collection?: string; limit: number }): Promise<PassageHit[]> {
    const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return [];
    const collection = options.collection ?? null;
    const rows =
      this.dialect.name === 'sqlite'
        ? (
            await sql<{ document_id: string; page: number; text: string; score: number; snippet: string }>`
              select document_id, page, text, -bm25(passages) as score, snippet(passages, 0, '[', ']', '…', 24) as snippet
              from passages
              where passages match ${words.map((w) => `"${w}"`).join(' ')}
                and workspace_id = ${workspaceId} and (${collection} is null or collection = ${collection})
              order by bm25(passages) limit ${options.limit}`.execute(this.db)
          ).rows
        : (
            await sql<{ document_id: string; page: number; text: string; score: number; snippet: string }>`
              select document_id, page, text, ts_rank_cd(tsv, q) as score,
                ts_headline('english', text, q, 'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8') as snippet
              from passages, plainto_tsquery('english', ${words.join(' ')}) q
              where tsv @@ q and workspace_id = ${workspaceId} and (${collection}::text is null or collection = ${collection})
              order by score desc, id limit ${options.limit}`.execute(this.db)
          ).rows;
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.document_id))];
    const titles = new Map(
      (await this.db.selectFrom('documents').select(['id', 'title']).where('id', 'in', ids).execute()).map((d) => [d.id, d.title]),
    );
    return rows.map((r) => ({
      documentId: r.document_id,
      title: titles.get(r.document_id) ?? '',
      page: Number(r.page),
      score: Math.round(Number(r.score) * 1e6) / 1e6,
      snippet: r.snippet,
      text: r.text,
    }));
  }
}
