import { describe, expect, it } from 'vitest';
import { documentFileHref, documentHref } from './document-links';

describe('document links', () => {
  const id = '65f0a1b2c3d4e5f601234567';

  it('links to a page of a document with the page in the query and as the anchor', () => {
    expect(documentHref(id, 3)).toBe(`/documents/${id}?page=3#page-3`);
  });

  it('links to the document itself without a page', () => {
    expect(documentHref(id)).toBe(`/documents/${id}`);
    expect(documentHref(id, null)).toBe(`/documents/${id}`);
  });

  it('downloads the original from the API on the same origin', () => {
    expect(documentFileHref(id)).toBe(`/v1/documents/${id}/file`);
  });
});
