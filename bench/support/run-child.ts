import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log, round } from './stats';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

/** Runs `bench/support/child.ts <name> [args]` and returns its BENCH_RESULT (null if it failed). */
export function runChild<T>(name: string, args: string[], timeoutMs: number, env: Record<string, string> = {}): Promise<T | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'child.ts'), name, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => {
      log(`${name}: no result after ${timeoutMs / 1000} s; stopping it`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      const label = [name, ...args, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)].join(' ');
      if (code !== 0 || !line) {
        log(`${label}: FAILED (exit ${code})`);
        resolve(null);
        return;
      }
      log(`${label}: done in ${round((performance.now() - started) / 1000, 1)} s`);
      resolve(JSON.parse(line.slice('BENCH_RESULT '.length)) as T);
    });
  });
}
