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
    const frames10 = await measure(10);
    const frames200 = await measure(200);
    log(
      `editor panning: 200 steps p50 ${frames200.p50Ms} ms, p95 ${frames200.p95Ms} ms (${frames200.fps} fps); 10 steps p95 ${frames10.p95Ms} ms`,
    );
    return { ...sizes, frames200, frames10, p95Ratio: round(frames200.p95Ms / frames10.p95Ms, 2) };
  } finally {
    await browser.close();
    await server.stop();
    temp.cleanup();
  }
}
