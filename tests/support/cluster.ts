import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { API_KEY, CLIENT_ID, request } from './assay-server';
import { freePort } from './child-server';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ASSAY = path.join(ROOT, 'packages/cli/bin/assay.js');

/** One Assay process of a cluster: `assay api`, `assay worker` or `assay serve`. */
export interface ClusterProcess {
  role: 'api' | 'worker' | 'all';
  process: ChildProcess;
  /** The HTTP base URL (api and all). */
  url: string | null;
  /** The id the process holds leases under (printed at start). */
  workerId: string | null;
  output(): string;
  exited: Promise<number | null>;
  api(method: string, urlPath: string, body?: unknown): ReturnType<typeof request>;
}

const headers = { 'x-metal-client-id': CLIENT_ID, 'x-metal-api-key': API_KEY };

/** Starts an Assay process on `databaseUrl` and waits until it is ready. */
export async function startProcess(
  role: ClusterProcess['role'],
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ClusterProcess> {
  const port = role === 'worker' ? 0 : await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-cluster-'));
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--heap-growing-percent=100', ASSAY, role === 'all' ? 'serve' : role], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ASSAY_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      ASSAY_CLIENT_ID: CLIENT_ID,
      ASSAY_API_KEY: API_KEY,
      ASSAY_LOG_LEVEL: 'warn',
      ASSAY_DEMO: 'false',
      ASSAY_RATE_LIMIT: '0',
      // One secret key for every process: credentials sealed by one are opened by another.
      ASSAY_SECRET_KEY: 'cluster-test-secret-key-0123456789',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(dataDir, { recursive: true, force: true }));
  const url = role === 'worker' ? null : `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`assay ${role} exited with ${child.exitCode}:\n${output}`);
    if (
      url === null
        ? /Assay worker \S+ is executing runs/.test(output)
        : await fetch(`${url}/readyz`).then(
            (r) => r.ok,
            () => false,
          )
    )
      break;
    if (Date.now() > deadline) throw new Error(`assay ${role} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const workerId = /Assay worker (\S+) is executing runs/.exec(output)?.[1] ?? null;
  return {
    role,
    process: child,
    url,
    workerId,
    output: () => output,
    exited,
    api: (method, urlPath, body) => {
      if (!url) throw new Error('a worker has no HTTP API');
      return request(url, method, urlPath, headers, body);
    },
  };
}

/** Stops processes (SIGTERM, then SIGKILL after `graceMs`) and waits for them to exit. */
export async function stopProcesses(processes: ClusterProcess[], graceMs = 10_000): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (p.process.exitCode !== null || p.process.signalCode !== null) return;
      p.process.kill('SIGTERM');
      const timer = setTimeout(() => p.process.kill('SIGKILL'), graceMs);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

/**
 * A PostgreSQL server of the test's own (initdb into a temporary directory, on a free port), so a
 * test can stop and start it without disturbing other suites on the shared server.
 */
export interface PrivatePostgres {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  const bin = version ? path.join(root, version, 'bin') : '';
  if (!bin || !existsSync(path.join(bin, 'pg_ctl')))
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) are needed for this test and were not found under /usr/lib/postgresql; install the postgresql package',
    );
  return bin;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBin();
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root, run it as the postgres user.
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { uid, gid } = userUid('postgres');
    chownSync(dir, uid, gid);
  }
  const run = (args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, args[0] as string);
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, args[0] as string), ...args.slice(1)] : args.slice(1);
    const result = spawnSync(command, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  };
  run(['initdb', '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () =>
    run([
      'pg_ctl',
      '-D',
      data,
      '-w',
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  const stop = () => run(['pg_ctl', '-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userUid(name: string): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`user ${name} not found: ${result.stderr}`);
  return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}
