import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../dialect/dialect';

/**
 * Documents a workspace uploads as sources: the original file, its pages (a PDF's pages, another
 * kind's sections) and the passages full-text search reads. Passages are an FTS5 table on SQLite and
 * a table with a generated `tsvector` and a GIN index on PostgreSQL; `DocumentStore.search` answers
 * the same shape from both.
 */
export const documents = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('collection', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('filename', 'text')
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('bytes', 'bigint', (c) => c.notNull())
      .addColumn('page_count', 'integer', (c) => c.notNull())
      .addColumn('data', dialect.binaryType, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('documents_workspace').on('documents').columns(['workspace_id', 'collection', 'id']).execute();
    await db.schema
      .createTable('document_pages')
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('heading', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_pages_pk', ['document_id', 'number'])
      .execute();
    if (dialect.name === 'sqlite') {
      // Only `text` is indexed; the others are stored beside it to filter and to answer with.
      await sql`create virtual table passages using fts5(
        text, workspace_id unindexed, collection unindexed, document_id unindexed, page unindexed,
        tokenize = 'porter unicode61 remove_diacritics 2'
      )`.execute(db);
    } else {
      await sql`create table passages (
        id bigserial primary key,
        workspace_id text not null,
        collection text not null,
        document_id text not null,
        page integer not null,
        text text not null,
        tsv tsvector generated always as (to_tsvector('english', text)) stored
      )`.execute(db);
      await sql`create index passages_tsv on passages using gin (tsv)`.execute(db);
      await sql`create index passages_document on passages (document_id)`.execute(db);
    }
  },
});
