import { useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { documentHref } from '../../ui/document-links';
import { ErrorNote } from '../../ui/ErrorNote';
import { keys } from '../../ui/query/keys';
import { snippetParts } from './snippet';

/** Searches the passages of the documents (of one collection, when the list is filtered to one). */
export function PassageSearch({ collection }: { collection: string | undefined }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const hits = useQuery({
    queryKey: keys.documents.search({ query, collection }),
    queryFn: () => api.documents.search(query, { collection, limit: 20 }),
    enabled: query !== '',
  });

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };

  return (
    <section className="card">
      <form className="row" onSubmit={search} role="search" aria-label="Search passages">
        <input
          type="search"
          name="passage-query"
          aria-label="Search passages"
          placeholder={collection ? `Search the passages of ${collection}` : 'Search the passages of every document'}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={1000}
          className="document-search-input"
        />
        <button type="submit" disabled={!text.trim()}>
          Search
        </button>
        {query && (
          <button
            type="button"
            className="link"
            onClick={() => {
              setText('');
              setQuery('');
            }}
          >
            Clear
          </button>
        )}
      </form>
      <ErrorNote error={hits.error} />
      {query && hits.data && (
        <ol className="passage-hits" data-testid="passage-hits">
          {hits.data.map((hit, i) => (
            <li key={`${hit.documentId}:${hit.page}:${i}`}>
              <Link href={documentHref(hit.documentId, hit.page)}>{hit.title}</Link> <span className="muted">p. {hit.page}</span>
              <div className="snippet">
                {snippetParts(hit.snippet).map((part, j) => (part.marked ? <mark key={j}>{part.text}</mark> : part.text))}
              </div>
            </li>
          ))}
          {hits.data.length === 0 && <li className="muted">No passage holds every word of “{query}”.</li>}
        </ol>
      )}
    </section>
  );
}
