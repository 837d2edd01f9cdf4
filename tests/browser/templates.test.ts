import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';
import { startFakeOpenAI, type FakeLlmServer, type FakeReply } from '../support/fake-llm-servers';
import { untilDone } from '../support/progress';
import { startFakeSearxng, type FakeSearchProvider } from '../support/search-providers';

/**
 * The template gallery in the browser: from the Workflows page to the gallery, then for every
 * template "Use template", the new workflow in the editor, Run with the form as it opens (the sample
 * input), and the run page showing the run completed, against a fake model and a fake SearXNG.
 */

const OWNER = { name: 'Tess Templates', email: 'tess@example.com', password: 'correct horse battery' };
const ACME_RESULTS = 'https://www.example.com/acme-results';
const ACME_HIRES = 'https://news.example.org/acme-hires';

const answer = (value: unknown): FakeReply => ({ text: JSON.stringify(value) });
/** A digest (or memo) citing two of the fake search results. */
const citedText = (text: string) =>
  answer({
    text,
    citations: [
      { marker: 1, sourceId: ACME_RESULTS, page: null, quote: 'revenue grew to 40 million' },
      { marker: 2, sourceId: ACME_HIRES, page: null, quote: 'CFO starts in May' },
    ],
  });
const reading = (id: string) =>
  answer({
    values: { thesis: 'Fast growth with strong margins.', risk: 'Valuation.' },
    citations: [
      { field: 'thesis', sourceId: id, page: null, quote: 'sector: Software' },
      { field: 'risk', sourceId: id, page: null, quote: 'sector: Software' },
    ],
  });

let server: TestServer;
let openai: FakeLlmServer;
let searxng: FakeSearchProvider;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  searxng = await startFakeSearxng();
  server = await startTestServer({
    OPENAI_API_KEY: 'sk-test-not-a-real-key',
    OPENAI_BASE_URL: openai.baseURL,
    ASSAY_SEARXNG_URL: searxng.url,
  });
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await openai?.close();
  await searxng?.close();
});

/** The model answers each template's run needs, queued once its workflow exists (the filing's cite its sample document). */
async function queueReplies(id: string): Promise<void> {
  openai.reset();
  if (id === 'company-screen') openai.reply(reading('cmp-01'), reading('cmp-02'), reading('cmp-06'));
  if (id === 'news-monitor') openai.reply(citedText('- Revenue grew to 40 million [1].\n- A new CFO starts in May [2].\nWatch: the CFO.'));
  if (id === 'due-diligence-memo')
    openai.reply(
      { text: '', toolCalls: [{ name: 'web_search', args: { query: 'Acme' } }] },
      citedText('## Overview\n\nRevenue grew to 40 million [1].\n\n## Leadership\n\nA new CFO starts in May [2].'),
    );
  if (id === 'crm-enrichment')
    openai.reply(
      answer({
        values: { industry: null, headquarters: null, employees: null, description: null, latestNews: 'A new CFO starts in May.' },
        citations: [{ field: 'latestNews', sourceId: ACME_HIRES, page: null, quote: 'CFO starts in May' }],
      }),
    );
  if (id === 'csv-scoring')
    openai.reply(
      ...[90, 10, 70, 20, 80, 5, 60, 30].map((score) => answer({ score, fit: score > 50 ? 'strong' : 'poor', reason: `${score}` })),
    );
  if (id === 'filing-figures') {
    const document = (await server.api('GET', '/v1/documents?collection=sample-filings')).body.data[0];
    const pages = (await server.api('GET', `/v1/documents/${document.id}`)).body.data.pages as Array<{ number: number; text: string }>;
    const quote = 'Revenue rose 18.4% to $311.2 million';
    const onPage = pages.find((p) => p.text.replace(/\s+/g, ' ').includes(quote))!.number;
    openai.reply(
      answer({
        values: {
          company: null,
          revenue: 311.2,
          revenueGrowthPct: null,
          operatingMarginPct: null,
          netIncome: null,
          netCash: null,
          employees: null,
          mainRisk: null,
          outlook: null,
        },
        citations: [{ field: 'revenue', sourceId: document.id, page: onPage, quote }],
      }),
    );
  }
}

/** Waits until the run page says the run finished, failing only when the page stops changing. */
async function runFinished(): Promise<string> {
  return untilDone(
    async () => {
      const status =
        (await page
          .getByTestId('run-status')
          .textContent()
          .catch(() => null)) ?? '';
      const finished = /completed|failed|cancelled/.exec(status)?.[0] ?? null;
      const nodes = await Promise.all(
        (await page.locator('[data-testid^="node-"]').all()).map((node) => node.getAttribute('data-status').catch(() => null)),
      );
      return { done: finished, progress: [status, nodes] };
    },
    { what: 'the run page', stallMs: 120_000, intervalMs: 100 },
  );
}

describe('the template gallery in the web app', () => {
  it('creates every template in one click, opens it in the editor, and runs it with its sample input', async () => {
    await page.getByRole('link', { name: 'New from template' }).click();
    await page.waitForURL(/\/templates$/);
    const gallery = page.getByTestId('template-gallery');
    const templates = (await server.api('GET', '/v1/templates')).body.data as Array<{ id: string; name: string }>;
    expect(templates.length).toBeGreaterThanOrEqual(6);
    await gallery
      .getByRole('button', { name: 'Use template' })
      .nth(templates.length - 1)
      .waitFor();
    // Each card says what its workflow needs.
    await expect.poll(() => page.getByTestId('template-news-monitor').textContent()).toContain('A web search provider');
    expect(await page.getByTestId('template-news-monitor').textContent()).toContain('A schedule (created disabled)');
    expect(await page.getByTestId('template-crm-enrichment').textContent()).toContain('Set up its webhook trigger');
    await screenshot(page, 'templates-gallery');

    for (const template of templates) {
      await page.getByRole('link', { name: 'Templates', exact: true }).click();
      await page.waitForURL(/\/templates$/);
      await page.getByTestId(`template-${template.id}`).getByRole('button', { name: 'Use template' }).click();
      // Creating it may render its sample report to PDF first: a wait for that, not a budget.
      await page.waitForURL(/\/workflows\/[0-9a-f]{24}$/, { timeout: 180_000 });
      const workflowId = page.url().split('/').pop()!;
      const created = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
      const definition = (await server.api('GET', `/v1/templates/${template.id}`)).body.data.definition;
      expect(created.name, template.id).toBe(definition.name);
      await queueReplies(template.id);

      // From the editor to the run form, which opens with the sample input; Run.
      await page.getByRole('link', { name: 'Run', exact: true }).click();
      const form = page.getByTestId('run-form');
      await form.waitFor();
      await form.getByRole('button', { name: 'Run' }).click();
      await page.waitForURL(/\/runs\/[0-9a-f]{24}$/);
      const runId = page.url().split('/').pop()!;
      const status = await runFinished();
      const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
      expect(status, `${template.id}: ${JSON.stringify(run.error)}`).toBe('completed');
      expect(run.workflowId).toBe(workflowId);
      if (template.id === 'news-monitor') expect(run.input).toMatchObject({ topic: 'Acme', recency: 'week' });
      if (template.id === 'csv-scoring') expect(run.output.scored).toBe(8);
    }
    await screenshot(page, 'templates-last-run');
  });
});
