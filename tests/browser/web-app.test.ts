import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { request, startTestServer, type TestServer } from '../support/assay-server';
import { launchBrowser, screenshot, codeValue } from '../support/browser';
import { startFakeOpenAI, type FakeLlmServer } from '../support/fake-llm-servers';
import { startMcpHttpServer, type McpHttpServer } from '../support/mcp-servers';

/**
 * The web app as a user meets it, in Debian's Chromium: first-run sign-up, building a workflow on the
 * canvas from the palette, running it and watching it live, reading the document, a broken step, a
 * CSV batch, and what a viewer may not do. One server and one browser; the tests run in order.
 */
// These run inside the page (page.evaluate); the project's types are Node's, not the DOM's.
declare const window: Record<string, unknown>;
declare const document: { cookie: string; querySelector(selector: string): { href: string } | null };

const OWNER = { name: 'Ada Analyst', email: 'ada@example.com', password: 'correct horse battery' };
const companies = ['id,name,revenue', ...Array.from({ length: 50 }, (_, i) => `c${i},Company ${i},${(i + 1) * 1000}`)].join('\n');

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let workflowId: string;
let openai: FakeLlmServer;
let mcp: McpHttpServer;

beforeAll(async () => {
  openai = await startFakeOpenAI();
  mcp = await startMcpHttpServer();
  // The MCP server is on loopback, which the outbound guard lets through only when allowed.
  server = await startTestServer({ OPENAI_API_KEY: 'sk-test-browser', OPENAI_BASE_URL: openai.baseURL, ASSAY_HTTP_ALLOW: '127.0.0.1' });
  const dataset = await request(
    server.url,
    'POST',
    '/v1/datasets?name=companies',
    { ...server.headers, 'content-type': 'text/csv' },
    companies,
  );
  expect(dataset.status).toBe(201);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await openai?.close();
  await mcp?.close();
});

/** Selects a node by clicking its title (not a handle). */
async function selectNode(id: string) {
  await page.locator(`[data-testid="node-${id}"] .title`).click();
  await expect.poll(() => page.locator('[data-testid="step-panel"] input[name="step-id"]').inputValue()).toBe(id);
}

/** Drags from one node's output handle to another's input handle: `to` now needs `from`. */
async function connect(from: string, to: string) {
  await page
    .locator(`[data-testid="node-${from}"] .react-flow__handle.source`)
    .dragTo(page.locator(`[data-testid="node-${to}"] .react-flow__handle.target`));
}

describe('the web app in a browser', () => {
  it('signs up the first user on the first-run page', async () => {
    await page.goto(server.url + '/');
    await page.getByLabel('Name').fill(OWNER.name);
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    // The session is an httpOnly cookie: scripts in the page cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('assay_session');
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'assay_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  it('builds dataset lookup → transform → document on the canvas from the palette, configured through the forms', async () => {
    await page.getByRole('button', { name: 'New workflow' }).click();
    await page.getByPlaceholder('Name of the new workflow').fill('Company memo');
    await page.getByRole('button', { name: 'Open editor' }).click();
    await page.getByTestId('palette').waitFor();

    const canvas = page.getByTestId('canvas');
    await page.getByTestId('palette-dataset.lookup').dragTo(canvas, { targetPosition: { x: 120, y: 200 } });
    await page.getByTestId('palette-transform').dragTo(canvas, { targetPosition: { x: 420, y: 200 } });
    await page.getByTestId('palette-document.render').dragTo(canvas, { targetPosition: { x: 720, y: 200 } });
    for (const id of ['lookup', 'transform', 'render']) await page.getByTestId(`node-${id}`).waitFor();

    await connect('lookup', 'transform');
    await connect('transform', 'render');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);

    // The workflow's input, from the workflow panel (nothing selected).
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.locator('input[name="new-input"]').fill('companyId');
    await page.getByRole('button', { name: 'Add input' }).click();

    await selectNode('lookup');
    const panel = page.getByTestId('step-panel');
    await panel.locator('[name="dataset"]').fill('companies');
    // A lookup's `where` is rows of column and value, each value a template field.
    await panel.getByRole('button', { name: '+ Add a column to match' }).click();
    await panel.locator('input[name="where.key-0"]').fill('id');
    await panel.locator('[name="where.value-0"]').fill('{{ input.companyId }}');

    await selectNode('transform');
    // References are offered as you type, down to the fields (here from the lookup's output schema).
    const expression = panel.locator('[name="expression"]');
    await expression.fill('{ "name": steps.');
    await expression.pressSequentially('look');
    await page.locator('.cm-tooltip-autocomplete').getByText('lookup', { exact: true }).click();
    await expression.pressSequentially('.outp');
    await page.locator('.cm-tooltip-autocomplete').getByText('output', { exact: true }).click();
    await expression.pressSequentially('.row.name, "revenue": steps.lookup.output.row.revenue }');
    expect(await codeValue(expression)).toBe('{ "name": steps.lookup.output.row.name, "revenue": steps.lookup.output.row.revenue }');

    await selectNode('render');
    await panel.locator('[name="name"]').fill('memo');
    await panel.locator('[name="template"]').fill('# {{ steps.transform.output.name }}\n\nRevenue: {{ steps.transform.output.revenue }}');
    await panel.locator('[name="formats.md"]').check();
    await panel.locator('[name="formats.pdf"]').check();

    // Auto-layout puts the chain in one column, top to bottom, in a single undoable step.
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    const y = async (id: string) => (await page.getByTestId(`node-${id}`).boundingBox())!.y;
    expect(await y('lookup')).toBeLessThan(await y('transform'));
    expect(await y('transform')).toBeLessThan(await y('render'));
    await expect.poll(() => page.getByTestId('validation-summary').textContent(), { timeout: 10_000 }).toBe('Valid');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('saved-note').waitFor();
    await page.waitForURL(/\/workflows\/[0-9a-f]{24}$/);
    workflowId = page.url().split('/').pop()!;
    await screenshot(page, 'editor');

    const saved = await server.api('GET', `/v1/workflows/${workflowId}`);
    expect(saved.body.data.definition.steps.map((step: any) => [step.id, step.type, step.needs ?? []])).toEqual([
      ['lookup', 'dataset.lookup', []],
      ['transform', 'transform', ['lookup']],
      ['render', 'document.render', ['transform']],
    ]);
    expect(saved.body.data.definition.inputs).toMatchObject({ companyId: { type: 'string', required: true } });
  });

  it('runs it from the run form and shows every node turn green, then opens the document', async () => {
    await page.getByRole('link', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-form').waitFor();
    await page.getByTestId('run-form').getByLabel('companyId').fill('c7');
    await page.getByTestId('run-form').getByRole('button', { name: 'Run' }).click();
    await page.waitForURL(/\/runs\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toContain('completed');
    for (const id of ['lookup', 'transform', 'render'])
      await expect.poll(() => page.getByTestId(`node-${id}`).getAttribute('data-status')).toBe('completed');
    await screenshot(page, 'run-page');

    await page.getByTestId('artifact-memo.md').click();
    await expect.poll(() => page.getByTestId('artifact-preview').textContent()).toContain('Company 7');
    // The PDF is served to the signed-in browser by its cookie.
    const pdf = await page.evaluate(async () => {
      const link = document.querySelector('[data-testid="artifact-memo.pdf"]');
      const response = await fetch(link!.href);
      return { status: response.status, type: response.headers.get('content-type') };
    });
    expect(pdf).toEqual({ status: 200, type: 'application/pdf' });
  });

  it("shows an agent's turns and tool calls as a timeline under its step", async () => {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Agent research',
      steps: [
        {
          id: 'research',
          type: 'ai.agent',
          with: {
            model: 'openai:gpt-4o-mini',
            prompt: 'How big is c7?',
            tools: [
              {
                name: 'company',
                description: 'A company of the dataset by id',
                parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
                step: { type: 'dataset.lookup', with: { dataset: 'companies', where: { id: '{{ args.id }}' } } },
              },
            ],
          },
        },
      ],
    });
    expect(created.status).toBe(201);
    openai.reply(
      { text: 'Looking it up.', toolCalls: [{ name: 'company', args: { id: 'c7' } }] },
      { text: 'Company 7 has a revenue of 8000.' },
    );
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs?wait=30`, {});
    expect(run.body.data.status).toBe('completed');
    await page.goto(`${server.url}/runs/${run.body.data.id}`);
    await page.getByTestId('step-row-research').click();
    const timeline = page.getByTestId('agent-timeline');
    await expect.poll(() => timeline.textContent()).toContain('Company 7 has a revenue of 8000.');
    expect(await timeline.locator('li').count()).toBe(3); // turn 1, the call, turn 2
    expect(await timeline.textContent()).toContain('Looking it up.');
    expect(await timeline.locator('li.agent-tool.ok').textContent()).toContain('"revenue":8000');
    await screenshot(page, 'agent-timeline');
  });

  it('shows a run waiting over its budget, and resumes it when the budget is raised on the page', async () => {
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Budgeted pair',
      steps: [
        { id: 'first', type: 'ai.generate', with: { model: 'openai:gpt-4o-mini', prompt: 'First.' } },
        { id: 'second', type: 'ai.generate', needs: ['first'], with: { model: 'openai:gpt-4o-mini', prompt: 'Second.' } },
      ],
    });
    openai.reply({ text: 'one', inputTokens: 900, outputTokens: 100 }, { text: 'two', inputTokens: 10, outputTokens: 10 });
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs`, { budget: { tokens: 1000 } });
    await page.goto(`${server.url}/runs/${run.body.data.id}`);
    const note = page.getByTestId('budget-note');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain('1,000 tokens of a budget of 1,000 tokens');
    expect(await page.getByTestId('run-cost').textContent()).toContain('1,000 tokens');
    expect(await page.getByLabel('Budget in tokens').inputValue()).toBe('2000');
    await screenshot(page, 'run-over-budget');
    await page.getByRole('button', { name: 'Raise budget and resume' }).click();
    await expect.poll(() => page.getByTestId('node-second').getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
    // The step's end and the run's cost (written as the run finishes) reach the page as separate events.
    await expect.poll(() => note.count()).toBe(0);
    await expect.poll(() => page.getByTestId('run-cost').textContent()).toContain('1,020 tokens');
  });

  it('follows a run live: a waiting step is seen running, then green, without reloading', async () => {
    // The step waits for a signal the test sends once it has seen it running: no race with a clock,
    // however slow the machine.
    const created = await server.api('POST', '/v1/workflows', {
      name: 'Slow one',
      steps: [
        { id: 'first', type: 'transform', with: { expression: '1' } },
        { id: 'pause', type: 'wait.signal', needs: ['first'], with: { name: 'go' } },
        { id: 'last', type: 'transform', needs: ['pause'], with: { expression: '2' } },
      ],
    });
    expect(created.status).toBe(201);
    const run = await server.api('POST', `/v1/workflows/${created.body.data.id}/runs`, { input: {} });
    await page.goto(`${server.url}/runs/${run.body.data.id}`);
    await page.evaluate(() => (window.marker = 42));
    await expect.poll(() => page.getByTestId('node-pause').getAttribute('data-status')).toBe('running');
    expect(await page.getByTestId('node-last').getAttribute('data-status')).not.toBe('completed');
    expect((await server.api('POST', `/v1/workflow-runs/${run.body.data.id}/signals/go`, { payload: {} })).status).toBe(202);
    await expect.poll(() => page.getByTestId('node-last').getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');
    expect(await page.evaluate(() => window.marker)).toBe(42);
  });

  it('lists new runs as they are created, without a refresh', async () => {
    await page.goto(`${server.url}/runs?workflowId=${workflowId}`);
    await page.getByTestId('run-list').waitFor();
    await expect.poll(() => page.getByTestId('run-list').locator('tbody tr').count()).toBeGreaterThan(0);
    const run = await server.api('POST', `/v1/workflows/${workflowId}/runs`, { input: { companyId: 'c9' } });
    expect(run.status).toBe(201);
    await expect.poll(() => page.getByTestId('run-list').textContent(), { timeout: 10_000 }).toContain(run.body.data.id.slice(-8));
  });

  it('shows a broken step config on its node and field before saving', async () => {
    await page.goto(`${server.url}/workflows/${workflowId}`);
    await page.getByTestId('node-transform').waitFor();
    await selectNode('transform');
    await page.getByTestId('step-panel').locator('[name="expression"]').fill('{ "name": (((');
    await expect.poll(() => page.getByTestId('node-transform').getAttribute('data-errors'), { timeout: 10_000 }).not.toBe('0');
    expect(await page.getByTestId('node-transform').getAttribute('class')).toContain('has-error');
    await expect.poll(() => page.getByTestId('step-panel').locator('[data-field="expression"] .field-error').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('node-lookup').getAttribute('data-errors')).toBe('0');
    await screenshot(page, 'editor-error');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/Fix \d+ problems? before saving/).waitFor();
    expect((await server.api('GET', `/v1/workflows/${workflowId}`)).body.data.version).toBe(1);
  });

  it('saves a new version, shows a readable diff against an old one, and restores it', async () => {
    await page.goto(`${server.url}/workflows/${workflowId}`);
    await page.getByTestId('node-render').waitFor();
    await selectNode('render');
    await page.getByTestId('step-panel').locator('[name="step-label"]').fill('Memo document');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('workflow-version').textContent()).toContain('v2');
    await page.getByRole('button', { name: 'Versions' }).click();
    await page.locator('[data-version="1"]').click();
    await expect
      .poll(() => page.getByTestId('version-diff').locator('.added').allTextContents())
      .toContainEqual(expect.stringContaining('label: Memo document'));
    await page.getByRole('button', { name: 'Restore v1' }).click();
    await expect.poll(() => page.getByTestId('workflow-version').textContent()).toContain('v3');
    const restored = (await server.api('GET', `/v1/workflows/${workflowId}`)).body.data;
    expect(restored.version).toBe(3);
    expect(restored.definition.steps[2].label).toBeUndefined();
  });

  it('runs a 50-row CSV batch and shows it complete', async () => {
    const csv = ['companyId', ...Array.from({ length: 50 }, (_, i) => `c${i}`)].join('\n');
    await page.goto(`${server.url}/batches/new?workflowId=${workflowId}`);
    await page.getByTestId('batch-file').setInputFiles({ name: 'companies.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Start batch' }).click();
    await page.waitForURL(/\/batches\/[0-9a-f]{24}$/);
    await expect.poll(() => page.getByTestId('batch-status').textContent(), { timeout: 60_000 }).toContain('completed');
    await expect.poll(() => page.getByTestId('batch-counts').textContent()).toMatch(/50\s*completed/i);
    await screenshot(page, 'batch');
  });

  it('sets up a signed webhook trigger whose copyable curl example starts a run', async () => {
    await page.goto(`${server.url}/workflows/${workflowId}/settings`);
    await page.locator('select[name="trigger-verification"]').selectOption('signature');
    await page.getByRole('button', { name: 'Create trigger' }).click();
    const secret = (await page.getByTestId('secret-once').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const example = (await page.getByTestId('curl-example').textContent())!;
    expect(example).not.toContain(secret);
    // The command as a user would paste it, with their secret filled in: signed with openssl, sent by curl.
    const script =
      example.replace(/^ASSAY_WEBHOOK_SECRET=.*$/m, `ASSAY_WEBHOOK_SECRET='${secret}'`) +
      ' --silent --show-error --write-out "\n%{http_code}"';
    // Asynchronously: the server answering it runs in this very process.
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { encoding: 'utf8', timeout: 15_000 });
    const [body, status] = stdout.trim().split('\n');
    expect(status).toBe('202');
    expect(JSON.parse(body!).data).toMatchObject({ workflowId, trigger: 'webhook' });
    await screenshot(page, 'workflow-settings');
  });

  it('creates an API key in the settings, shown once, that a script can use at once', async () => {
    await page.goto(`${server.url}/settings/keys`);
    await page.locator('input[name="key-name"]').fill('CRM integration');
    await page.locator('select[name="key-scope"]').selectOption('run');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('secret-once').textContent())!.trim();
    const clientId = await page.getByTestId('key-list').locator('tr', { hasText: 'CRM integration' }).locator('code').textContent();
    const answer = await request(server.url, 'GET', '/v1/workflows', { 'x-metal-client-id': clientId!, 'x-metal-api-key': secret });
    expect(answer.status).toBe(200);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('secret-once').count()).toBe(0);
    await page.reload();
    expect(await page.content()).not.toContain(secret);
  });

  it('registers an MCP server in the settings and lists its tools', async () => {
    await page.goto(`${server.url}/settings/mcp`);
    await page.locator('input[name="mcp-name"]').fill('research');
    await page.locator('input[name="mcp-url"]').fill(mcp.url);
    await page.getByRole('button', { name: 'Register server' }).click();
    const list = page.getByTestId('mcp-server-list');
    await expect.poll(() => list.textContent()).toContain(mcp.url);
    await list.getByRole('button', { name: 'Tools' }).click();
    const tools = page.getByTestId('mcp-tools');
    await expect.poll(() => tools.textContent()).toContain('company_facts');
    expect(await tools.locator('li').count()).toBe(3);
  });

  it('lets a viewer read but neither edit nor run', async () => {
    const viewer = { email: 'vic@example.com', name: 'Vic Viewer', password: 'viewer password 1', role: 'viewer' };
    const created = await server.api('POST', '/v1/users', viewer);
    expect(created.status).toBe(201);
    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    try {
      await viewerPage.goto(server.url + '/');
      await viewerPage.getByLabel('Email').fill(viewer.email);
      await viewerPage.getByLabel('Password').fill(viewer.password);
      await viewerPage.getByRole('button', { name: 'Sign in' }).click();
      await viewerPage.getByRole('link', { name: 'Company memo' }).click();
      await viewerPage.getByTestId('node-lookup').waitFor();
      expect(await viewerPage.getByRole('button', { name: 'Save' }).count()).toBe(0);
      expect(await viewerPage.getByTestId('palette-transform').getAttribute('aria-disabled')).toBe('true');
      expect(await viewerPage.getByRole('link', { name: 'Run', exact: true }).count()).toBe(0);
      await viewerPage.goto(`${server.url}/workflows/${workflowId}/run`);
      await viewerPage.getByTestId('run-form').waitFor();
      expect(await viewerPage.getByTestId('run-form').getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);

      // Removed by an admin, the viewer's open tab goes back to the sign-in page at the next request.
      expect((await server.api('DELETE', `/v1/users/${created.body.data.id}`)).status).toBe(200);
      await viewerPage.getByRole('link', { name: 'Runs' }).click();
      await viewerPage.getByRole('button', { name: 'Sign in' }).waitFor();
    } finally {
      await viewerContext.close();
    }
  });

  it('opens a 200-step workflow and pans it', async () => {
    const steps = Array.from({ length: 200 }, (_, i) => ({
      id: `s${i}`,
      type: 'transform',
      with: { expression: String(i) },
      ...(i > 0 ? { needs: [`s${i - 1}`] } : {}),
    }));
    const created = await server.api('POST', '/v1/workflows', { name: 'Two hundred', steps });
    expect(created.status).toBe(201);
    // The list shows each workflow's run count and last run.
    await page.goto(`${server.url}/workflows`);
    const memoRow = page.getByTestId('workflow-list').locator('tr', { hasText: 'Company memo' });
    await expect.poll(() => memoRow.locator('[data-status]').count()).toBe(1);
    expect(Number(await memoRow.locator('td').nth(3).textContent())).toBeGreaterThanOrEqual(52);
    await screenshot(page, 'workflows');
    await page.goto(`${server.url}/workflows/${created.body.data.id}`);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(0);
    await page.mouse.move(700, 450);
    await page.mouse.down();
    await page.mouse.move(400, 300, { steps: 10 });
    await page.mouse.up();
    expect(await page.getByTestId('validation-summary').textContent()).not.toContain('problem');
  });
});
