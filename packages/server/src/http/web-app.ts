import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

/** Where `npm run build` (run by `npm ci` through `prepare`) puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** A page of the app rather than a file: no extension, or an approval link (its token has dots). */
const isPage = (path: string) => extname(path) === '' || /^\/approve\/[^/]+$/.test(path);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface WebFile {
  type: string;
  body: Uint8Array<ArrayBuffer>;
  gzipped: Uint8Array<ArrayBuffer> | null;
  /** Vite names assets by content hash: they never change, so browsers may keep them for a year. */
  immutable: boolean;
}

/** Paths the API owns; everything else that is a GET and not a file is the app's own route (index.html). */
const API_PATHS = /^\/(v1|webhooks|docs|healthz|readyz|metrics)(\/|$)/;

/**
 * Serves the built web app at `/` from memory (it is a few hundred KB): files gzipped once at start,
 * hashed assets cached forever, and index.html for every app route so deep links and reloads work.
 */
export function registerWebApp(app: Hono<AppEnv>, root: string = DEFAULT_WEB_ROOT): void {
  app.get('*', async (c, next) => {
    const path = c.req.path;
    if (API_PATHS.test(path)) return next();
    const files = filesOf(root);
    const index = files.get('/index.html');
    const file = files.get(path) ?? (isPage(path) ? index : undefined);
    if (!file) {
      if (!index && (path === '/' || isPage(path)))
        return c.text('The web app is not built: run `npm run build` (npm ci does it), then restart Assay.', 503);
      return next();
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      vary: 'accept-encoding',
    };
    if (file === index)
      headers['content-security-policy'] =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-src 'self' blob:; object-src 'self'; frame-ancestors 'none'";
    const gzip = file.gzipped && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    if (gzip) headers['content-encoding'] = 'gzip';
    return c.body(gzip ? file.gzipped! : file.body, 200, headers);
  });
}

/**
 * The app's files, read and gzipped on the first request for them and kept for the process: an API
 * process nobody browses, and every test server, never pay for it.
 */
const loaded = new Map<string, Map<string, WebFile>>();

function filesOf(root: string): Map<string, WebFile> {
  let files = loaded.get(root);
  if (!files) {
    files = loadFiles(root);
    // Not built yet: look again next time rather than remembering the absence.
    if (files.size > 0) loaded.set(root, files);
  }
  return files;
}

function loadFiles(root: string): Map<string, WebFile> {
  const files = new Map<string, WebFile>();
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        walk(full);
        continue;
      }
      const body = new Uint8Array(readFileSync(full));
      const type = TYPES[extname(name)] ?? 'application/octet-stream';
      const compressible = /^(text|application\/json|image\/svg)/.test(type) && body.length > 1024;
      const path = '/' + relative(root, full).split(sep).join('/');
      files.set(path, {
        type,
        body,
        gzipped: compressible ? new Uint8Array(gzipSync(body, { level: 9 })) : null,
        immutable: path.startsWith('/assets/'),
      });
    }
  };
  walk(root);
  return files;
}
