/** What the documents pages read from the user and the address bar, checked before it reaches the API. */

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  htm: 'text/html',
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
};

/** A file's content type: the browser's, else one from its extension (browsers often give none for .md). */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const extension = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
  return TYPES[extension] ?? 'application/octet-stream';
}

/** The API's rule for a collection's name (a local copy: importing @assay/schema at runtime would pull zod into the bundle). */
export const COLLECTION_PATTERN = '[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}';
const COLLECTION = new RegExp(`^${COLLECTION_PATTERN}$`);

/** A collection filter as typed: empty is every collection; a name the API would refuse is `invalid`. */
export function collectionFilter(text: string): { collection: string | undefined; invalid: boolean } {
  const name = text.trim();
  if (!name) return { collection: undefined, invalid: false };
  return COLLECTION.test(name) ? { collection: name, invalid: false } : { collection: undefined, invalid: true };
}

/** The page a document link points at: `?page=N`, else the anchor `#page-N`; null for none. */
export function targetPage(search: string, hash: string): number | null {
  const fromQuery = new URLSearchParams(search).get('page');
  const text = fromQuery ?? /^#page-(\d+)$/.exec(hash)?.[1] ?? null;
  if (text === null || !/^\d+$/.test(text)) return null;
  const page = Number(text);
  return page >= 1 ? page : null;
}
