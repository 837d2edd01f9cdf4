/** Where the app shows a stored document (research source), and where its original file is. */

/** The document's page in the app, scrolled to page `page` when one is given. */
export function documentHref(id: string, page?: number | null): string {
  const base = `/documents/${encodeURIComponent(id)}`;
  return page === undefined || page === null ? base : `${base}?page=${page}#page-${page}`;
}

/** The original file, as uploaded: same-origin, so the session cookie authenticates the download. */
export function documentFileHref(id: string): string {
  return `/v1/documents/${encodeURIComponent(id)}/file`;
}
