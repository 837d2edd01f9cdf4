import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createWorkflow, request, startTestServer, waitForRun, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, signedUpPage } from '../support/browser';
import { verdictReview } from '../support/approval-workflow';

/**
 * Approvals in the browser: a run parks at an `approval` step; its run page points to the Inbox,
 * where a signed-in reviewer reads the request, edits the drafted value (a value the step's schema
 * refuses is shown with the field the server names) and approves with a comment. A second run is
 * decided through a signed link, opened signed out in a fresh browser context and rejected; the used
 * link then says so. Each decision is checked in the run's output over the API.
 */

const OWNER = { name: 'Rae Reviewer', email: 'rae@example.com', password: 'correct horse battery' };
const RECIPIENT = 'rita@example.com';
const DRAFT = { verdict: 'buy', score: 7 };

const DEFINITION = verdictReview();

let server: TestServer;
let browser: Browser;
let page: Page;
let workflowId: string;

beforeAll(async () => {
  server = await startTestServer();
  workflowId = await createWorkflow(server, DEFINITION);
  browser = await launchBrowser();
  page = await signedUpPage(browser, server.url, OWNER);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Starts a run for `company` and waits until it parks at its approval step; returns the run's id. */
async function waitingRun(company: string): Promise<string> {
  const created = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { company } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const runId: string = created.body.data.id;
  await expect
    .poll(
      async () => {
        const run = (await server.api('GET', `/v1/workflow-runs/${runId}`)).body.data;
        return `${run.status}:${run.waitReason}`;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe('waiting:approval');
  return runId;
}

describe('approvals in the web app', () => {
  it('points from the waiting run to the Inbox, where a reviewer edits the value and approves', async () => {
    const runId = await waitingRun('Acme');

    // The run page says what it waits for and links to the approval.
    await page.goto(`${server.url}/runs/${runId}`);
    const note = page.getByTestId('approval-note');
    await expect.poll(() => note.textContent()).toContain('Approve the verdict for Acme');
    expect(await note.getByRole('link', { name: 'Approve the verdict for Acme' }).getAttribute('href')).toBe(`/inbox/${runId}/review`);

    // The Inbox lists it, pending, with its workflow, run and time left.
    await page.getByRole('link', { name: 'Inbox', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const row = page.getByTestId(`approval-row-${runId}-review`);
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('Approve the verdict for Acme');
    expect(rowText).toContain('Verdict review');
    expect(rowText).toContain(runId.slice(-8));
    expect(rowText).toMatch(/(\d+[dhm] )?\d+[dhm] left|under a minute left/);
    await screenshot(page, 'inbox');

    // Its context: instructions rendered as Markdown, the `show` fields labelled, objects as JSON.
    await row.getByRole('link', { name: 'Approve the verdict for Acme' }).click();
    await page.waitForURL(new RegExp(`/inbox/${runId}/review$`));
    const detail = page.getByTestId('approval-detail');
    await expect.poll(() => detail.getByTestId('approval-title').textContent()).toContain('Approve the verdict for Acme');
    expect(await detail.getByTestId('approval-instructions').locator('strong').textContent()).toBe('score');
    const show = detail.getByTestId('approval-show');
    expect(await show.locator('[data-label="Company"] dd').textContent()).toBe('Acme');
    expect(JSON.parse((await show.locator('[data-label="Draft"] pre').textContent())!)).toEqual(DRAFT);
    expect(await detail.getByTestId('approval-who').textContent()).toBe('Anyone who may run workflows may decide.');
    const value = detail.locator('textarea[name="approval-value"]');
    expect(JSON.parse(await value.inputValue())).toEqual(DRAFT);

    // Text that is not JSON is caught before anything is sent.
    await value.fill('{ "verdict": "hold", "score": ');
    await detail.getByTestId('value-error').waitFor();
    expect(await detail.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);

    // A value the step's schema refuses: the server's 400 names the field, and nothing is decided.
    await value.fill('{ "verdict": "hold", "score": 11 }');
    await detail.getByRole('button', { name: 'Approve' }).click();
    const alert = detail.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('value.score');
    expect((await server.api('GET', `/v1/workflow-runs/${runId}/approvals/review`)).body.data.status).toBe('pending');

    // The edit, with a comment, approved.
    await value.fill('{ "verdict": "hold", "score": 9 }');
    await detail.locator('textarea[name="approval-comment"]').fill('Hold: the score is higher than drafted.');
    await screenshot(page, 'approval');
    await detail.getByRole('button', { name: 'Approve' }).click();
    const decision = detail.getByTestId('approval-decision');
    await expect.poll(() => decision.getByTestId('approval-outcome').textContent()).toBe('Approved');
    expect(await decision.getByTestId('approval-decider').textContent()).toBe(OWNER.email);
    expect(await decision.getByTestId('approval-comment').textContent()).toBe('Hold: the score is higher than drafted.');
    expect(JSON.parse((await decision.getByTestId('approval-decided-value').textContent())!)).toEqual({ verdict: 'hold', score: 9 });
    expect(await decision.textContent()).toContain('as edited');

    // The run goes on and outputs the decision as made on the page.
    const run = await waitForRun(server, runId);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.output.decision).toMatchObject({
      approved: true,
      comment: 'Hold: the score is higher than drafted.',
      value: { verdict: 'hold', score: 9 },
      edited: true,
      by: { type: 'user', name: OWNER.email },
    });

    // It leaves the pending list for the approved one.
    await page.getByRole('link', { name: '← Inbox' }).click();
    await page.getByTestId('approval-list').waitFor();
    await expect.poll(() => page.getByTestId(`approval-row-${runId}-review`).count()).toBe(0);
    await page.getByRole('tab', { name: 'Approved' }).click();
    const approvedRow = page.getByTestId(`approval-row-${runId}-review`);
    await expect.poll(() => approvedRow.getAttribute('data-status')).toBe('approved');
    expect(await approvedRow.textContent()).toContain(OWNER.email);
  });

  it('lets the holder of a signed link reject without signing in, once', async () => {
    const runId = await waitingRun('Globex');
    const created = await server.api('POST', `/v1/workflow-runs/${runId}/approvals/review/links`, { recipient: RECIPIENT });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const link = created.body.data;
    expect(link.recipient).toBe(RECIPIENT);
    const linkPath = new URL(link.url).pathname;
    expect(linkPath).toBe(`/approve/${link.token}`);
    // The server answers the link's address with the web app (a deep link, like any other app route).
    const served = await request(server.url, 'GET', linkPath, {});
    expect(served.status, `GET ${linkPath} should serve the web app's index.html: ${JSON.stringify(served.body)}`).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/html');

    // A fresh browser: no session, no cookie.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const linkPage = await context.newPage();
      linkPage.setDefaultTimeout(15_000);
      await linkPage.goto(server.url + linkPath);
      await expect.poll(() => linkPage.getByTestId('approval-title').textContent()).toContain('Approve the verdict for Globex');
      expect(await linkPage.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
      expect(await linkPage.getByTestId('approval-show').locator('[data-label="Company"] dd').textContent()).toBe('Globex');
      expect(await linkPage.locator('.approval-recipient').textContent()).toContain(RECIPIENT);
      expect(JSON.parse(await linkPage.locator('textarea[name="approval-value"]').inputValue())).toEqual(DRAFT);
      expect(await context.cookies()).toEqual([]);

      await linkPage.locator('textarea[name="approval-comment"]').fill('Not convinced by the sources.');
      await screenshot(linkPage, 'approval-link');
      await linkPage.getByRole('button', { name: 'Reject' }).click();
      const done = linkPage.getByTestId('link-done');
      await expect.poll(() => done.getByTestId('approval-outcome').textContent()).toBe('Rejected');
      expect(await done.getByTestId('approval-decider').textContent()).toBe(`${RECIPIENT} (by link)`);

      const run = await waitForRun(server, runId);
      expect(run.status, JSON.stringify(run.error)).toBe('completed');
      expect(run.output.decision).toMatchObject({
        approved: false,
        comment: 'Not convinced by the sources.',
        by: { type: 'link', name: RECIPIENT },
      });

      // The link is used up: it still shows what was decided, refuses a second decision, and the page says so.
      const shown = await request(server.url, 'GET', `/v1/approval-links/${link.token}`, {});
      expect(shown.status).toBe(200);
      expect(shown.body.data).toMatchObject({ status: 'rejected', decision: { approved: false, by: { type: 'link' } } });
      const again = await request(server.url, 'POST', `/v1/approval-links/${link.token}`, {}, { approved: true });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatch(/already used/);
      await linkPage.reload();
      const closed = linkPage.getByTestId('link-closed');
      await expect.poll(() => closed.textContent()).toContain('This link can no longer be used');
      expect(await linkPage.getByRole('button', { name: 'Reject' }).count()).toBe(0);
      await screenshot(linkPage, 'approval-link-used');

      // A forged token gets the same page, not the sign-in page.
      await linkPage.goto(`${server.url}/approve/${'x'.repeat(43)}`);
      await expect.poll(() => linkPage.getByTestId('link-closed').textContent()).toContain('This link can no longer be used');
    } finally {
      await context.close();
    }

    // The Inbox shows who rejected it.
    await page.goto(`${server.url}/inbox?status=rejected`);
    const row = page.getByTestId(`approval-row-${runId}-review`);
    await expect.poll(() => row.textContent()).toContain(`${RECIPIENT} (by link)`);
  });
});
