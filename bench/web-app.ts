import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { AUTH_HEADERS, startServerProcess } from './support/server-process';
import { log, percentile, round } from './support/stats';
import { tempDir } from './support/temp';

/**
 * The web app: (1) what a first visit downloads (the entry script and the chunks it preloads,
 * gzipped as the server sends them), and (2) the editor's frame times while panning a 200-step
 * workflow, against a 10-step one in the same browser (a ratio, since the machine is shared).
 */
export interface WebAppResult {
  firstLoadJsGzKiB: number;
  firstLoadCssGzKiB: number;
  /** What opening the editor adds (its chunk and React Flow's), loaded on the first visit to a workflow. */
  editorJsGzKiB: number;
  allJsGzKiB: number;
  frames200: FrameStats;
  frames10: FrameStats;
  /** p95 frame time with 200 steps ÷ with 10 steps. */
  p95Ratio: number;
  /** Time to interactive of the editor (the 5-step demo) and of a finished run's page. */
  interactive: InteractiveTimes;
}

/** Medians over a few visits, in ms: `inApp` follows a link from the list; `load` is a full page load (warm cache). */
export interface InteractiveTimes {
  editorInApp: number;
  editorLoad: number;
  runInApp: number;
  runLoad: number;
}

interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  fps: number;
}

// This runs inside the page (page.evaluate); the project's types are Node's, not the DOM's.
declare const window: { frameTimes: number[]; recording: boolean };

const DIST = path.resolve('packages/web/dist');
const gz = (file: string) => gzipSync(readFileSync(path.join(DIST, file)), { level: 9 }).length / 1024;

function bundleSizes() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const entry = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]!);
  const preloaded = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]!);
  const assets = readFileSync(path.join(DIST, '.vite/manifest.json'), 'utf8');
  const manifest = JSON.parse(assets) as Record<string, { file: string; src?: string; imports?: string[] }>;
  // Opening the editor loads its chunk and the chunks it imports (React Flow) that the first load did not.
  const editorFiles = new Set<string>();
  const follow = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || editorFiles.has(chunk.file) || entry.includes(chunk.file) || preloaded.includes(chunk.file)) return;
    editorFiles.add(chunk.file);
    for (const imported of chunk.imports ?? []) follow(imported);
  };
  follow(Object.keys(manifest).find((key) => key.endsWith('editor/EditorPage.tsx')) ?? '');
  const allJs = Object.values(manifest)
    .map((chunk) => chunk.file)
    .filter((file, index, list) => file.endsWith('.js') && list.indexOf(file) === index);
  return {
    firstLoadJsGzKiB: round(
      [...entry, ...preloaded].reduce((sum, file) => sum + gz(file), 0),
      1,
    ),
    firstLoadCssGzKiB: round(
      css.reduce((sum, file) => sum + gz(file), 0),
      1,
    ),
    editorJsGzKiB:
      editorFiles.size > 0
        ? round(
            [...editorFiles].reduce((sum, file) => sum + gz(file), 0),
            1,
          )
        : Number.NaN,
    allJsGzKiB: round(
      allJs.reduce((sum, file) => sum + gz(file), 0),
      1,
    ),
  };
}

async function api(url: string, method: string, route: string, body?: unknown, headers: Record<string, string> = AUTH_HEADERS) {
  const response = await fetch(url + route, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response;
}

function chain(count: number) {
  // A grid of parallel lanes, so the canvas is wide and tall like a real large workflow.
  const lanes = 10;
  return Array.from({ length: count }, (_, i) => ({
    id: `s${i}`,
    type: 'transform',
    label: `Step ${i}`,
    with: { expression: `input.n + ${i}` },
    ...(i >= lanes ? { needs: [`s${i - lanes}`] } : {}),
  }));
}

/** Pans the canvas with the mouse for ~2 s while the page records the time between frames. */
async function panFrames(page: Page): Promise<FrameStats> {
  // Passed as source text: tsx would wrap a named function in a helper the page does not have.
  await page.evaluate(`(() => {
    window.frameTimes = [];
    window.recording = true;
    let last = performance.now();
    const tick = (now) => {
      window.frameTimes.push(now - last);
      last = now;
      if (window.recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let round = 0; round < 4; round++) {
    await page.mouse.move(cx - 300, cy - 150, { steps: 30 });
    await page.mouse.move(cx + 300, cy + 150, { steps: 30 });
  }
  await page.mouse.up();
  const times = await page.evaluate(() => {
    const state = window;
    state.recording = false;
    return state.frameTimes.slice(1);
  });
  const total = times.reduce((sum, t) => sum + t, 0);
  return {
    frames: times.length,
    p50Ms: round(percentile(times, 50), 1),
    p95Ms: round(percentile(times, 95), 1),
    maxMs: round(Math.max(...times), 1),
    fps: round((times.length * 1000) / total, 1),
  };
}

/**
 * In the page: the content is drawn (`ready` holds) and the main thread then runs a task, i.e. the page
 * would answer a click. Measured in the page against its own clock, so the driver's round trips do not count.
 */
const INTERACTIVE = `new Promise((resolve) => {
  const check = () => (READY) ? setTimeout(() => resolve(performance.now()), 0) : requestAnimationFrame(check);
  check();
})`;

/** The demo editor is drawn: every node is measured and visible. */
const EDITOR_READY = `(() => { const nodes = [...document.querySelectorAll('.react-flow__node')];
  return nodes.length >= 5 && nodes.every((n) => getComputedStyle(n).visibility !== 'hidden' && n.getBoundingClientRect().width > 0); })()`;
/** A finished run's page is drawn: its step table lists every step. */
const RUN_READY = `document.querySelectorAll('[data-testid^="step-row-"]').length >= 5`;

const median = (values: number[]) => round(percentile(values, 50), 0);

/** Navigates inside the app by clicking the link to `href` on the current page, and times it to interactive. */
async function inAppVisit(page: Page, listUrl: string, href: string, ready: string): Promise<number> {
  await page.goto(listUrl);
  const link = page.locator(`a[href="${href}"]`).first();
  await link.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(200);
  return page.evaluate(`(async () => {
    const start = performance.now();
    document.querySelector('a[href="${href}"]').click();
    const end = await ${INTERACTIVE.replace('READY', ready)};
    return end - start;
  })()`);
}

/** A full page load of `url` (the browser cache warm), timed from navigation start to interactive. */
async function loadVisit(page: Page, url: string, ready: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  return page.evaluate(INTERACTIVE.replace('READY', ready));
}

async function interactiveTimes(page: Page, url: string): Promise<InteractiveTimes> {
  const demo = '665f1c2a9b1e4a0012a3b4c5';
  const started = (await (
    await api(url, 'POST', `/v1/workflows/${demo}/runs?wait=60`, { input: { companyId: '665f1c2a9b1e4a0012a3b4c6' } })
  ).json()) as { data: { id: string; status: string } };
  if (started.data.status !== 'completed') throw new Error(`the demo run ended ${started.data.status}`);
  const runId = started.data.id;
  const visits = 5;
  const times: Record<keyof InteractiveTimes, number[]> = { editorInApp: [], editorLoad: [], runInApp: [], runLoad: [] };
  await inAppVisit(page, `${url}/workflows`, `/workflows/${demo}`, EDITOR_READY); // warms the cache and the chunks
  await inAppVisit(page, `${url}/runs`, `/runs/${runId}`, RUN_READY);
  for (let i = 0; i < visits; i++) {
    times.editorInApp.push(await inAppVisit(page, `${url}/workflows`, `/workflows/${demo}`, EDITOR_READY));
    times.editorLoad.push(await loadVisit(page, `${url}/workflows/${demo}`, EDITOR_READY));
    times.runInApp.push(await inAppVisit(page, `${url}/runs`, `/runs/${runId}`, RUN_READY));
    times.runLoad.push(await loadVisit(page, `${url}/runs/${runId}`, RUN_READY));
  }
  return {
    editorInApp: median(times.editorInApp),
    editorLoad: median(times.editorLoad),
    runInApp: median(times.runInApp),
    runLoad: median(times.runLoad),
  };
}

export async function run(): Promise<WebAppResult> {
  const sizes = bundleSizes();
  log(`web app: first load ${sizes.firstLoadJsGzKiB} KiB JS gzipped, editor chunk ${sizes.editorJsGzKiB} KiB`);
  const temp = tempDir('assay-bench-web-');
  const server = await startServerProcess({ dataDir: temp.dir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const setup = await api(
      server.url,
      'POST',
      '/v1/auth/setup',
      { email: 'bench@example.com', name: 'Bench', password: 'bench password 1' },
      {},
    );
    const cookie = /assay_session=([^;]+)/.exec(setup.headers.get('set-cookie') ?? '')?.[1];
    if (!cookie) throw new Error('no session cookie from /v1/auth/setup');
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'assay_session', value: cookie, url: server.url }]);
    const page = await context.newPage();
    const measure = async (steps: number) => {
      const created = (await (
        await api(server.url, 'POST', '/v1/workflows', { name: `pan ${steps}`, inputs: { n: { type: 'number' } }, steps: chain(steps) })
      ).json()) as { data: { id: string } };
      await page.goto(`${server.url}/workflows/${created.data.id}`);
      await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1000);
      await panFrames(page); // warm-up
      return panFrames(page);
    };
    const interactive = await interactiveTimes(page, server.url);
    log(
      `time to interactive (median of 5): editor ${interactive.editorInApp} ms in app, ${interactive.editorLoad} ms loaded; run page ${interactive.runInApp} ms in app, ${interactive.runLoad} ms loaded`,
    );
    const frames10 = await measure(10);
    const frames200 = await measure(200);
    log(
      `editor panning: 200 steps p50 ${frames200.p50Ms} ms, p95 ${frames200.p95Ms} ms (${frames200.fps} fps); 10 steps p95 ${frames10.p95Ms} ms`,
    );
    return { ...sizes, frames200, frames10, p95Ratio: round(frames200.p95Ms / frames10.p95Ms, 2), interactive };
  } finally {
    await browser.close();
    await server.stop();
    temp.cleanup();
  }
}
