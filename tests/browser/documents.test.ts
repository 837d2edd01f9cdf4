import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkflow, request, startTestServer, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';

/**
 * Documents in the browser: uploading a Markdown file on the Documents page, finding it listed,
 * searching its passages, reading it page by page; a corrupt PDF refused with the server's reason;
 * and an AI step's citations on the run page, verified and not, linking back to the document's page.
 */
// These run inside the page (page.evaluate); the project's types are Node's, not the DOM's.
declare const document: { querySelector(selector: string): { href: string } | null };

const OWNER = { name: 'Dora Documents', email: 'dora@example.com', password: 'correct horse battery' };

/** A report of three sections (pages, as Assay reads Markdown). */
const REPORT = [
  '# Acme annual report 2025',
  'Acme revenue grew to 12.5 million dollars in 2025, driven by industrial sensors.',
  '## Risks',
  'Supply of semiconductor parts remains the main risk for Acme.',
  '## Outlook',
  'Acme expects revenue to grow by a tenth in 2026.',
].join('\n\n');

let server: TestServer;
let openai: FakeLlmServer;
let browser: Browser;
let page: Page;
let documentId: string;
let pages: Record<string, number>;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  server = await startTestServer({ OPENAI_API_KEY: 'sk-test-documents', OPENAI_BASE_URL: openai.baseURL });
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await openai?.close();
});

describe('documents in the web app', () => {
  it('uploads a Markdown file through the file input and lists it', async () => {
    await page.getByRole('link', { name: 'Documents' }).click();
    await page.getByRole('heading', { name: 'Documents' }).waitFor();
    await page.getByTestId('document-file').setInputFiles({ name: 'acme.md', mimeType: 'text/markdown', buffer: Buffer.from(REPORT) });
    await page.locator('input[name="document-collection"]').fill('filings');
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByTestId('document-uploaded').textContent()).toContain('Acme annual report 2025');

    const row = page.getByTestId('document-list').locator('tbody tr', { hasText: 'Acme annual report 2025' });
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['Acme annual report 2025acme.md', 'markdown', 'filings', '3']);

    const listed = await server.api('GET', '/v1/documents');
    expect(listed.body.data).toHaveLength(1);
    documentId = listed.body.data[0].id;
    const got = await server.api('GET', `/v1/documents/${documentId}`);
    pages = Object.fromEntries(got.body.data.pages.map((p: any) => [p.heading ?? 'top', p.number]));
    expect(Object.keys(pages)).toEqual(['Acme annual report 2025', 'Risks', 'Outlook']);
  });

  it('shows why a corrupt PDF is refused, and stores nothing', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nthis is not really a PDF\n%%EOF');
    const refused = await request(
      server.url,
      'POST',
      '/v1/documents?filename=broken.pdf',
      { ...server.headers, 'content-type': 'application/pdf' },
      broken.toString('latin1'),
    );
    expect(refused.status).toBe(400);
    await page.getByTestId('document-file').setInputFiles({ name: 'broken.pdf', mimeType: 'application/pdf', buffer: broken });
    await page.getByRole('button', { name: 'Upload' }).click();
    const alert = page.getByRole('form', { name: 'Upload a document' }).getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(refused.body.error);
    expect(await page.getByTestId('document-list').locator('tbody tr').count()).toBe(1);
  });

  it('searches the passages and shows the matched words highlighted', async () => {
    await page.getByRole('searchbox', { name: 'Search passages' }).fill('semiconductor');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const hits = page.getByTestId('passage-hits');
    await expect.poll(() => hits.locator('li').count()).toBe(1);
    expect(await hits.locator('li').textContent()).toContain(`p. ${pages.Risks}`);
    expect((await hits.locator('mark').allTextContents()).map((word) => word.toLowerCase())).toContain('semiconductor');
    expect(await hits.textContent()).not.toContain('[');
    await screenshot(page, 'documents');
  });

  it('opens the document at the page of the hit, with every page and the original to download', async () => {
    await page.getByTestId('passage-hits').getByRole('link', { name: 'Acme annual report 2025' }).click();
    await page.waitForURL(new RegExp(`/documents/${documentId}\\?page=${pages.Risks}#page-${pages.Risks}$`));
    const risks = page.locator(`#page-${pages.Risks}`);
    await expect.poll(() => risks.textContent()).toContain('Supply of semiconductor parts remains the main risk for Acme.');
    expect(await risks.getAttribute('class')).toContain('current');
    expect(await page.locator('section.document-page').count()).toBe(3);
    expect(await page.locator(`#page-${pages.Outlook}`).textContent()).toContain('Acme expects revenue to grow by a tenth in 2026.');
    await screenshot(page, 'document');

    // The original is served to the signed-in browser by its cookie.
    const original = await page.evaluate(async () => {
      const response = await fetch(document.querySelector('[data-testid="document-download"]')!.href);
      return { status: response.status, text: await response.text() };
    });
    expect(original).toEqual({ status: 200, text: REPORT });
  });

  it("shows an AI step's citations on the run page: a verified one and an unverified one with its problem", async () => {
    const answer = {
      text: JSON.stringify({
        values: { revenue: 12.5, risk: 'semiconductor supply' },
        citations: [
          {
            field: 'revenue',
            sourceId: documentId,
            page: pages['Acme annual report 2025'],
            quote: 'Acme revenue grew to 12.5 million dollars in 2025',
          },
          { field: 'risk', sourceId: documentId, page: pages.Risks, quote: 'Chips are scarce' },
        ],
      }),
    };
    openai.reply(answer, answer); // the same answer after the one repair turn
    const workflowId = await createWorkflow(server, {
      name: 'Cited figures',
      steps: [
        { id: 'search', type: 'document.search', with: { query: 'Acme', collection: 'filings', limit: 10 } },
        {
          id: 'figures',
          type: 'ai.extract',
          needs: ['search'],
          with: {
            model: 'openai:gpt-4o-mini',
            fields: { revenue: { type: 'number', description: 'Revenue in millions' }, risk: 'The main risk' },
            citations: true,
            sources: '{{ steps.search.output }}',
            onUnverified: 'flag',
          },
        },
      ],
    });
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs?wait=30`, {});
    expect(run.body.data.status, JSON.stringify(run.body.data.error)).toBe('completed');

    await page.goto(`${server.url}/runs/${run.body.data.id}`);
    await page.getByTestId('step-row-figures').click();
    const citations = page.getByTestId('citations');
    await expect.poll(() => citations.locator('li').count()).toBe(2);
    const verified = citations.locator('li[data-verified="true"]');
    const unverified = citations.locator('li[data-verified="false"]');
    const verifiedText = await verified.textContent();
    expect(verifiedText).toContain('✓ verified');
    expect(verifiedText).toContain('revenue');
    expect(verifiedText).toContain(`Acme annual report 2025 p. ${pages['Acme annual report 2025']}`);
    expect(verifiedText).toContain('“Acme revenue grew to 12.5 million dollars in 2025”');
    const unverifiedText = await unverified.textContent();
    expect(unverifiedText).toContain('✗ unverified');
    expect(unverifiedText).toContain('risk');
    expect(unverifiedText).toContain('“Chips are scarce”');
    expect(unverifiedText).toContain('the quote is not in');
    await screenshot(page, 'run-citations');

    // The source links to the document, at the cited page.
    await verified.getByRole('link', { name: 'Acme annual report 2025' }).click();
    const first = pages['Acme annual report 2025'];
    await page.waitForURL(new RegExp(`/documents/${documentId}\\?page=${first}#page-${first}$`));
    await expect.poll(() => page.locator(`#page-${first}`).textContent()).toContain('Acme revenue grew to 12.5 million dollars in 2025');
  });
});
