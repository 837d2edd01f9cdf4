import { defineStepType, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import type { OutboundGuard } from '../net/outbound-guard';
import { guardedFetch, safeHost } from './guarded-fetch';
import { statusError } from './http-status';

const Config = z
  .object({
    url: z.string().min(1).max(8192).describe('The page’s http(s) URL; it must pass the outbound guard'),
    maxChars: z.number().int().min(1).max(1_000_000).default(20_000).describe('The readable text is cut to this many characters'),
    timeoutMs: z.number().int().min(1).max(300_000).default(30_000).describe('Time allowed for the fetch, in milliseconds'),
  })
  .strict();

const HTML = /^(text\/html|application\/xhtml\+xml)$/i;
const MAX_PAGE_BYTES = 5 * 1024 * 1024;

/**
 * `web.extract` for the given outbound guard: fetches an HTML page (following redirects, re-checking
 * each hop) and returns `{ url, title, description, text, links }` — the readable article text
 * without navigation or footer noise, and the page's absolute links.
 */
export function createWebExtractStep(guard: OutboundGuard): StepType {
  return defineStepType<z.infer<typeof Config>>({
    type: 'web.extract',
    example: { id: 'page', with: { url: '{{ input.url }}', maxChars: 20000 } },
    // Side-effect free: a step may reuse an earlier output (`cache`).
    cacheable: () => true,
    family: 'data',
    description: 'Fetch a web page and extract its title, description, readable text and links.',
    config: Config,
    async execute(config, context) {
      try {
        new URL(config.url);
      } catch {
        throw new AssayError('invalid_input', `url: not a valid absolute URL: ${config.url.slice(0, 200)}`);
      }
      const response = await guardedFetch(guard, config.url, {
        method: 'GET',
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': 'Assay web.extract' },
        signal: context.signal,
        timeoutMs: config.timeoutMs,
        maxResponseBytes: MAX_PAGE_BYTES,
        maxRedirects: 5,
      });
      const host = safeHost(response.url);
      if (response.status >= 400) {
        throw statusError(response.status, host, new TextDecoder().decode(response.bytes), response.headers['retry-after'] ?? null, context.now());
      }
      const essence = response.contentType.split(';')[0]?.trim() ?? '';
      if (!HTML.test(essence)) {
        throw new AssayError('step_failed', `web.extract needs an HTML page, but ${host} returned ${essence || 'no content type'}; use http.request for other content`);
      }
      const html = new TextDecoder(charsetOf(response.contentType)).decode(response.bytes);
      // linkedom and Readability are loaded on first use, not at start-up.
      const { extractPage } = await import('./extract-page');
      return { kind: 'completed', output: extractPage(html, response.url, config.maxChars) };
    },
  });
}

/** The charset named by a content type, if the runtime knows it (UTF-8 otherwise). */
function charsetOf(contentType: string): string {
  const name = /charset="?([^";\s]+)/i.exec(contentType)?.[1] ?? 'utf-8';
  try {
    new TextDecoder(name);
    return name;
  } catch {
    return 'utf-8';
  }
}
