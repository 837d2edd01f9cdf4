import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/assay-server';
import { codeValue, launchBrowser, screenshot, signedUpPage } from '../support/browser';

/**
 * The editor as a research notebook (issue 18): pin a sample input, run a step to here and see its
 * output beside the node and as a table, write an expression with suggestions that reach the fields
 * of that output and a live preview, test the unsaved step on it, and see warnings before saving —
 * all without saving a version or listing a production run.
 */

const OWNER = { name: 'Nora Notebook', email: 'nora@example.com', password: 'correct horse battery' };

let server: TestServer;
let browser: Browser;
let page: Page;
let workflowId: string;

const definition = {
  name: 'Screen one company',
  inputs: { companyId: { type: 'string', required: true } },
  steps: [
    { id: 'lookup', type: 'dataset.lookup', position: { x: 0, y: 0 }, with: { dataset: 'firms', where: { id: '{{ input.companyId }}' } } },
    {
      id: 'figures',
      type: 'transform',
      position: { x: 0, y: 200 },
      with: { expression: '{ "revenue": steps.lookup.output.row.revenue }' },
    },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  const dataset = await server.api('POST', '/v1/datasets', {
    name: 'firms',
    keys: ['id'],
    rows: [
      { id: 'c1', name: 'Acme Industrial', revenue: 120 },
      { id: 'c2', name: 'Borealis Foods', revenue: 45 },
    ],
  });
  expect(dataset.status).toBe(201);
  const created = await server.api('POST', '/v1/workflows', definition);
  expect(created.status).toBe(201);
  workflowId = created.body.data.id;
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function selectNode(id: string) {
  await page.locator(`[data-testid="node-${id}"] .title`).click();
  await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe(id);
}

describe('the editor as a notebook', () => {
  it('pins a sample input, runs a step to here and shows its output beside the node and as a table', async () => {
    await page.goto(`${server.url}/workflows/${workflowId}`);
    await page.getByTestId('node-figures').waitFor();
    const sample = page.getByTestId('sample-input');
    await sample.locator('textarea[name="sample-input"]').fill('{ "companyId": "c1" }');
    await sample.getByRole('button', { name: 'Pin sample input' }).click();
    await expect.poll(() => sample.textContent()).toContain('Pinned');
    expect((await server.api('GET', `/v1/workflows/${workflowId}/sample`)).body.data.input).toEqual({ companyId: 'c1' });

    await selectNode('lookup');
    await page.getByTestId('step-trial').getByRole('button', { name: 'Run to here' }).click();
    const table = page.getByTestId('step-output-view-table');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.textContent()).toContain('Acme Industrial');
    await expect.poll(() => page.getByTestId('node-output-lookup').textContent()).toBe('✓ 1 record in rows');
  });

  it('suggests the fields of that output in an expression, previews it live, and tests the unsaved step on it', async () => {
    await selectNode('figures');
    const expression = page.getByTestId('step-panel').locator('[name="expression"]');
    await expression.fill('{ "upper": $uppercase(steps.lookup.output.row.');
    await expression.pressSequentially('na');
    const suggestion = page.locator('.cm-tooltip-autocomplete').getByText('name', { exact: true });
    await suggestion.waitFor();
    await suggestion.click();
    await expression.pressSequentially(') }');
    expect(await codeValue(expression)).toBe('{ "upper": $uppercase(steps.lookup.output.row.name) }');
    // The value against the latest output, computed by the server as a run would.
    await expect
      .poll(() => page.getByTestId('expression-preview').textContent(), { timeout: 10_000 })
      .toBe('= {"upper":"ACME INDUSTRIAL"}');
    await screenshot(page, 'editor-suggestions-preview');

    await page.getByTestId('step-trial').getByRole('button', { name: 'Test step' }).click();
    await expect.poll(() => page.getByTestId('step-output').textContent(), { timeout: 60_000 }).toContain('ACME INDUSTRIAL');
    await expect.poll(() => page.getByTestId('node-output-figures').textContent()).toBe('✓ upper');
    await screenshot(page, 'editor-test-step');

    // Nothing was saved or listed: the workflow is still at version 1 and has no production run.
    expect((await server.api('GET', `/v1/workflows/${workflowId}`)).body.data.version).toBe(1);
    expect((await server.api('GET', `/v1/workflow-runs?workflowId=${workflowId}`)).body.data).toEqual([]);
  });

  it('warns before saving about a field the output cannot have, and marks an unknown name as an error', async () => {
    await selectNode('figures');
    const expression = page.getByTestId('step-panel').locator('[name="expression"]');
    await expression.fill('steps.lookup.output.rowz');
    await expect
      .poll(() => page.getByTestId('step-panel').locator('[data-field="expression"] [data-testid="field-warning"]').allTextContents(), {
        timeout: 10_000,
      })
      .toEqual(['steps.lookup.output has no field "rowz" (it has: row, rows, count)']);
    await expect.poll(() => page.getByTestId('node-figures').locator('.node-warning').count()).toBe(1);
    await expression.fill('inptu.companyId');
    await expect
      .poll(() => page.getByTestId('step-panel').locator('[data-field="expression"] .field-error').allTextContents(), { timeout: 10_000 })
      .toContain('unknown variable "inptu" (did you mean "input"?)');
    await expect.poll(() => page.getByTestId('node-figures').getAttribute('data-errors')).toBe('1');
  });
});
