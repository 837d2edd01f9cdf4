import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServerProcess } from './support/server-process';
import { log, median, round, sleep } from './support/stats';
import { tempDir } from './support/temp';

/**
 * What someone deploying or scripting Assay waits for: `assay --help` (the CLI as a user's shell runs
 * it, built JavaScript), a server's start until `/readyz` answers 200 (a fresh SQLite file: migrations,
 * the first workspace and key, the demo), and the server's resident memory when idle (after 3 s).
 * Median of 5 each.
 */
export interface StartupResult {
  helpMs: number;
  readyMs: number;
  idleRssMiB: number;
}

const run$ = promisify(execFile);
const CLI = path.resolve(import.meta.dirname, '../packages/cli/bin/assay.js');

async function timeHelp(): Promise<number> {
  const t0 = performance.now();
  await run$(process.execPath, [CLI, '--help']);
  return performance.now() - t0;
}

async function timeServer(): Promise<{ readyMs: number; idleRssMiB: number }> {
  const temp = tempDir('startup');
  const t0 = performance.now();
  const server = await startServerProcess({ dataDir: temp.dir });
  try {
    for (;;) {
      const answer = await fetch(`${server.url}/readyz`).catch(() => null);
      if (answer?.status === 200) break;
      await sleep(5);
    }
    const readyMs = performance.now() - t0;
    await sleep(3000);
    return { readyMs, idleRssMiB: server.memory()?.rssMiB ?? NaN };
  } finally {
    await server.stop();
    temp.cleanup();
  }
}

export async function run(): Promise<StartupResult> {
  await timeHelp(); // warms the file cache
  const help: number[] = [];
  for (let i = 0; i < 5; i++) help.push(await timeHelp());
  const servers: Array<{ readyMs: number; idleRssMiB: number }> = [];
  for (let i = 0; i < 5; i++) servers.push(await timeServer());
  const result = {
    helpMs: round(median(help), 0),
    readyMs: round(median(servers.map((s) => s.readyMs)), 0),
    idleRssMiB: round(median(servers.map((s) => s.idleRssMiB)), 1),
  };
  log(`startup: assay --help ${result.helpMs} ms, server ready ${result.readyMs} ms, idle RSS ${result.idleRssMiB} MiB`);
  return result;
}
