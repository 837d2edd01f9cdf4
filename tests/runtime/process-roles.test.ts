import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/child-server';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Starts `assay <role>` on a fresh SQLite file, waits until it is ready, stops it; returns the modules it resolved. */
async function modulesLoadedBy(role: 'worker' | 'api'): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-roles-'));
  dirs.push(dir);
  const log = path.join(dir, 'modules.log');
  const child = spawn(
    process.execPath,
    ['--import', path.join(ROOT, 'tests/support/module-log.mjs'), path.join(ROOT, 'packages/cli/bin/assay.js'), role],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: '',
        ASSAY_DATA_DIR: dir,
        ASSAY_TEST_MODULE_LOG: log,
        ASSAY_DEMO: 'false',
        ASSAY_LOG_LEVEL: 'warn',
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const ready = role === 'worker' ? /Assay worker \S+ is executing runs/ : /Assay is listening on/;
  await new Promise<void>((resolve, reject) => {
    const check = () => (ready.test(output) ? resolve() : undefined);
    child.stdout.on('data', check);
    void exited.then((code) => reject(new Error(`assay ${role} exited with ${code}:\n${output}`)));
  });
  child.kill('SIGTERM');
  expect(await exited, output).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

const fromPackage = (modules: string[], folder: string) => modules.filter((url) => url.includes(`/packages/${folder}/`));

describe('process roles', () => {
  it('`assay worker` executes runs without loading the HTTP app, its routes or Hono', async () => {
    const modules = await modulesLoadedBy('worker');
    expect(fromPackage(modules, 'runtime/dist/roles').map((url) => path.basename(url))).toContain('worker.js');
    expect(modules.filter((url) => /\/packages\/server\/dist\/(app\.js|routes\/)|\/node_modules\/hono\//.test(url))).toEqual([]);
  });

  it('`assay api` loads the app (the check above can see it)', async () => {
    const modules = await modulesLoadedBy('api');
    expect(modules.some((url) => url.endsWith('/packages/server/dist/app.js'))).toBe(true);
    expect(modules.some((url) => url.includes('/node_modules/hono/'))).toBe(true);
  });

  it('runs on the built JavaScript: no TypeScript source and no TypeScript loader (tsx is for development only)', async () => {
    const modules = await modulesLoadedBy('api');
    expect(modules.filter((url) => url.endsWith('.ts') || url.includes('/node_modules/tsx/'))).toEqual([]);
    expect(fromPackage(modules, 'cli/dist').length).toBeGreaterThan(0);
  });
});
