import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkflow, startTestServer, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';

/**
 * Evaluations in the browser: a workflow whose version 1 says "buy" above 5 and "sell" otherwise,
 * and whose version 2 always says "buy", evaluated from the New evaluation form on four pasted rows
 * with an exact scorer on `verdict`. A scorer the server refuses is shown with the field it names;
 * then the evaluation runs, its page shows version 1 at 100% and version 2 at 50%, the charts, the
 * downloads, and a failing row side by side with the changed verdict and links to both runs.
 */

const OWNER = { name: 'Eve Evaluator', email: 'eve@example.com', password: 'correct horse battery' };

const definition = (expression: string) => ({
  name: 'Verdict by n',
  inputs: { n: { type: 'number', required: true } },
  steps: [{ id: 'judge', type: 'transform', with: { expression } }],
  output: { verdict: '{{ steps.judge.output.verdict }}' },
});

const ROWS = [
  { n: 7, expectedVerdict: 'buy' },
  { n: 2, expectedVerdict: 'sell' },
  { n: 9, expectedVerdict: 'buy' },
  { n: 1, expectedVerdict: 'sell' },
];

let server: TestServer;
let browser: Browser;
let page: Page;
let workflowId: string;

beforeAll(async () => {
  server = await startTestServer();
  workflowId = await createWorkflow(server, definition('{ "verdict": input.n > 5 ? "buy" : "sell" }'));
  const saved = await server.api('PUT', `/v1/workflows/${workflowId}`, definition('{ "verdict": "buy" }'));
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  expect(saved.body.data.version).toBe(2);
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('evaluations in the web app', () => {
  it('compares two versions on pasted rows, live, with charts and a failing row side by side', async () => {
    // From the workflow's settings to the form, the workflow chosen.
    await page.goto(`${server.url}/workflows/${workflowId}/settings`);
    await page.getByRole('link', { name: 'Evaluate versions' }).click();
    await page.waitForURL(new RegExp(`/evaluations/new\\?workflowId=${workflowId}$`));
    const form = page.getByTestId('evaluation-form');
    await expect.poll(() => form.locator('select[name="workflow"]').inputValue()).toBe(workflowId);

    // Both versions, the rows pasted as JSON.
    await form.locator('input[name="version-1"]').check();
    await form.locator('input[name="version-2"]').check();
    await form.locator('textarea[name="inputs-json"]').fill(JSON.stringify(ROWS, null, 2));
    await expect.poll(() => form.getByTestId('rows-summary').textContent()).toBe('4 rows · columns n, expectedVerdict');
    expect(await form.getByTestId('evaluation-size').textContent()).toBe('4 rows × 2 versions = 8 runs');
    // The input `n` is fed by the column of the same name.
    expect(await form.locator('select[name="map-n"]').inputValue()).toBe('n');

    // The expected verdict is in expectedVerdict; an exact scorer.
    await form.locator('input[name="expected-path-0"]').fill('verdict');
    await form.locator('select[name="expected-column-0"]').selectOption('expectedVerdict');
    await form.locator('select[name="scorer-type-0"]').selectOption('exact');
    await form.locator('select[name="scorer-field-0"]').selectOption('verdict');

    // A second scorer with flags the server refuses: its 400 names the field, next to the scorer too.
    await form.getByRole('button', { name: 'Add scorer' }).click();
    await form.locator('select[name="scorer-type-1"]').selectOption('regex');
    await form.locator('input[name="scorer-pattern-1"]').fill('^(buy|sell)$');
    await form.locator('input[name="scorer-flags-1"]').fill('x');
    await form.getByRole('button', { name: 'Start evaluation' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('scorers[1].flags');
    expect(await form.getByTestId('scorer-1').getByTestId('field-problems').textContent()).toContain('scorers[1].flags');
    expect(page.url()).toContain('/evaluations/new');
    expect((await server.api('GET', '/v1/evaluations')).body.data).toEqual([]);

    // Without it, the evaluation starts and its page follows it to the end.
    await form.getByRole('button', { name: 'Remove scorer 2' }).click();
    await form.getByRole('button', { name: 'Start evaluation' }).click();
    await page.waitForURL(/\/evaluations\/(?!new)[^/?]+$/);
    const evaluationId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByTestId('evaluation-status').textContent(), { timeout: 60_000 }).toBe('completed');

    // Version 1 is right on every row, version 2 on half.
    const v1 = page.getByTestId('version-card-1');
    const v2 = page.getByTestId('version-card-2');
    await expect.poll(() => v1.getByTestId('version-score').textContent()).toBe('100%');
    expect(await v1.getByTestId('version-pass-rate').textContent()).toBe('100%');
    expect(await v2.getByTestId('version-score').textContent()).toBe('50%');
    expect(await v2.getByTestId('version-pass-rate').textContent()).toBe('50%');
    expect(await v1.getByTestId('version-runs').textContent()).toContain('4 ok · 0 failed');
    expect(await v2.getByTestId('version-runs').textContent()).toContain('4 ok · 0 failed');
    expect(await v1.getByTestId('version-latency').textContent()).toMatch(/p50 .+ · p95 /);
    expect(await v1.getByTestId('version-scorers').textContent()).toContain('100%');
    expect(await v1.textContent()).toContain('best');
    expect(await v2.textContent()).not.toContain('best');
    expect(await v1.textContent()).toContain('baseline'); // the first version is what the others are compared with

    // The charts: score and cost per version, and the latency distribution, drawn.
    for (const chart of ['chart-score', 'chart-cost', 'chart-latency'])
      await expect.poll(() => page.getByTestId(chart).locator('svg.recharts-surface').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-score').locator('.recharts-bar-rectangle').count()).toBe(2);

    // Every row is listed; failing only leaves rows 1 and 3 (version 2 says buy where sell was expected).
    const rows = page.getByTestId('evaluation-rows');
    await expect.poll(() => rows.locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('evaluation-row-0').textContent()).toContain('n: 7');
    await page.locator('input[name="failing-only"]').check();
    await expect.poll(() => rows.locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('evaluation-row-1').locator('td[data-version="1"]').getAttribute('data-passed')).toBe('true');
    expect(await page.getByTestId('evaluation-row-1').locator('td[data-version="2"]').getAttribute('data-passed')).toBe('false');
    expect(await page.getByTestId('evaluation-row-3').count()).toBe(1);

    // The failing row side by side: version 2's verdict differs from version 1's, marked, and each run is linked.
    await page.getByRole('button', { name: 'Open row 1' }).click();
    const detail = page.getByTestId('row-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('row-input').textContent()).toContain('n2');
    const side1 = detail.getByTestId('row-version-1');
    const side2 = detail.getByTestId('row-version-2');
    expect(await side1.getByTestId('row-verdict').textContent()).toContain('passed');
    expect(await side2.getByTestId('row-verdict').textContent()).toContain('failed');
    expect(await side2.getByTestId('row-diff').textContent()).toBe('verdict: "sell" → "buy"');
    expect(await side2.getByTestId('row-output').locator('tr[data-changed="changed"]').textContent()).toBe('verdictbuy');
    expect(await side1.getByTestId('row-output').locator('tr[data-changed]').textContent()).toBe('verdictsell');
    expect(await side2.getByTestId('row-scores').textContent()).toContain('exact');
    const links = detail.getByTestId('row-run-link');
    expect(await links.count()).toBe(2);
    const verdicts: string[] = [];
    for (const link of await links.all()) {
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/^\/runs\/[^/]+$/);
      const run = (await server.api('GET', `/v1/workflow-runs/${href.split('/').pop()}`)).body.data;
      expect(run.workflowId).toBe(workflowId);
      verdicts.push(run.output.verdict);
    }
    expect(verdicts).toEqual(['sell', 'buy']);
    await screenshot(page, 'evaluation');

    // The downloads work with the session cookie.
    const download = async (testId: string) => {
      const href = (await page.getByTestId(testId).getAttribute('href'))!;
      return page.evaluate(async (url) => {
        const response = await fetch(url);
        return { status: response.status, text: await response.text() };
      }, href);
    };
    const csv = await download('download-csv');
    expect(csv.status, csv.text).toBe(200);
    expect(csv.text).toContain('verdict');
    const jsonl = await download('download-jsonl');
    expect(jsonl.status, jsonl.text).toBe(200);
    const lines = jsonl.text.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(ROWS.length);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();

    // A run's link opens the run.
    await side2.getByTestId('row-run-link').click();
    await page.waitForURL(/\/runs\/[^/]+$/);

    // The list shows it with the best score.
    await page.getByRole('link', { name: 'Evaluations', exact: true }).click();
    const listed = page.getByTestId(`evaluation-${evaluationId}`);
    await listed.waitFor();
    const text = await listed.textContent();
    expect(text).toContain('Verdict by n');
    expect(text).toContain('v1, v2');
    expect(text).toContain('completed');
    expect(text).toContain('100%');
  });
});
