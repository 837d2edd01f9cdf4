import { describe, expect, it } from 'vitest';
import type { Citation } from '@assay/schema';
import { citationsOf, sourceLink } from './citation-sources';

const DOC = '65f0a1b2c3d4e5f601234567';
const citation = (extra: Partial<Citation> = {}): Citation => ({
  id: 'figures.revenue',
  sourceId: DOC,
  page: 2,
  quote: 'Acme revenue grew',
  verified: true,
  title: 'Acme annual report',
  url: null,
  ...extra,
});

describe('citationsOf', () => {
  it("reads the output's citations", () => {
    const output = { revenue: 12.5, citations: [citation(), citation({ id: 'figures.risk', verified: false, problem: 'not found' })] };
    expect(citationsOf(output).map((c) => [c.id, c.verified])).toEqual([
      ['figures.revenue', true],
      ['figures.risk', false],
    ]);
  });

  it('is empty for an output without citations, or with something else under the name', () => {
    expect(citationsOf(null)).toEqual([]);
    expect(citationsOf(undefined)).toEqual([]);
    expect(citationsOf('text')).toEqual([]);
    expect(citationsOf({ text: 'hi' })).toEqual([]);
    expect(citationsOf({ citations: 'none' })).toEqual([]);
    expect(citationsOf({ citations: [null, 1, { sourceId: 'x' }] })).toEqual([]);
  });
});

describe('sourceLink', () => {
  it('opens a document at the cited page', () => {
    expect(sourceLink(citation())).toEqual({ kind: 'document', href: `/documents/${DOC}?page=2#page-2` });
    expect(sourceLink(citation({ page: null }))).toEqual({ kind: 'document', href: `/documents/${DOC}` });
  });

  it('opens a web source at its url, or at its id when that is the URL', () => {
    expect(sourceLink(citation({ sourceId: 'r1', url: 'https://example.com/a?b=1' }))).toEqual({
      kind: 'url',
      href: 'https://example.com/a?b=1',
    });
    expect(sourceLink(citation({ sourceId: 'http://example.org/report', url: null }))).toEqual({
      kind: 'url',
      href: 'http://example.org/report',
    });
  });

  it('does not link anything but http and https, nor an id that is neither a document nor a URL', () => {
    expect(sourceLink(citation({ sourceId: 'r1', url: 'javascript:alert(1)' }))).toEqual({ kind: 'none' });
    expect(sourceLink(citation({ sourceId: 'data:text/html,<b>x</b>', url: null }))).toEqual({ kind: 'none' });
    expect(sourceLink(citation({ sourceId: 'memo', url: '/relative/path' }))).toEqual({ kind: 'none' });
    expect(sourceLink(citation({ sourceId: DOC.toUpperCase(), url: null }))).toEqual({ kind: 'none' });
  });
});
