import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { sampleMemo } from '../support/sample-memo';

/** A PDF made with pdfkit: `draw` fills it; `options` may encrypt it. */
function pdfkitFile(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    draw(doc);
    doc.end();
  });
}

/**
 * Reading sources: `document.parse` reads the files a run holds — documents Assay rendered itself
 * (PDF page by page, DOCX, HTML and Markdown by section) and files fetched with `http.request`
 * `responseType: "binary"` — and says clearly what it cannot read (corrupt, encrypted, scanned).
 */
describe('document.parse', () => {
  let server: TestServer;
  let files: Server;
  let filesUrl = '';
  const served = new Map<string, { type: string; data: Buffer }>();

  beforeAll(async () => {
    files = createServer((req, res) => {
      const file = served.get(req.url ?? '');
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.type }).end(file.data);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => files.close(resolve));
  });

  async function run(steps: unknown[]): Promise<any> {
    const created = await server.api('POST', '/v1/workflows', { name: `Parse ${Math.random()}`, steps });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const answer = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=60`, {});
    return answer.body.data;
  }

  it('reads a multi-page PDF Assay rendered page by page, and the DOCX, HTML and Markdown by section', async () => {
    const memo = sampleMemo('Acme Corp', 6);
    const result = await run([
      { id: 'render', type: 'document.render', with: { name: 'memo', template: memo, formats: ['pdf', 'docx', 'html', 'md'] } },
      { id: 'pdf', type: 'document.parse', needs: ['render'], with: { file: '{{ steps.render.output.artifacts.pdf.name }}' } },
      { id: 'docx', type: 'document.parse', needs: ['render'], with: { file: 'memo.docx' } },
      { id: 'html', type: 'document.parse', needs: ['render'], with: { file: 'memo.html' } },
      { id: 'md', type: 'document.parse', needs: ['render'], with: { file: 'memo.md' } },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    const [pdf, docx, html, md] = result.steps.slice(1).map((s: { output: any }) => s.output);

    expect(pdf.kind).toBe('pdf');
    expect(pdf.pageCount).toBeGreaterThanOrEqual(3);
    // Each page is that page: the renderer's footer names its number.
    pdf.pages.forEach((page: { number: number; text: string }, i: number) => {
      expect(page.number).toBe(i + 1);
      expect(page.text).toContain(`Page ${i + 1} of ${pdf.pageCount}`);
    });
    expect(pdf.pages[0].text).toContain('Acme Corp');
    expect(pdf.pages.at(-1).text).toContain('Prepared by the research team.');

    for (const sections of [docx, html, md]) {
      const headings = sections.pages.map((p: { heading?: string }) => p.heading).filter(Boolean);
      expect(headings).toEqual(expect.arrayContaining(['Section 1: Summary', 'Section 6: Summary']));
      const section = sections.pages.find((p: { heading?: string }) => p.heading === 'Section 6: Summary');
      expect(section.text).toContain('Section 6: Summary');
      expect(sections.pages.map((p: { text: string }) => p.text).join('\n')).toContain('Prepared by the research team.');
    }
    expect([docx.kind, html.kind, md.kind]).toEqual(['docx', 'html', 'markdown']);
  });

  it('reads a file fetched with http.request responseType "binary", stored as a run file', async () => {
    served.set('/report.pdf', {
      type: 'application/pdf',
      data: await pdfkitFile((doc) => {
        doc.text('Annual report 2025');
        doc.addPage().text('Revenue grew to 12.5 million.');
      }),
    });
    const result = await run([
      { id: 'fetch', type: 'http.request', with: { url: `${filesUrl}/report.pdf`, responseType: 'binary' } },
      { id: 'read', type: 'document.parse', with: { file: '{{ steps.fetch.output.body }}' } },
    ]);
    expect(result.status, JSON.stringify(result.error)).toBe('completed');
    expect(result.steps[0].output.body).toMatchObject({ name: 'fetch.pdf', contentType: 'application/pdf' });
    expect(result.artifacts.map((a: { name: string }) => a.name)).toContain('fetch.pdf');
    expect(result.steps[1].output.pages).toEqual([
      { number: 1, text: 'Annual report 2025' },
      { number: 2, text: 'Revenue grew to 12.5 million.' },
    ]);
  });

  it('says clearly what it cannot read: a corrupt PDF, an encrypted one, a scanned one, an unknown type', async () => {
    served.set('/corrupt.pdf', { type: 'application/pdf', data: Buffer.from('%PDF-1.7\nthis is not really a PDF') });
    served.set('/locked.pdf', {
      type: 'application/pdf',
      data: await pdfkitFile((doc) => doc.text('secret figures'), { userPassword: 'open sesame', ownerPassword: 'owner' }),
    });
    served.set('/scanned.pdf', { type: 'application/pdf', data: await pdfkitFile((doc) => doc.rect(50, 50, 200, 100).fill('#333')) });
    served.set('/photo.png', { type: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) });
    const expected: Record<string, RegExp> = {
      '/corrupt.pdf': /not a readable PDF/,
      '/locked.pdf': /the PDF is encrypted/,
      '/scanned.pdf': /the PDF has no text layer \(scanned pages are images/,
      '/photo.png': /not a PDF, DOCX, HTML, Markdown or plain text file/,
    };
    for (const [path, message] of Object.entries(expected)) {
      const result = await run([
        { id: 'fetch', type: 'http.request', with: { url: `${filesUrl}${path}`, responseType: 'binary' } },
        { id: 'read', type: 'document.parse', with: { file: '{{ steps.fetch.output.body.name }}' } },
      ]);
      expect(result.status, path).toBe('failed');
      expect(result.error).toMatchObject({ code: 'invalid_input', stepId: 'read' });
      expect(result.error.message, path).toMatch(message);
    }
  });

  it('refuses a file the run does not hold, naming the field', async () => {
    const result = await run([{ id: 'read', type: 'document.parse', with: { file: 'nothing.pdf' } }]);
    expect(result.status).toBe('failed');
    expect(result.error.message).toBe('steps.read.with.file: the run holds no file named "nothing.pdf"');
  });
});
