import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSteps } from '@assay/steps';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

const PARAGRAPH =
  'Acme Corporation reported record quarterly revenue on Tuesday, driven by strong demand for its industrial robotics line and a rebound in European orders. ' +
  'Executives said the company expects margins to keep improving through the end of the year as supply chain pressures ease.';

const ARTICLE = `<!doctype html>
<html lang="en">
<head>
  <title>Acme posts record quarter | Example News</title>
  <meta name="description" content="Acme Corporation reported record quarterly revenue.">
  <meta property="og:description" content="OG description (ignored when a meta description exists)">
</head>
<body>
  <header><nav class="site-nav">
    <a href="/">Home</a> <a href="/markets">Markets</a> <a href="/markets">Markets again</a> <a href="#top">Top</a>
    <a href="javascript:void(0)">Menu</a> <a href="mailto:tips@example.test">Tips</a> NAVIGATION-NOISE
  </nav></header>
  <main>
    <article>
      <h1>Acme posts record quarter</h1>
      <p>${PARAGRAPH}</p>
      <p>${PARAGRAPH} The board also approved a <a href="/acme/buyback">share buyback</a>.</p>
      <p>${PARAGRAPH} Analysts at <a href="https://analysts.example.org/report?id=7">Example Research</a> raised their targets.</p>
      <p>Final paragraph: ARTICLE-END-MARKER.</p>
    </article>
  </main>
  <footer class="footer">FOOTER-NOISE <a href="../about">About us</a> Copyright Example News</footer>
</body>
</html>`;

describe('web.extract', () => {
  let h: EngineHarness;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/news/acme') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
      if (req.url === '/short-link') return void res.writeHead(301, { location: '/news/acme' }).end();
      if (req.url === '/data.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}');
      if (req.url === '/og')
        return void res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><title>OG</title><meta property="og:description" content="From OG"></head><body><p>Hi there.</p></body></html>',
          );
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await engineHarness(createHttpSteps({ allow: ['127.0.0.1'] }));
  });
  afterAll(async () => {
    await h?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const run = async (config: Record<string, unknown>) => {
    const wf = await h.workflow({
      name: 'web',
      inputs: { base: { type: 'string' } },
      steps: [{ id: 'page', type: 'web.extract', with: config }],
    });
    const runId = await h.start(wf, { base });
    const status = await h.finished(runId, 20_000);
    const [step] = await h.store.runs.steps(runId);
    return { status, step: step!, output: step!.output as any };
  };

  it('extracts the readable article, title, description and absolute links (after a redirect)', async () => {
    const { status, output } = await run({ url: '{{ input.base }}/short-link' });
    expect(status).toBe('completed');
    expect(output.url).toBe(`${base}/news/acme`);
    expect(output.title).toMatch(/Acme posts record quarter/);
    expect(output.description).toBe('Acme Corporation reported record quarterly revenue.');
    expect(output.text).toContain('driven by strong demand for its industrial robotics line');
    expect(output.text).toContain('ARTICLE-END-MARKER');
    expect(output.text).not.toContain('NAVIGATION-NOISE');
    expect(output.text).not.toContain('FOOTER-NOISE');
    expect(output.text).not.toMatch(/\s{3,}/);
    const hrefs = output.links.map((l: { href: string }) => l.href);
    expect(hrefs).toEqual([
      `${base}/`,
      `${base}/markets`,
      `${base}/acme/buyback`,
      'https://analysts.example.org/report?id=7',
      `${base}/about`,
    ]);
    expect(output.links[2]).toEqual({ text: 'share buyback', href: `${base}/acme/buyback` });
  });

  it('truncates the text to maxChars and falls back to og:description', async () => {
    const short = await run({ url: '{{ input.base }}/news/acme', maxChars: 50 });
    expect(short.output.text.length).toBe(50);
    const og = await run({ url: '{{ input.base }}/og' });
    expect(og.output.description).toBe('From OG');
  });

  it('refuses content that is not HTML, and HTTP errors', async () => {
    const data = await run({ url: '{{ input.base }}/data.json' });
    expect(data.status).toBe('failed');
    expect(data.step.error?.message).toMatch(/needs an HTML page, but 127\.0\.0\.1:\d+ returned application\/json/);
    const missing = await run({ url: '{{ input.base }}/gone' });
    expect(missing.status).toBe('failed');
    expect(missing.step.error?.message).toMatch(/HTTP 404/);
  });

  it('goes through the outbound guard', async () => {
    const guarded = await engineHarness(createHttpSteps({ allow: [] }));
    try {
      const wf = await guarded.workflow({ name: 'web', steps: [{ id: 'page', type: 'web.extract', with: { url: `${base}/news/acme` } }] });
      const runId = await guarded.start(wf);
      expect(await guarded.finished(runId)).toBe('failed');
      const [step] = await guarded.store.runs.steps(runId);
      expect(step?.error?.message).toContain('refused: 127.0.0.1 is not a public address (loopback)');
    } finally {
      await guarded.close();
    }
  });
});
