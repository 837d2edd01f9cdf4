import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/**
 * Pictures of runs and batches (the run's waterfall, run durations, batch throughput), dark mode,
 * and the web app's smaller defects (issue 18): the trigger of runs started in the browser, a
 * one-column CSV, names in the audit log, the list of triggers, and a quiet console when signed out.
 */
// These run inside the page (page.evaluate); the project's types are Node's, not the DOM's.
declare const document: { body: unknown; querySelector(selector: string): unknown };
declare function getComputedStyle(element: unknown): { backgroundColor: string };

const OWNER = { name: 'Iris Insight', email: 'iris@example.com', password: 'correct horse battery' };

let server: TestServer;
let target: WebhookReceiver;
let browser: Browser;
let page: Page;
/** A workflow whose middle step fails twice (HTTP 500, retried) before it succeeds. */
let flakyWorkflow: string;
let flakyRun: any;

/** Relative luminance (0 black … 1 white) of a computed `rgb(…)` colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => c / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

beforeAll(async () => {
  target = await startWebhookReceiver();
  // The HTTP target is on loopback, which the outbound guard lets through only when allowed.
  server = await startTestServer({ ASSAY_HTTP_ALLOW: '127.0.0.1' });
  let flakyCalls = 0;
  target.respond = (r) =>
    r.path === '/flaky' && ++flakyCalls <= 2 ? { status: 500, body: `down #${flakyCalls}` } : { status: 200, body: 'ok' };
  flakyWorkflow = await createWorkflow(server, {
    name: 'Flaky fetch',
    steps: [
      { id: 'prepare', type: 'transform', with: { expression: '"x"' } },
      {
        id: 'flaky',
        type: 'http.request',
        needs: ['prepare'],
        with: { url: `${target.url}/flaky`, method: 'GET' },
        retry: { maxAttempts: 3, backoff: 'fixed', initialDelayMs: 50 },
      },
      { id: 'after', type: 'transform', needs: ['flaky'], with: { expression: '1' } },
    ],
  });
  const created = await server.api('POST', `/v1/workflows/${flakyWorkflow}/runs`, {});
  flakyRun = await waitForRun(server, created.body.data.id);
  expect(flakyRun.status).toBe('completed');
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await target?.close();
});

describe('run and batch insights in a browser', () => {
  it("draws a run's waterfall: one bar per attempt, the retried step's attempts on its row with the waits between", async () => {
    const attempts = flakyRun.steps.find((step: any) => step.id === 'flaky').attempts;
    expect(attempts).toBe(3);
    await page.goto(`${server.url}/runs/${flakyRun.id}`);
    // Drawn from the run's events once its stream has replayed them all.
    const waterfall = page.locator('[data-testid="run-waterfall"][data-complete="true"]');
    await waterfall.waitFor();
    const flakyRow = waterfall.locator('.waterfall-row[data-step="flaky"]');
    expect(await flakyRow.locator('.waterfall-bar').count()).toBe(attempts);
    expect(await flakyRow.locator('.waterfall-bar.bar-retried').count()).toBe(2);
    expect(await flakyRow.locator('.waterfall-bar.bar-completed').count()).toBe(1);
    expect(await flakyRow.locator('.waterfall-wait').count()).toBe(2);
    for (const id of ['prepare', 'after'])
      expect(await waterfall.locator(`.waterfall-row[data-step="${id}"] .waterfall-bar`).count()).toBe(1);
    // Hovering tells the attempt, when it started and how long it took.
    expect(await flakyRow.locator('.waterfall-bar[data-attempt="2"]').getAttribute('title')).toMatch(
      /attempt 2 · failed, retried\nstarted \+\d.* · took \d/,
    );
    // Attempts run left to right on the shared axis.
    const x = async (attempt: number) => (await flakyRow.locator(`.waterfall-bar[data-attempt="${attempt}"]`).boundingBox())!.x;
    expect(await x(1)).toBeLessThan(await x(3));
    await screenshot(page, 'run-waterfall');
  });

  it('charts run durations over time on the runs page, one series per status', async () => {
    const failing = await createWorkflow(server, { name: 'Always fails', steps: [{ id: 'stop', type: 'fail', with: { message: 'no' } }] });
    const failed = await server.api('POST', `/v1/workflows/${failing}/runs`, {});
    expect((await waitForRun(server, failed.body.data.id)).status).toBe('failed');
    await page.goto(`${server.url}/runs`);
    const chart = page.locator('[data-testid="runs-durations"][data-series="completed,failed"]');
    await chart.locator('.recharts-scatter-symbol').nth(1).waitFor();
    expect(await chart.locator('.recharts-scatter').count()).toBe(2);
    expect(await chart.locator('.recharts-scatter-symbol').count()).toBe(2);
    expect(await chart.locator('.recharts-legend-item').allTextContents()).toEqual(['completed', 'failed']);
    await screenshot(page, 'runs-durations');
  });

  it('labels a run started from the web app `web`', async () => {
    await page.goto(`${server.url}/workflows/${flakyWorkflow}/run`);
    await page.getByTestId('run-form').getByRole('button', { name: 'Run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByTestId('run-trigger').textContent()).toBe('web');
    const runId = page.url().split('/').pop()!;
    expect((await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data.trigger).toBe('web');
  });

  it('takes a one-column CSV without a "malformed" warning, and charts the batch throughput', async () => {
    const single = await createWorkflow(server, {
      name: 'One input',
      inputs: { n: { type: 'string', required: true } },
      steps: [{ id: 'echo', type: 'transform', with: { expression: 'input.n' } }],
    });
    const csv = ['n', ...Array.from({ length: 20 }, (_, i) => `row ${i}`)].join('\n');
    await page.goto(`${server.url}/batches/new?workflowId=${single}`);
    await page.getByTestId('batch-file').setInputFiles({ name: 'one-column.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('csv-summary').getByText('20 rows · columns: n').waitFor();
    expect(await page.getByText(/malformed/i).count()).toBe(0);
    await page.getByRole('button', { name: 'Start batch' }).click();
    await page.waitForURL(/\/batches\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByTestId('batch-status').textContent(), { timeout: 60_000 }).toContain('completed');
    const chart = page.getByTestId('batch-throughput');
    // Every run completed: one area (completed), and the rate line.
    await expect
      .poll(() => chart.locator('.recharts-legend-item').allTextContents(), { timeout: 15_000 })
      .toEqual(['completed', 'runs / s']);
    expect(await chart.locator('.recharts-area').count()).toBe(1);
    expect(await chart.locator('.recharts-line').count()).toBe(1);
    await screenshot(page, 'batch-throughput');
  });

  it("shows names in the audit log: the key's name (not its id), the workflow's name, the details in words", async () => {
    const key = (await server.api('POST', '/v1/keys', { name: 'CRM integration', scope: 'admin' })).body.data;
    const asKey = { 'x-metal-client-id': key.clientId, 'x-metal-api-key': key.secret };
    const saved = await request(server.url, 'PUT', `/v1/workflows/${flakyWorkflow}`, asKey, {
      ...(await server.api('GET', `/v1/workflows/${flakyWorkflow}`)).body.data.definition,
      description: 'saved by the CRM',
    });
    expect(saved.status).toBe(200);
    await page.goto(`${server.url}/settings/audit`);
    const row = page.getByTestId('audit-log').locator('tr', { hasText: 'workflow saved' }).first();
    await row.waitFor();
    expect(await row.getByTestId('audit-actor').textContent()).toBe('CRM integration');
    const text = (await row.textContent())!;
    expect(text).not.toContain(key.id);
    expect(text).not.toContain(key.clientId);
    expect(text).toContain('workflow Flaky fetch');
    expect(text).toContain('version: 2');
    const raw = row.locator('details pre');
    expect(await raw.isVisible()).toBe(false);
    await row.getByText('details', { exact: true }).click();
    expect(JSON.parse((await raw.textContent())!)).toEqual({ version: 2 });
  });

  it("lists every workflow's triggers in the settings, linking to each workflow's trigger settings", async () => {
    expect((await server.api('PUT', `/v1/workflows/${flakyWorkflow}/trigger`, { verification: 'none' })).status).toBe(200);
    await page.goto(`${server.url}/settings`);
    await page.getByRole('link', { name: 'Triggers' }).click();
    const row = page.getByTestId('trigger-list').locator(`tr[data-workflow="${flakyWorkflow}"]`);
    await row.getByText('enabled').waitFor();
    expect(await row.textContent()).toContain('Flaky fetch');
    await row.getByRole('link', { name: 'Trigger settings' }).click();
    await page.waitForURL(`${server.url}/workflows/${flakyWorkflow}/settings`);
    await page.getByRole('heading', { name: 'Webhook trigger' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save trigger' }).count()).toBe(1);
  });

  it('follows the system in dark mode: a dark page, canvas and waterfall', async () => {
    await page.goto(`${server.url}/runs/${flakyRun.id}`);
    await page.locator('.react-flow__node').first().waitFor();
    const background = () =>
      page.evaluate(() => ({
        body: getComputedStyle(document.body).backgroundColor,
        canvas: getComputedStyle(document.querySelector('.react-flow')).backgroundColor,
        card: getComputedStyle(document.querySelector('[data-testid="run-waterfall"]')).backgroundColor,
      }));
    const light = await background();
    expect(luminance(light.body)).toBeGreaterThan(0.8);
    expect(luminance(light.canvas)).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    try {
      const dark = await background();
      expect(luminance(dark.body)).toBeLessThan(0.15);
      expect(luminance(dark.canvas)).toBeLessThan(0.15);
      expect(luminance(dark.card)).toBeLessThan(0.15);
      await screenshot(page, 'dark-mode');
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });

  it('logs no console error when signing out and loading the app signed out', async () => {
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/workflows`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto(`${server.url}/runs`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(errors).toEqual([]);
  });
});
