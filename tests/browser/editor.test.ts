import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage, codeValue } from '../support/browser';

/**
 * The workflow editor as a demanding user meets it (issue 18): unsaved work is never lost without a
 * word, the demo graph is readable at "Zoom to fit" and at 1024 px, messages are in a form's words,
 * ids cannot clash and renames follow references, the palette adds with a click and searches, undo
 * survives a save, and steps copy, paste and duplicate. One server (with the demo workflows) and one
 * browser; each test works on its own copy of the demo "Company brief".
 */

const OWNER = { name: 'Edna Editor', email: 'edna@example.com', password: 'correct horse battery' };

let server: TestServer;
let browser: Browser;
let page: Page;
/** The demo's definition without positions: each copy is laid out by the editor on opening. */
let demo: { name: string; steps: { id: string; position?: unknown }[] } & Record<string, unknown>;
/** Browser dialogs seen (the beforeunload prompt); each is accepted. */
const browserDialogs: string[] = [];
let copies = 0;

beforeAll(async () => {
  server = await startTestServer({ ASSAY_DEMO: 'true' });
  const list = await server.api('GET', '/v1/workflows?limit=100');
  const brief = list.body.data.find((workflow: { name: string }) => workflow.name === 'Company brief');
  expect(brief).toBeDefined();
  const { definition } = (await server.api('GET', `/v1/workflows/${brief.id}`)).body.data;
  demo = { ...definition, steps: definition.steps.map(({ position: _position, ...step }: { position?: unknown }) => step) };
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
  page.on('dialog', (dialog) => {
    browserDialogs.push(dialog.type());
    void dialog.accept();
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh copy of the demo workflow, opened in the editor on `on`. */
async function openDemoCopy(on: Page = page): Promise<string> {
  const created = await server.api('POST', '/v1/workflows', { ...demo, name: `Company brief ${++copies}` });
  expect(created.status).toBe(201);
  await on.goto(`${server.url}/workflows/${created.body.data.id}`);
  await on.getByTestId('node-memo').waitFor();
  return created.body.data.id;
}

async function selectNode(id: string) {
  await page.locator(`[data-testid="node-${id}"] .title`).click();
  await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe(id);
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function zoomOf(on: Page = page): Promise<number> {
  const transform = await on.locator('.react-flow__viewport').evaluate((element: any) => element.style.transform as string);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? NaN);
}

/** The smallest rendered size of the nodes' titles, in screen pixels. */
async function smallestTitlePx(on: Page = page): Promise<number> {
  const sizes = await on
    .locator('.step-node .title')
    .evaluateAll((titles: any[]) => titles.map((title) => parseFloat(getComputedStyle(title).fontSize)));
  return Math.min(...sizes) * (await zoomOf(on));
}

const box = async (on: Page, testId: string) => (await on.getByTestId(testId).boundingBox())!;
const inside = (inner: { x: number; y: number; width: number; height: number }, outer: typeof inner) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

declare function getComputedStyle(element: unknown): { fontSize: string };
declare const localStorage: { getItem(key: string): string | null };
declare const history: { back(): void };
declare const document: { dispatchEvent(event: unknown): boolean };
declare const DataTransfer: new () => { setData(type: string, value: string): void };
declare const ClipboardEvent: new (type: string, init: unknown) => unknown;

describe('the workflow editor', () => {
  it('zooms the demo to fit with legible text (≥ 11 px on screen), top to bottom, no label cut, with a minimap', async () => {
    await openDemoCopy();
    await page.getByRole('button', { name: 'Zoom to fit' }).click();
    await expect.poll(() => smallestTitlePx()).toBeGreaterThanOrEqual(11);
    // Flow reads top to bottom: the first step above the memo that needs it.
    expect((await box(page, 'node-profile')).y).toBeLessThan((await box(page, 'node-memo')).y);
    // No label is cut off without its full text at hand (a tooltip) — and here none is cut at all.
    const labels = await page.locator('.step-node .title').evaluateAll((titles: any[]) =>
      titles.map((title) => ({
        text: title.textContent as string,
        fits: title.scrollWidth <= title.clientWidth && title.scrollHeight <= title.clientHeight,
        tooltip: title.getAttribute('title') as string | null,
      })),
    );
    expect(labels.length).toBe(demo.steps.length);
    for (const label of labels) expect(label.fits || label.tooltip === label.text, label.text).toBe(true);
    await page.locator('.react-flow__minimap').waitFor();
    await screenshot(page, 'editor-fit');
  });

  it('at 1024 px wide: a one-row toolbar, most of the width for the canvas, panels that fold and stay folded', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, storageState: await page.context().storageState() });
    const narrow = await context.newPage();
    narrow.setDefaultTimeout(15_000);
    try {
      await openDemoCopy(narrow);
      const save = (await narrow.getByRole('button', { name: 'Save' }).boundingBox())!;
      const toolbar = (await narrow.getByTestId('editor-toolbar').boundingBox())!;
      expect(toolbar.height).toBeLessThan(save.height * 1.5);
      const tops = await narrow
        .getByTestId('editor-toolbar')
        .locator(':scope > *')
        .evaluateAll((items: any[]) => items.map((item) => item.getBoundingClientRect().top + item.getBoundingClientRect().height / 2));
      expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(6);
      expect((await box(narrow, 'canvas')).width).toBeGreaterThanOrEqual(1024 * 0.6);
      await narrow.getByRole('button', { name: 'Zoom to fit' }).click();
      await expect.poll(() => smallestTitlePx(narrow)).toBeGreaterThanOrEqual(11);
      await screenshot(narrow, 'editor-1024');

      // Fold both panels: the canvas takes nearly the whole width, and stays so after a reload.
      const open = (await box(narrow, 'canvas')).width;
      if (await narrow.getByRole('button', { name: 'Hide step types' }).count())
        await narrow.getByRole('button', { name: 'Hide step types' }).click();
      await narrow.getByRole('button', { name: 'Hide side panel' }).click();
      await expect.poll(async () => (await box(narrow, 'canvas')).width).toBeGreaterThan(1024 * 0.9);
      expect((await box(narrow, 'canvas')).width).toBeGreaterThan(open + 200);
      await narrow.reload();
      await narrow.getByTestId('node-memo').waitFor();
      expect((await box(narrow, 'canvas')).width).toBeGreaterThan(1024 * 0.9);
      // Unfolded again from their rails.
      await narrow.getByRole('button', { name: 'Show step types' }).click();
      await narrow.getByRole('button', { name: 'Show side panel' }).click();
      await narrow.getByTestId('palette').waitFor();
      await narrow.getByTestId('workflow-panel').waitFor();
    } finally {
      await context.close();
    }
  });

  it('says "Required" for an emptied required field, not the parser\'s words', async () => {
    await openDemoCopy();
    await selectNode('memo');
    const template = page.getByTestId('step-panel').locator('[data-field="template"]');
    await template.locator('[name="template"]').fill('');
    await expect.poll(() => template.locator('.field-error').allTextContents(), { timeout: 10_000 }).toContain('Required');
    expect((await template.textContent()) ?? '').not.toContain('Invalid input');
    await expect.poll(() => page.getByTestId('node-memo').locator('.node-error').allTextContents()).toContain('template: Required');
  });

  it('refuses a step id another step has, at the field, and the step keeps its id', async () => {
    await openDemoCopy();
    await selectNode('figures');
    const idField = page.getByTestId('step-panel').locator('input[name="step-id"]');
    await idField.fill('score');
    await idField.press('Enter');
    await expect.poll(() => page.getByTestId('step-id-error').textContent()).toContain('Another step already has the id "score"');
    expect(await idField.inputValue()).toBe('figures');
    await page.getByTestId('node-figures').waitFor();
    expect(await page.getByTestId('node-score').count()).toBe(1);
  });

  it('renames a step and rewrites the references to it in other steps (expressions, templates)', async () => {
    const id = await openDemoCopy();
    await selectNode('figures');
    const idField = page.getByTestId('step-panel').locator('input[name="step-id"]');
    await idField.fill('metrics');
    await idField.press('Enter');
    await page.getByTestId('node-metrics').waitFor();
    expect(await page.getByTestId('node-figures').count()).toBe(0);
    await selectNode('score');
    expect(await codeValue(page.getByTestId('step-panel').locator('[name="expression"]'))).toContain('$f := steps.metrics.output;');
    await selectNode('memo');
    const template = await codeValue(page.getByTestId('step-panel').locator('[name="template"]'));
    expect(template).toContain('{{ steps.metrics.output.growthPct }}');
    expect(template).not.toContain('steps.figures');
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 10_000 }).toBe('Valid');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('saved-note').waitFor();
    const saved = (await server.api('GET', `/v1/workflows/${id}`)).body.data.definition;
    expect(saved.steps.find((step: { id: string }) => step.id === 'memo').needs).toContain('metrics');
  });

  it('adds a step with one click on the palette, in the visible canvas, selected', async () => {
    await openDemoCopy();
    await page.getByTestId('palette-transform').click();
    await page.getByTestId('node-transform').waitFor();
    await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe('transform');
    expect(await page.getByTestId('node-transform').getAttribute('class')).toContain('selected');
    expect(inside(await box(page, 'node-transform'), await box(page, 'canvas'))).toBe(true);
    // A second one does not land on the first.
    await page.getByTestId('palette-transform').click();
    await page.getByTestId('node-transform_2').waitFor();
    const [first, second] = [await box(page, 'node-transform'), await box(page, 'node-transform_2')];
    expect(first.x !== second.x || first.y !== second.y).toBe(true);
    expect(inside(second, await box(page, 'canvas'))).toBe(true);
  });

  it('searches the palette by type name and description', async () => {
    await openDemoCopy();
    const search = page.getByRole('searchbox', { name: 'Search step types' });
    await search.fill('lookup');
    await expect.poll(() => page.getByTestId('palette-transform').count()).toBe(0);
    expect(await page.getByTestId('palette-dataset.lookup').isVisible()).toBe(true);
    await search.fill('jsonata reshape');
    await expect.poll(() => page.getByTestId('palette-transform').count()).toBe(1);
    expect(await page.getByTestId('palette-dataset.lookup').count()).toBe(0);
    await search.fill('no such step type');
    await page.getByText('No step type matches').waitFor();
  });

  it('keeps the undo history across a save (also the first save of a new workflow)', async () => {
    await page.goto(`${server.url}/workflows/new?name=Undo%20after%20save`);
    await page.getByTestId('palette').waitFor();
    await page.getByTestId('palette-transform').click();
    await page.getByTestId('step-panel').locator('[name="expression"]').fill('42');
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 10_000 }).toBe('Valid');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/workflows\/[0-9a-f]{24}$/);
    await page.getByTestId('saved-note').waitFor();
    const undo = page.getByRole('button', { name: 'Undo' });
    await expect.poll(() => undo.isEnabled()).toBe(true);
    await undo.click();
    await expect.poll(() => codeValue(page.getByTestId('step-panel').locator('[name="expression"]'))).not.toBe('42');
    expect(await page.getByTestId('workflow-version').textContent()).toContain('unsaved changes');
  });

  it('asks before leaving with unsaved changes (in-app dialog), and the draft is gone after Discard', async () => {
    const id = await openDemoCopy();
    // Arrive from the list inside the app, so the back button is an in-app navigation.
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: `Company brief ${copies}`, exact: true }).click();
    await page.getByTestId('node-memo').waitFor();
    await selectNode('memo');
    await page.getByTestId('step-panel').locator('[name="step-label"]').fill('Kept label');
    await page.getByRole('link', { name: 'Runs' }).click();
    const dialog = page.getByTestId('leave-dialog');
    await dialog.getByText('Leave without saving?').waitFor();
    await screenshot(page, 'editor-unsaved-guard');
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(`${server.url}/workflows/${id}`);
    expect(await page.getByTestId('step-panel').locator('[name="step-label"]').inputValue()).toBe('Kept label');

    // The browser's back button is held the same way.
    await page.evaluate(() => history.back());
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(`${server.url}/workflows/${id}`);

    await page.getByRole('link', { name: 'Runs' }).click();
    await dialog.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL(/\/runs$/);
    await page.goto(`${server.url}/workflows/${id}`);
    await page.getByTestId('node-memo').waitFor();
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
    expect(await page.getByTestId('node-memo').locator('.title').textContent()).not.toBe('Kept label');
  });

  it('keeps a local draft through a reload and offers to restore it', async () => {
    const id = await openDemoCopy();
    await selectNode('score');
    await page.getByTestId('step-panel').locator('[name="step-label"]').fill('Draft label');
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `assay.editor.draft.${id}`)).toContain('Draft label');
    await page.reload();
    expect(browserDialogs).toContain('beforeunload');
    const offer = page.getByTestId('draft-offer');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/Restore unsaved draft from .+\?/);
    expect(await page.getByTestId('node-score').locator('.title').textContent()).not.toBe('Draft label');
    await offer.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.getByTestId('node-score').locator('.title').textContent()).toBe('Draft label');
    expect(await page.getByTestId('workflow-version').textContent()).toContain('unsaved changes');
    // Saved, the draft is gone.
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 10_000 }).toBe('Valid');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('saved-note').waitFor();
    await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), `assay.editor.draft.${id}`)).toBeNull();
  });

  it('copies and pastes a step (Ctrl+C, Ctrl+V) as a fresh id with its config, and pastes steps copied from another workflow', async () => {
    await openDemoCopy();
    await selectNode('score');
    const expression = await codeValue(page.getByTestId('step-panel').locator('[name="expression"]'));
    await page.getByTestId('node-score').click();
    await page.keyboard.press('ControlOrMeta+c');
    await page.keyboard.press('ControlOrMeta+v');
    await page.getByTestId('node-score_2').waitFor();
    await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe('score_2');
    expect(await codeValue(page.getByTestId('step-panel').locator('[name="expression"]'))).toBe(expression);
    expect(inside(await box(page, 'node-score_2'), await box(page, 'canvas'))).toBe(true);

    // YAML of two steps from another workflow: `profile` is taken here, so it and the reference to it change.
    const yaml = [
      'steps:',
      '  - id: profile',
      '    type: transform',
      '    with: { expression: "{ \\"n\\": 1 }" }',
      '  - id: shout',
      '    type: transform',
      '    needs: [profile]',
      '    with: { expression: "$uppercase($string(steps.profile.output.n))" }',
    ].join('\n');
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    }, yaml);
    await page.getByTestId('node-profile_2').waitFor();
    await page.getByTestId('node-shout').waitFor();
    // The pasted steps arrive selected together; pick one of them alone.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await selectNode('shout');
    expect(await codeValue(page.getByTestId('step-panel').locator('[name="expression"]'))).toBe(
      '$uppercase($string(steps.profile_2.output.n))',
    );
    await screenshot(page, 'editor-paste');
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 10_000 }).toBe('Valid');
  });

  it('duplicates a step from its panel, beside it, with its config', async () => {
    await openDemoCopy();
    await selectNode('profile');
    await page.getByTestId('step-panel').getByRole('button', { name: 'Duplicate' }).click();
    await page.getByTestId('node-profile_2').waitFor();
    await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe('profile_2');
    expect(await codeValue(page.getByTestId('step-panel').locator('[name="dataset"]'))).toBe('companies');
    const [original, copy] = [await box(page, 'node-profile'), await box(page, 'node-profile_2')];
    expect(copy.x !== original.x || copy.y !== original.y).toBe(true);
    // One undo removes it.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('node-profile_2').count()).toBe(0);
  });
});
