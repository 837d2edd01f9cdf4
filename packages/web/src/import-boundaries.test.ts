import { describe, expect, it } from 'vitest';

/**
 * Where the web app's modules may import from. A page folder (pages/<name>, editor) imports only
 * from itself and from shared code: ui/ (everything more than one page uses: components, hooks,
 * formatting, the canvas pieces in ui/canvas), auth/ and api.ts. Shared code imports no page.
 * Something a second page needs moves to ui/ instead of being imported across. App.tsx and main.tsx,
 * the router and the entry point, are the one place that imports pages.
 */

const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!**/*.d.ts'], { query: '?raw', import: 'default', eager: true });
const styles = Object.keys(import.meta.glob('./**/*.css'));
const known = new Set([...Object.keys(sources), ...styles]);

/** Shared code that still reaches into a page, each with its reason; the list only ever shrinks. */
const PENDING: Record<string, string> = {};

/** The page folder a file belongs to, or null for shared code. */
function pageOf(file: string): string | null {
  const parts = file.split('/');
  if (parts[0] === 'pages' && parts.length > 2) return `pages/${parts[1]}`;
  if (parts[0] === 'editor') return 'editor';
  return null;
}

const ROOTS = new Set(['App.tsx', 'main.tsx']);

/** `./a/b/../c` relative to `dir`, as a path from src/ without the leading `./`. */
function join(dir: string, specifier: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const part of specifier.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

function resolve(from: string, specifier: string): string | undefined {
  const base = join(from.split('/').slice(0, -1).join('/'), specifier);
  return ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((path) => known.has(`./${path}`));
}

/** Every relative import of every module: static, side-effect (CSS), dynamic and re-exports. */
function relativeImports(): { from: string; specifier: string; target: string | undefined }[] {
  return Object.entries(sources).flatMap(([key, text]) => {
    const from = key.slice(2);
    return [...text.matchAll(/\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((match) => ({
      from,
      specifier: match[1]!,
      target: resolve(from, match[1]!),
    }));
  });
}

describe('import boundaries of the web app', () => {
  const imports = relativeImports();

  it('finds the modules and their imports', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(imports.length).toBeGreaterThan(200);
    expect(imports.filter((entry) => entry.target === undefined).map((entry) => `${entry.from}: ${entry.specifier}`)).toEqual([]);
  });

  it('lets no page folder import from another page folder', () => {
    const crossing = imports.filter(({ from, target }) => {
      const page = pageOf(from);
      const targetPage = target && pageOf(target);
      return page !== null && targetPage !== null && targetPage !== page;
    });
    expect(crossing.map(({ from, target }) => `${from} -> ${target}`)).toEqual([]);
  });

  it('lets shared code import no page, except what is pending a move', () => {
    const reaching = imports.filter(
      ({ from, target }) => !ROOTS.has(from) && pageOf(from) === null && target !== undefined && pageOf(target) !== null,
    );
    expect(reaching.map(({ from, target }) => `${from} -> ${target}`).sort()).toEqual(Object.keys(PENDING).sort());
  });
});
