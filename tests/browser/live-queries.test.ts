import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkflow, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';
import { untilDone } from '../support/progress';

/**
 * The web app's lists follow the workspace live (issue 18): one event stream for the whole signed-in
 * app marks the lists an event changes stale, and the list on screen reads itself again. No reload,
 * no Refresh click, no polling on these pages: without the invalidation these rows never appear.
 */
// These run inside the page (page.evaluate); the project's types are Node's, not the DOM's.
declare const window: { liveQueriesMarker?: number };

const OWNER = { name: 'Lena Live', email: 'lena@example.com', password: 'correct horse battery' };

let server: TestServer;
let browser: Browser;
let page: Page;
let workflowId: string;
/** Requests for the workspace event stream the page made. */
const streams: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  workflowId = await createWorkflow(server, {
    name: 'Quick sum',
    steps: [{ id: 'sum', type: 'transform', with: { expression: '1 + 1' } }],
  });
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/events') streams.push(request.url());
  });
  // Read again with the listener on, so the app's own subscription is seen from its start.
  await page.reload();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Marks the document, so a reload (which would read every list afresh) is noticed. */
async function markDocument() {
  await page.evaluate(() => {
    window.liveQueriesMarker = 42;
  });
}
async function sameDocument(): Promise<boolean> {
  return (await page.evaluate(() => window.liveQueriesMarker)) === 42;
}

describe('lists that follow the workspace live', () => {
  it('shows a run started through the API on the Runs page, completed, without a reload', async () => {
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByText('No runs match these filters.').waitFor();
    await markDocument();

    const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, {});
    expect(created.status).toBe(201);
    const run = await waitForRun(server, created.body.data.id);
    expect(run.status).toBe('completed');

    const row = page.getByTestId('run-list').locator('tr', { has: page.locator(`a[href="/runs/${run.id}"]`) });
    await row.locator('[data-status="completed"]').waitFor();
    expect(await row.getByRole('link', { name: 'Quick sum' }).count()).toBe(1);
    expect(await sameDocument()).toBe(true);
    await screenshot(page, 'live-queries-runs');
  });

  it('follows a batch on the Batches page to its final counts, and keeps one stream across pages', async () => {
    await page.getByRole('link', { name: 'Batches', exact: true }).click();
    await page.getByText('No batches yet.').waitFor();
    await markDocument();

    const created = await server.api('POST', `/v1/workflows/${workflowId}/batches`, { inputs: [{}, {}, {}] });
    expect(created.status).toBe(201);
    const batchId: string = created.body.data.id;
    await untilDone(
      async () => {
        const { body } = await server.api('GET', `/v1/batches/${batchId}`);
        return { done: body.data?.completedAt ? body.data : null, progress: body.data?.counts };
      },
      { what: `batch ${batchId}`, stallMs: 30_000, intervalMs: 50 },
    );

    const row = page.getByTestId('batch-list').locator('tr', { has: page.locator(`a[href="/batches/${batchId}"]`) });
    await row.getByText('3/3 done').waitFor();
    await row.locator('[data-status="completed"]').waitFor();
    expect(await sameDocument()).toBe(true);
    // The subscription belongs to the signed-in app, not to a page: moving between lists reuses it.
    expect(streams).toHaveLength(1);
    expect(new URL(streams[0]!).searchParams.get('types')?.split(',')).toEqual(
      expect.arrayContaining(['run.completed', 'batch.completed']),
    );
    await screenshot(page, 'live-queries-batches');
  });
});
