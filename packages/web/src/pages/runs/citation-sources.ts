import type { Citation } from '@assay/schema';
import { documentHref } from '../../ui/document-links';

/** The checked citations an AI step returned (`output.citations`), or none when its output has none. */
export function citationsOf(output: unknown): Citation[] {
  const citations = (output as { citations?: unknown } | null | undefined)?.citations;
  if (!Array.isArray(citations)) return [];
  return citations.filter(
    (item): item is Citation =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as Citation).sourceId === 'string' &&
      typeof (item as Citation).quote === 'string' &&
      typeof (item as Citation).verified === 'boolean',
  );
}

/** Where a citation's source opens: a stored document in the app, a web page in a new tab, or nowhere. */
export type SourceLink = { kind: 'document'; href: string } | { kind: 'url'; href: string } | { kind: 'none' };

/** Document ids are 24 lower-case hex characters (a local copy of @assay/schema's, which would pull zod in). */
const DOCUMENT_ID = /^[0-9a-f]{24}$/;

/** The source's link: a document id opens that document at the cited page; a URL only if it is http(s). */
export function sourceLink(citation: Pick<Citation, 'sourceId' | 'page' | 'url'>): SourceLink {
  if (DOCUMENT_ID.test(citation.sourceId)) return { kind: 'document', href: documentHref(citation.sourceId, citation.page) };
  const url = webUrl(citation.url) ?? webUrl(citation.sourceId);
  return url ? { kind: 'url', href: url } : { kind: 'none' };
}

/** The URL if it is an absolute http or https one (never javascript:, data: or a relative path). */
function webUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
