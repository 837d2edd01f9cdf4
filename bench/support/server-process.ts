import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { log } from './stats';

export const CLIENT_ID = 'bench-client';
export const API_KEY = 'bench-secret-0123456789abcdef';
export const AUTH_HEADERS = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'packages/cli/bin/assay.js');

/** The real server (`assay serve`) in a child process, so the load generator has its own event loop. */
export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** VmRSS and VmHWM (peak) of the server process, in MiB. */
  memory(): { rssMiB: number; hwmMiB: number } | null;
  /** SIGTERM, then SIGKILL if it has not exited within `killAfterMs`. */
  stop(killAfterMs?: number): Promise<void>;
}

export async function startServerProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
  role?: 'serve' | 'api' | 'worker';
}): Promise<ServerProcess> {
  const role = options.role ?? 'serve';
  // Diagnostics: e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // Started as `npm start` starts it (with its V8 flags).
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--heap-growing-percent=100', ...nodeArgs, CLI, role], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0', // the OS picks a free port; the URL is read from the "listening" line
      HOST: '127.0.0.1',
      ASSAY_DATA_DIR: options.dataDir,
      ASSAY_CLIENT_ID: CLIENT_ID,
      ASSAY_API_KEY: API_KEY,
      ASSAY_LOG_LEVEL: 'warn',
      ASSAY_RATE_LIMIT: '0',
      ASSAY_SHUTDOWN_GRACE_MS: '2000',
      DATABASE_URL: '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Never leave the server behind if this process ends first (child.ts turns SIGTERM into an exit).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  let warnings = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time; stderr: ${stderr}`));
    }, options.startTimeoutMs ?? 30_000);
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        // A worker has no URL: it is ready once it says it executes runs.
        const match = role === 'worker' ? /Assay worker \S+ is (executing) runs/.exec(line) : /listening on (http:\/\/\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(role === 'worker' ? '' : match[1]);
        } else if (line.startsWith('{') && warnings++ < 5) {
          log(`server: ${line.slice(0, 300)}`);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}; stderr: ${stderr}`));
    });
  });
  const pid = child.pid as number;
  return {
    url,
    pid,
    child,
    memory: () => readMemory(pid),
    async stop(killAfterMs = 8000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Reads VmRSS / VmHWM from /proc/<pid>/status (Linux). */
export function readMemory(pid: number): { rssMiB: number; hwmMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rss = /VmRSS:\s+(\d+) kB/.exec(status);
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    if (!rss || !hwm) return null;
    return { rssMiB: Number(rss[1]) / 1024, hwmMiB: Number(hwm[1]) / 1024 };
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs`; `stop` returns the peak seen (and the kernel's VmHWM). */
export function sampleRss(
  pid: number,
  everyMs = 100,
): { stop(): { peakMiB: number; hwmMiB: number; samples: number; lastMiB: number; firstMiB: number } } {
  let first = 0;
  let peak = 0;
  let hwm = 0;
  let last = 0;
  let samples = 0;
  const take = () => {
    const m = readMemory(pid);
    if (!m) return;
    if (samples++ === 0) first = m.rssMiB;
    last = m.rssMiB;
    peak = Math.max(peak, m.rssMiB);
    hwm = Math.max(hwm, m.hwmMiB);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      take();
      clearInterval(timer);
      return { peakMiB: peak, hwmMiB: hwm, samples, lastMiB: last, firstMiB: first };
    },
  };
}
