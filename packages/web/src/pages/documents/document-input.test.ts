import { describe, expect, it } from 'vitest';
import { collectionFilter, contentTypeOf, targetPage } from './document-input';

describe('contentTypeOf', () => {
  it("keeps the browser's type", () => {
    expect(contentTypeOf({ name: 'notes.md', type: 'text/x-markdown' })).toBe('text/x-markdown');
  });

  it('falls back to the extension, then to a generic binary type', () => {
    expect(contentTypeOf({ name: 'Report.PDF', type: '' })).toBe('application/pdf');
    expect(contentTypeOf({ name: 'notes.md', type: '' })).toBe('text/markdown');
    expect(contentTypeOf({ name: 'memo.docx', type: '' })).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(contentTypeOf({ name: 'README', type: '' })).toBe('application/octet-stream');
    expect(contentTypeOf({ name: 'data.bin', type: '' })).toBe('application/octet-stream');
  });
});

describe('collectionFilter', () => {
  it('is every collection when empty', () => {
    expect(collectionFilter('  ')).toEqual({ collection: undefined, invalid: false });
  });

  it('keeps a valid name, trimmed', () => {
    expect(collectionFilter(' filings-2025 ')).toEqual({ collection: 'filings-2025', invalid: false });
  });

  it('does not send a name the API would refuse', () => {
    expect(collectionFilter('annual reports')).toEqual({ collection: undefined, invalid: true });
    expect(collectionFilter('-x')).toEqual({ collection: undefined, invalid: true });
  });
});

describe('targetPage', () => {
  it('reads ?page=N first, then the #page-N anchor', () => {
    expect(targetPage('?page=3', '#page-3')).toBe(3);
    expect(targetPage('page=2', '')).toBe(2);
    expect(targetPage('', '#page-7')).toBe(7);
  });

  it('is null for no page or a page that is not a positive whole number', () => {
    expect(targetPage('', '')).toBeNull();
    expect(targetPage('?page=0', '')).toBeNull();
    expect(targetPage('?page=two', '#page-2')).toBeNull();
    expect(targetPage('?page=1.5', '')).toBeNull();
    expect(targetPage('', '#top')).toBeNull();
  });
});
