import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { API_KEY, CLIENT_ID, request } from './assay-server';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** `assay serve` as a child process: a real process that can be killed. */
export interface ChildServer {
  process: ChildProcess;
  url: string;
  api(method: string, urlPath: string, body?: unknown): ReturnType<typeof request>;
  output(): string;
  /** Waits for the process to exit and returns its exit code (null when killed by a signal). */
  exited(): Promise<number | null>;
}

/** Starts `assay serve` on `dataDir` and waits until /healthz answers. */
export async function startChildServer(options: { dataDir: string; port: number; env?: Record<string, string> }): Promise<ChildServer> {
  const child = spawn(process.execPath, [path.join(ROOT, 'packages/cli/bin/assay.js'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      ASSAY_DATA_DIR: options.dataDir,
      ASSAY_CLIENT_ID: CLIENT_ID,
      ASSAY_API_KEY: API_KEY,
      ASSAY_LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${options.port}`;
  // A safety net, not a budget: a cold start compiles TypeScript, and one busy core takes long.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`assay serve exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`assay serve did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const headers = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };
  return {
    process: child,
    url,
    api: (method, urlPath, body) => request(url, method, urlPath, headers, body),
    output: () => output,
    exited: () => exit,
  };
}
