import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST } from '../support/browser';

/** The budget for what a first visit downloads: the entry script and every chunk it preloads. */
const FIRST_LOAD_BUDGET = 500 * 1000;

describe('the built web app', () => {
  it('keeps the first load under 500 KB of JavaScript gzipped, with the canvas in a lazy chunk', () => {
    if (!existsSync(WEB_DIST)) throw new Error('the web app is not built: run `npm run build` (npm ci does it)');
    const dist = path.dirname(WEB_DIST);
    const html = readFileSync(WEB_DIST, 'utf8');
    const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!);
    expect(files.length).toBeGreaterThan(0);
    const gzipped = files.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(FIRST_LOAD_BUDGET);
    // React Flow is only needed on the canvas pages: it must not be in the first load.
    for (const file of files) expect(readFileSync(path.join(dist, file), 'utf8')).not.toContain('react-flow__pane');
  });
});
