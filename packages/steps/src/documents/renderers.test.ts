import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../tests/support/pdf-text';
import { sampleMemo } from '../../../../tests/support/sample-memo';
import type { Citation } from '@assay/schema';
import { resolveFootnotes } from './footnotes';
import { parseMarkdown } from './markdown-tokens';
import { pdfSafe } from './pdf-text';
import { renderDocx } from './render-docx';
import { renderHtml } from './render-html';
import { renderPdf } from './render-pdf';

async function docxXml(data: Uint8Array, part = 'word/document.xml'): Promise<string> {
  return (await (await JSZip.loadAsync(data)).file(part)?.async('string')) ?? '';
}

/** A template citing two sources (one of them twice, one unverified with an unsafe URL), parsed with its notes. */
function cited() {
  const citations: Citation[] = [
    {
      id: 'rev',
      sourceId: 'd1',
      page: 3,
      quote: 'Revenue grew 12%',
      verified: true,
      title: 'Annual <Report>',
      url: 'https://example.com/r?a=1&b=2',
    },
    { id: 'churn', sourceId: 'd2', page: null, quote: 'Churn fell', verified: false, title: 'Board memo', url: 'javascript:alert(1)' },
  ];
  const template =
    '# Memo\n\nRevenue grew.[^rev] Churn fell[^churn] and revenue again[^rev].\n\n| a | b |\n|---|---|\n| x[^churn] | y |\n\n`[^rev]`\n';
  const { markdown, footnotes } = resolveFootnotes(template, citations, 'steps.memo.with');
  return parseMarkdown(markdown, footnotes);
}

describe('document renderers', () => {
  it('lays a long memo out over many numbered pages', async () => {
    const { text, pages } = await pdfText(await renderPdf(sampleMemo('Acme Corp', 14)));
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain('Section 14: Summary');
    expect(text).toContain('Prepared by the research team.');
    for (const marker of ['**', '# ', '|---', '```', '](']) expect(text).not.toContain(marker);
  });

  it('breaks long tables and code blocks across pages, repeating the table header', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => `| row ${i} | ${i * 3} | note ${i} |`).join('\n');
    const code = Array.from({ length: 150 }, (_, i) => `line_${i} = ${i}`).join('\n');
    const markdown = `# Big\n\n| Name | Value | Note |\n|---|---|---|\n${rows}\n\n\`\`\`\n${code}\n\`\`\`\n`;
    const { text, pages } = await pdfText(await renderPdf(markdown));
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(text.match(/Name Value Note/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(text).toContain('row 119');
    expect(text).toContain('line_149 = 149');
  });

  it('keeps text the standard PDF fonts cannot encode readable', async () => {
    expect(pdfSafe('Zürich → Łódź 中 “q” – €5')).toBe('Zürich -> Lódz ? “q” – €5');
    const { text } = await pdfText(await renderPdf('# Zürich café\n\nPrice: €5 — “quoted”'));
    expect(text).toContain('Zürich café');
    expect(text).toContain('€5');
  });

  it('makes safe links clickable and shows unsafe ones as text only', async () => {
    const markdown = '[safe](https://example.com/a) and [bad](javascript:alert(1)) and <b>raw</b>';
    const parsed = parseMarkdown(markdown);
    const html = renderHtml(parsed);
    expect(html).toContain('<a href="https://example.com/a">safe</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;b&gt;raw&lt;/b&gt;');
    const pdf = Buffer.from(await renderPdf(parsed)).toString('latin1');
    expect(pdf).toContain('/URI (https://example.com/a)');
    expect(pdf).not.toContain('javascript');
    const rels = await (await JSZip.loadAsync(await renderDocx(parsed))).file('word/_rels/document.xml.rels')?.async('string');
    expect(rels).toContain('https://example.com/a');
    expect(rels).not.toContain('javascript');
  });

  it('honours ordered list starts and restarts numbering per list', async () => {
    const markdown = '3. three\n4. four\n\nText\n\n1. one\n2. two\n';
    expect(renderHtml(markdown)).toContain('<ol start="3">');
    const xml = await docxXml(await renderDocx(markdown));
    const numIds = new Set([...xml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
    expect(numIds.size).toBe(2);
    const { text } = await pdfText(await renderPdf(markdown));
    expect(text).toContain('3. three');
    expect(text).toContain('1. one');
  });

  it('renders empty and heading-less documents with a fallback title', async () => {
    expect(renderHtml('')).toContain('<title>Document</title>');
    expect(renderHtml('Just text', { title: 'A <b> & c' })).toContain('<title>A &lt;b&gt; &amp; c</title>');
    expect((await pdfText(await renderPdf(''))).pages).toBe(1);
    expect(await docxXml(await renderDocx(''))).toContain('<w:body>');
  });

  it('draws footnote numbers at the markers and the notes at the end, in HTML, PDF and DOCX', async () => {
    const parsed = cited();
    expect(parsed.firstHeading).toBe('Memo');

    const html = renderHtml(parsed);
    expect(html).toContain(
      'Revenue grew.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1">1</a></sup> Churn fell<sup class="footnote-ref"><a href="#fn-2" id="fnref-2">2</a></sup>',
    );
    // A citation cited again reuses its number; the element ids stay unique.
    expect(html).toContain('again<sup class="footnote-ref"><a href="#fn-1" id="fnref-1-2">1</a></sup>.');
    expect(html).toContain('<td>x<sup class="footnote-ref"><a href="#fn-2" id="fnref-2-2">2</a></sup></td>');
    expect(html).toContain('<code>[^rev]</code>');
    expect(html).toContain(
      '<section class="footnotes"><hr><ol>' +
        '<li id="fn-1">Annual &lt;Report&gt;, p. 3. \u201cRevenue grew 12%\u201d <a href="https://example.com/r?a=1&amp;b=2">https://example.com/r?a=1&amp;b=2</a> <a href="#fnref-1">\u21a9</a></li>' +
        '<li id="fn-2">Board memo. \u201cChurn fell\u201d javascript:alert(1) (unverified) <a href="#fnref-2">\u21a9</a></li>' +
        '</ol></section>',
    );
    expect(html).not.toContain('href="javascript');

    const { text } = await pdfText(await renderPdf(parsed));
    expect(text).toMatch(/Revenue grew\.\s?1 Churn fell\s?2 and revenue again\s?1\./);
    expect(text).toContain('Notes');
    expect(text).toContain('1. Annual <Report>, p. 3. \u201cRevenue grew 12%\u201d https://example.com/r?a=1&b=2');
    expect(text).toContain('2. Board memo. \u201cChurn fell\u201d javascript:alert(1) (unverified)');
    expect(text).toContain('[^rev]');

    const docx = await renderDocx(parsed);
    const body = await docxXml(docx);
    expect([...body.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1])).toEqual(['1', '2']);
    expect(body).toContain('<w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">1</w:t>'); // the repeat
    const notes = await docxXml(docx, 'word/footnotes.xml');
    expect(notes).toContain('<w:footnote w:id="1">');
    expect(notes).toContain('Annual &lt;Report&gt;, p. 3. \u201cRevenue grew 12%\u201d');
    expect(notes).toContain('https://example.com/r?a=1&amp;b=2');
    expect(notes).toContain('Board memo. \u201cChurn fell\u201d');
    expect(notes).toContain(' (unverified)');
    const rels = await docxXml(docx, 'word/_rels/footnotes.xml.rels');
    expect(rels).toContain('Target="https://example.com/r?a=1&amp;b=2"');
    expect(rels).not.toContain('javascript');
  });

  it('leaves [^n] as text without notes', async () => {
    const parsed = parseMarkdown('Plain [^1] text');
    expect(parsed.footnotes).toEqual([]);
    expect(renderHtml(parsed)).toContain('<p>Plain [^1] text</p>');
    expect(renderHtml(parsed)).not.toContain('<section class="footnotes">');
    expect((await pdfText(await renderPdf(parsed))).text).toContain('Plain [^1] text');
  });
});
