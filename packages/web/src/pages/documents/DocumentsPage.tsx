import { useState } from 'react';
import { Link } from 'wouter';
import type { SourceDocument } from '@assay/schema';
import { api } from '../../api';
import { useSession } from '../../auth/session';
import { documentHref } from '../../ui/document-links';
import { ErrorNote } from '../../ui/ErrorNote';
import { bytes, timeAgo } from '../../ui/format';
import { PageHeader } from '../../ui/Layout';
import { confirmed, useAction } from '../../ui/use-action';
import { keys } from '../../ui/query/keys';
import { useCursorQuery } from '../../ui/query/use-cursor-query';
import { useInvalidate } from '../../ui/query/use-invalidate';
import { collectionFilter } from './document-input';
import { DocumentUpload } from './DocumentUpload';
import { PassageSearch } from './PassageSearch';
import '../../ui/settings.css';
import './documents.css';

const PAGE_SIZE = 50;

/** The workspace's documents, the sources workflows search and cite: list, upload, search, delete. */
export function DocumentsPage() {
  const { can } = useSession();
  const [filter, setFilter] = useState('');
  const { collection, invalid } = collectionFilter(filter);
  const documents = useCursorQuery(keys.documents.list({ collection }), (lt) => api.documents.list({ limit: PAGE_SIZE, lt, collection }));
  const action = useAction();
  const invalidate = useInvalidate();
  // Lists, documents and passage searches all change with an upload or a delete.
  const changed = () => invalidate(keys.documents.all);
  // Collections seen so far, offered as the filter's suggestions.
  const collections = [...new Set(documents.items.map((document) => document.collection))].sort();

  const remove = (document: SourceDocument) => {
    if (!confirmed(`Delete the document "${document.title}" and its passages? Searches will no longer find it.`)) return;
    void action.run(async () => {
      await api.documents.delete(document.id);
      changed();
    });
  };

  return (
    <div>
      <PageHeader title="Documents">
        <input
          type="search"
          aria-label="Filter by collection"
          placeholder="Every collection"
          list="document-collections"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className={invalid ? 'invalid' : ''}
          style={{ width: 'auto' }}
        />
        <datalist id="document-collections">
          {collections.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <button onClick={documents.reload}>Refresh</button>
      </PageHeader>
      {invalid && <p className="field-error">A collection is named with 1-100 letters, digits, “_”, “.” or “-”.</p>}
      {can.edit ? (
        <DocumentUpload onUploaded={changed} />
      ) : (
        <p className="notice">Only editors and admins can upload or delete documents; you can read and search them.</p>
      )}
      <PassageSearch collection={collection} />
      <ErrorNote error={action.error ?? documents.error} />
      <table className="table" data-testid="document-list">
        <thead>
          <tr>
            <th>Title</th>
            <th>Kind</th>
            <th>Collection</th>
            <th>Pages</th>
            <th>Size</th>
            <th>Added</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {documents.items.map((document) => (
            <tr key={document.id}>
              <td>
                <Link href={documentHref(document.id)}>{document.title}</Link>
                {document.filename && document.filename !== document.title && <div className="muted">{document.filename}</div>}
              </td>
              <td>{document.kind}</td>
              <td>
                <code>{document.collection}</code>
              </td>
              <td>{document.pageCount}</td>
              <td>{bytes(document.bytes)}</td>
              <td title={document.createdAt}>{timeAgo(document.createdAt)}</td>
              <td className="actions">
                {can.edit && (
                  <button className="small danger" disabled={action.busy} onClick={() => remove(document)}>
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
          {!documents.loading && documents.items.length === 0 && (
            <tr>
              <td colSpan={7} className="muted">
                {collection ? `No documents in ${collection}.` : 'No documents yet.'}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row documents-pager">
        {documents.loading && <span className="muted">Loading…</span>}
        {documents.hasOlder && !documents.loading && <button onClick={documents.older}>Older</button>}
      </div>
    </div>
  );
}
