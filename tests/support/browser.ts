import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here; CI keeps the folder as an artifact. */
export const RESULTS_DIR = path.resolve('test-results');
export const WEB_DIST = path.resolve('packages/web/dist/index.html');

/**
 * Debian's Chromium, headless. A missing browser or an unbuilt web app fails the suite loudly
 * (CI installs Chromium in `.ci/run`; `npm ci` builds the app).
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests`);
  if (!existsSync(WEB_DIST)) throw new Error('the web app is not built: run `npm run build` (npm ci does it through `prepare`)');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Saves a full-page screenshot to test-results/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A new page at 1440×900 on `url`, signed up as the first user (the workspace's admin), on the Workflows page. */
export async function signedUpPage(browser: Browser, url: string, owner: { name: string; email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url + '/');
  await page.getByLabel('Name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  return page;
}

/** The text of an editor's template or expression field (a CodeMirror editor, not an input). */
export async function codeValue(field: Locator): Promise<string> {
  return (await field.locator('xpath=ancestor::*[@data-code-field][1]').getAttribute('data-value')) ?? '';
}
