import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../tests/support/pdf-text';
import { sampleMemo } from '../../../../tests/support/sample-memo';
import { parseMarkdown } from './markdown-tokens';
import { pdfSafe } from './pdf-text';
import { renderDocx } from './render-docx';
import { renderHtml } from './render-html';
import { renderPdf } from './render-pdf';

async function docxXml(data: Uint8Array): Promise<string> {
  return (await (await JSZip.loadAsync(data)).file('word/document.xml')?.async('string')) ?? '';
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
});
