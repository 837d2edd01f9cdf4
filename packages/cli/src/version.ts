import { readFileSync } from 'node:fs';

/** The CLI's version: its package's (read at start; a few hundred bytes). */
export function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}
