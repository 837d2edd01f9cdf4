import { describe, expect, it } from 'vitest';
import { decodeEntities, isoDate, normalizeResults, plainText, webUrl } from './normalize';

describe('search result normalisation', () => {
  it('turns snippets into plain text: tags dropped, entities decoded after, whitespace collapsed', () => {
    expect(plainText('Acme <strong>revenue</strong> grew &amp; &#x27;more&#39;')).toBe("Acme revenue grew & 'more'");
    expect(plainText('<p class="x">One<br/>two</p><p>Three</p><!-- note -->')).toBe('One two Three');
    expect(plainText('Ac<em>me</em> <a href="https://example.com">site</a>')).toBe('Acme site');
    expect(plainText('a < b and c > d, x<y')).toBe('a < b and c > d, x<y');
    // An encoded tag is text, not markup.
    expect(plainText('use &lt;script&gt; here')).toBe('use <script> here');
    expect(plainText('&nbsp;caf&eacute;&hellip;')).toBe('caf&eacute;…');
    expect(plainText(42)).toBe('');
  });

  it('decodes numeric entities, and replaces those that are not characters', () => {
    expect(decodeEntities('&#128512; &#x1F600; &#0; &#xD800; &#x110000;')).toBe('😀 😀 \uFFFD \uFFFD \uFFFD');
    expect(decodeEntities('&unknown; &AMP;')).toBe('&unknown; &');
  });

  it('keeps only absolute http(s) URLs', () => {
    expect(webUrl('https://example.com')).toBe('https://example.com/');
    expect(webUrl(' http://example.com/a b ')).toBe('http://example.com/a%20b');
    for (const bad of ['javascript:alert(1)', 'ftp://example.com/x', 'data:text/html,hi', '/relative', 'not a url', null, 7]) {
      expect(webUrl(bad), String(bad)).toBeNull();
    }
  });

  it('reads dates as UTC whatever the server’s zone, and refuses relative or yearless ones', () => {
    expect(isoDate('2024-05-01T10:00:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(isoDate('2024-05-01 10:00')).toBe('2024-05-01T10:00:00.000Z');
    expect(isoDate('2024-05-01')).toBe('2024-05-01T00:00:00.000Z');
    expect(isoDate('2024-05-01T10:00:00+02:00')).toBe('2024-05-01T08:00:00.000Z');
    expect(isoDate('Tue, 05 Mar 2024 10:30:00 GMT')).toBe('2024-03-05T10:30:00.000Z');
    expect(isoDate('March 5, 2024')).toBe('2024-03-05T00:00:00.000Z');
    for (const bad of ['3 days ago', '1', 'yesterday', '', null, 1714000000]) expect(isoDate(bad), String(bad)).toBeNull();
  });

  it('keeps web URLs once, on the site when one is given, up to the limit', () => {
    const raw = [
      { title: 'A', url: 'https://a.example.com/1', snippet: 'one', date: null },
      { title: 'Dup', url: 'https://a.example.com/1', snippet: 'again', date: null },
      { title: 'Bad', url: 'javascript:void(0)', snippet: '', date: null },
      { title: '', url: 'https://example.com/2', snippet: undefined, date: '2024-01-02' },
      { title: 'Other', url: 'https://notexample.com/3', snippet: 'x', date: null },
      { title: 'C', url: 'https://example.com/4', snippet: 'four', date: null },
    ];
    expect(normalizeResults(raw, 10, 'example.com')).toEqual([
      { title: 'A', url: 'https://a.example.com/1', snippet: 'one', date: null },
      { title: 'https://example.com/2', url: 'https://example.com/2', snippet: '', date: '2024-01-02T00:00:00.000Z' },
      { title: 'C', url: 'https://example.com/4', snippet: 'four', date: null },
    ]);
    expect(normalizeResults(raw, 2).map((r) => r.title)).toEqual(['A', 'https://example.com/2']);
  });
});
