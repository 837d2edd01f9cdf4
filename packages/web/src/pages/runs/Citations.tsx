import { memo } from 'react';
import { Link } from 'wouter';
import type { Citation } from '@assay/schema';
import { citationsOf, sourceLink } from './citation-sources';

/**
 * The citations an AI step returned, as Assay checked them: verified or not (and why not), the field
 * it supports, the source and page (a link to the document's page, or to the web page) and the quote.
 */
export const Citations = memo(function Citations({ output }: { output: unknown }) {
  const citations = citationsOf(output);
  if (citations.length === 0) return null;
  return (
    <>
      <h3>Citations</h3>
      <ul className="citations" data-testid="citations">
        {citations.map((citation, i) => (
          <li key={`${citation.id}:${i}`} className={citation.verified ? 'verified' : 'unverified'} data-verified={citation.verified}>
            <div className="row">
              {citation.verified ? (
                <span className="status status-completed">✓ verified</span>
              ) : (
                <span className="status status-failed">✗ unverified</span>
              )}
              {citation.field && <code>{citation.field}</code>}
              <Source citation={citation} />
            </div>
            <blockquote className="citation-quote">“{citation.quote}”</blockquote>
            {!citation.verified && citation.problem && <div className="citation-problem">{citation.problem}</div>}
          </li>
        ))}
      </ul>
    </>
  );
});

function Source({ citation }: { citation: Citation }) {
  const name = citation.title || citation.sourceId;
  const page = citation.page !== null && <span className="muted"> p. {citation.page}</span>;
  const link = sourceLink(citation);
  return (
    <span className="citation-source">
      {link.kind === 'document' ? (
        <Link href={link.href}>{name}</Link>
      ) : link.kind === 'url' ? (
        <a href={link.href} target="_blank" rel="noreferrer">
          {name}
        </a>
      ) : (
        name
      )}
      {page}
    </span>
  );
}
