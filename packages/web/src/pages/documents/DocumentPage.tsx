import { useEffect } from 'react';
import { Link, useSearch } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { documentFileHref } from '../../ui/document-links';
import { ErrorNote } from '../../ui/ErrorNote';
import { bytes, timeAgo } from '../../ui/format';
import { PageHeader } from '../../ui/Layout';
import { keys } from '../../ui/query/keys';
import { targetPage } from './document-input';
import './documents.css';

/** One document: its facts, the original to download, and its text one section per page (`#page-N`). */
export function DocumentPage({ documentId }: { documentId: string }) {
  const search = useSearch();
  const loaded = useQuery({ queryKey: keys.documents.detail(documentId), queryFn: () => api.documents.get(documentId) });
  const doc = loaded.data;
  const target = targetPage(search, window.location.hash);

  // A link to a page (a search hit, a citation) scrolls to it once the text is there.
  useEffect(() => {
    if (doc && target !== null) document.getElementById(`page-${target}`)?.scrollIntoView();
  }, [doc, target]);

  if (!doc) return loaded.error ? <ErrorNote error={loaded.error} /> : <div className="muted">Loading…</div>;
  return (
    <div>
      <PageHeader title={doc.title}>
        <Link href="/documents">All documents</Link>
        <a className="button" href={documentFileHref(doc.id)} download={doc.filename ?? undefined} data-testid="document-download">
          Download original
        </a>
      </PageHeader>
      <ErrorNote error={loaded.error} />
      <p className="muted" data-testid="document-facts">
        {doc.kind} · <code>{doc.collection}</code> · {doc.pageCount} {doc.kind === 'pdf' ? 'pages' : 'sections'} · {bytes(doc.bytes)}
        {doc.filename && <> · {doc.filename}</>} · added <span title={doc.createdAt}>{timeAgo(doc.createdAt)}</span>
      </p>
      {doc.pages.length > 1 && (
        <nav className="document-toc" aria-label="Pages">
          {doc.pages.map((page) => (
            <a key={page.number} href={`#page-${page.number}`} className={page.number === target ? 'current' : ''}>
              {page.heading ? `${page.number}. ${page.heading}` : `p. ${page.number}`}
            </a>
          ))}
        </nav>
      )}
      {doc.pages.map((page) => (
        <section
          key={page.number}
          id={`page-${page.number}`}
          className={`card document-page${page.number === target ? ' current' : ''}`}
          data-testid={`document-page-${page.number}`}
        >
          <h2>
            <a href={`#page-${page.number}`} className="muted">
              p. {page.number}
            </a>{' '}
            {/* Markdown and HTML sections' text starts with their heading already. */}
            {page.heading && !page.text.startsWith(page.heading) && page.heading}
          </h2>
          <div className="document-text">{page.text}</div>
        </section>
      ))}
      {doc.pages.length === 0 && <p className="muted">This document has no text.</p>}
    </div>
  );
}
