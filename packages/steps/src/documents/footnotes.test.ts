import { AssayError, type Citation } from '@assay/schema';
import { describe, expect, it } from 'vitest';
import { documentRenderStep } from './document-render';
import { findFootnoteMarkers, footnoteOf, footnoteText, resolveFootnotes, withFootnoteDefinitions } from './footnotes';

function citation(id: string, extra: Partial<Citation> = {}): Citation {
  return { id, sourceId: `doc-${id}`, page: 3, quote: `the words of ${id}`, verified: true, title: `Source ${id}`, url: null, ...extra };
}

const labels = (markdown: string) => findFootnoteMarkers(markdown).map((m) => m.label);

function thrown(fn: () => unknown): AssayError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AssayError) return error;
    throw error;
  }
  throw new Error('expected an AssayError');
}

describe('footnote markers', () => {
  it('finds [^label] markers in order, with letters, digits and _ - . : in labels', () => {
    expect(labels('A[^a] b[^B_2] c[^x-y.z:1] d[^a].')).toEqual(['a', 'B_2', 'x-y.z:1', 'a']);
    expect(labels('[^] [^a b] [^a/b] [a] ^[a] [^a')).toEqual([]);
  });

  it('leaves markers in fenced code, code spans and escapes alone', () => {
    const markdown = [
      'Text[^a] and `inline [^b]` and ``double ` [^c]`` and \\[^d] and a lone ` then [^e].',
      '',
      '```js',
      'const x = "[^f]";',
      '```',
      '',
      '~~~',
      '[^g]',
      '~~~~',
      '',
      '> ```',
      '> [^h]',
      '> ```',
      '',
      '- item[^i]',
      '  ```',
      '  [^j]',
      '  ```',
      '',
      '# Heading[^k] `x',
      'y` [^l]',
    ].join('\n');
    expect(labels(markdown)).toEqual(['a', 'e', 'i', 'k', 'l']);
  });

  it('treats everything after an unclosed fence as code', () => {
    expect(labels('a[^x]\n\n```\n[^y]\n\nb [^z]')).toEqual(['x']);
  });
});

describe('resolveFootnotes', () => {
  it('numbers labels by first appearance and reuses the number of a label seen before', () => {
    const citations = [citation('first'), citation('second'), citation('unused')];
    const { markdown, footnotes } = resolveFootnotes('One[^second], two[^first], again[^second]. `[^first]`', citations, 'steps.m.with');
    expect(markdown).toBe('One[^1], two[^2], again[^1]. `[^first]`');
    expect(footnotes.map((n) => [n.number, n.label])).toEqual([
      [1, 'second'],
      [2, 'first'],
    ]);
  });

  it('fails on a label no citation has, naming the template and the label', () => {
    const error = thrown(() => resolveFootnotes('Claim[^a] and[^missing].', [citation('a'), citation('b')], 'steps.memo.with'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe(
      'steps.memo.with.template: [^missing] cites "missing", but no citation has that id (the citations\' ids are "a", "b")',
    );
    expect(error.details).toEqual([{ path: 'steps.memo.with.template', message: expect.stringContaining('[^missing]') }]);
    expect(thrown(() => resolveFootnotes('x[^a]', [], 'steps.m.with')).message).toContain('citations is empty');
  });

  it('takes repeated ids that say the same thing, and refuses ones that differ', () => {
    expect(resolveFootnotes('x[^a]', [citation('a'), citation('a')], 'steps.m.with').footnotes).toHaveLength(1);
    const error = thrown(() => resolveFootnotes('x[^a]', [citation('a'), citation('a', { page: 9 })], 'steps.m.with'));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/^steps\.m\.with\.citations: 2 different citations have the id "a"/);
    // Not cited: no matter.
    expect(resolveFootnotes('x', [citation('a'), citation('a', { page: 9 })], 'steps.m.with').footnotes).toEqual([]);
  });

  it('appends GFM definitions after a blank line', () => {
    const citations = [citation('a', { url: 'https://example.com/a' }), citation('b', { verified: false })];
    const { markdown, footnotes } = resolveFootnotes('# T\n\nA[^a] b[^b].\n\n', citations, 'steps.m.with');
    expect(withFootnoteDefinitions(markdown, footnotes)).toBe(
      '# T\n\nA[^1] b[^2].\n\n' +
        '[^1]: Source a, p. 3. \u201cthe words of a\u201d https://example.com/a\n' +
        '[^2]: Source b, p. 3. \u201cthe words of b\u201d (unverified)\n',
    );
    expect(withFootnoteDefinitions('as it is  \n', [])).toBe('as it is  \n');
  });

  it('escapes Markdown in definitions and closes a fence left open', () => {
    const cited = citation('a', { title: 'A *bold* [title]', quote: 'x_y <b>', url: 'javascript:alert(1)' });
    const { markdown, footnotes } = resolveFootnotes('A[^a]\n\n```\ncode', [cited], 'steps.m.with');
    expect(withFootnoteDefinitions(markdown, footnotes)).toBe(
      'A[^1]\n\n```\ncode\n```\n\n[^1]: A \\*bold\\* \\[title\\], p. 3. \u201cx\\_y \\<b\\>\u201d javascript:alert(1)\n',
    );
  });
});

describe('footnote notes', () => {
  it('writes Title, p. n. “quote” URL, leaving out what is missing', () => {
    const note = (extra: Partial<Citation>) => footnoteText(footnoteOf(citation('a', extra), 1));
    expect(note({ url: 'https://e.com/r' })).toBe('Source a, p. 3. \u201cthe words of a\u201d https://e.com/r');
    expect(note({ page: null })).toBe('Source a. \u201cthe words of a\u201d');
    expect(note({ title: null, url: 'https://e.com/r' })).toBe('p. 3. \u201cthe words of a\u201d https://e.com/r');
    expect(note({ title: null, page: null, url: null })).toBe('doc-a. \u201cthe words of a\u201d'); // named by its source id
    expect(note({ title: 'Why?', page: null, quote: '  spread\n over\tlines ' })).toBe('Why? \u201cspread over lines\u201d');
    expect(note({ quote: '', verified: false })).toBe('Source a, p. 3. (unverified)');
    expect(footnoteOf(citation('a', { url: 'ftp://e.com/x' }), 1)).toMatchObject({ url: 'ftp://e.com/x', href: null });
    expect(footnoteOf(citation('a', { url: 'HTTPS://e.com/x' }), 1).href).toBe('HTTPS://e.com/x');
  });
});

describe('document.render citations config', () => {
  const config = documentRenderStep.config;
  const cite = { id: 'a', sourceId: 's', page: 1, quote: 'q', verified: true, title: 't', url: 'https://e.com' };

  it('flattens nested lists, drops extra fields and fills a missing page, title or URL with null', () => {
    const parsed = config.parse({
      name: 'm',
      template: 'x',
      citations: [[cite, { id: 'b', sourceId: 's', quote: 'q', verified: false, field: 'revenue', extra: 1 }], [], [[cite]]],
    }) as { citations: Citation[] };
    expect(parsed.citations).toEqual([
      cite,
      { id: 'b', sourceId: 's', page: null, quote: 'q', verified: false, title: null, url: null, field: 'revenue' },
      cite,
    ]);
    expect((config.parse({ name: 'm', template: 'x' }) as { citations?: unknown }).citations).toBeUndefined();
  });

  it('names the place of a bad citation', () => {
    const result = config.safeParse({ name: 'm', template: 'x', citations: [cite, [cite, { id: 'b', quote: 'q' }], 'nope'] });
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toContainEqual(['citations.1.1.sourceId', expect.stringContaining('expected string')]);
    expect(issues).toContainEqual(['citations.1.1.verified', expect.stringContaining('expected boolean')]);
    expect(issues).toContainEqual(['citations.2', expect.stringContaining('must be a citation')]);
  });

  it('takes at most 2,000 citations after flattening', () => {
    const list = Array.from({ length: 1000 }, (_, i) => ({ ...cite, id: `c${i}` }));
    expect(config.safeParse({ name: 'm', template: 'x', citations: [list, list] }).success).toBe(true);
    const over = config.safeParse({ name: 'm', template: 'x', citations: [list, list, [cite]] });
    expect(over.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['citations', 'at most 2,000 citations (after flattening nested lists)'],
    ]);
  });
});
