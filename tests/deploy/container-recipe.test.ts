import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilDone } from '../support/progress';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** The image's user is `node`; here any user but root stands in for it. */
const NOBODY = 65534;

/**
 * CPU time used so far by a process group (every process in it, and the children they have reaped),
 * in clock ticks: it moves while a build works, even while the build prints nothing.
 */
function groupCpuTicks(group: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // After the command's name: state, ppid, pgrp, … utime, stime, cutime, cstime (indexes 11-14).
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ').pop()!.split(' ');
      if (Number(fields[2]) === group) ticks += fields.slice(11, 15).reduce((sum, value) => sum + Number(value), 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/** What the Dockerfile's final stage says about running the image. */
function imageRecipe() {
  const lines = readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8').split('\n');
  const final = lines.slice(lines.findLastIndex((line) => line.startsWith('FROM ')));
  const value = (instruction: string) => final.find((line) => line.startsWith(`${instruction} `))?.slice(instruction.length + 1);
  const env = Object.fromEntries(
    final.filter((line) => line.startsWith('ENV ')).map((line) => line.slice(4).split('=', 2) as [string, string]),
  );
  return {
    env,
    user: value('USER'),
    workdir: value('WORKDIR')!,
    command: [...(JSON.parse(value('ENTRYPOINT')!) as string[]), ...(JSON.parse(value('CMD')!) as string[])],
  };
}

/**
 * The container recipe, run where no container engine runs: `deploy/build-app.sh` (the Dockerfile's
 * build stage) on a clean copy of this tree, then its output started as the image starts it — the
 * Dockerfile's command, environment and working directory, as a user that is not root — until
 * `/readyz` answers, one run, and a SIGTERM that drains and exits 0.
 */
describe('the container recipe (deploy/Dockerfile, deploy/build-app.sh)', () => {
  let work: string;
  let app: string;
  let build: ChildProcess | undefined;
  const recipe = imageRecipe();

  beforeAll(
    async () => {
      work = mkdtempSync(path.join(tmpdir(), 'assay-image-'));
      chmodSync(work, 0o755);
      const source = path.join(work, 'src');
      // What `COPY . .` would see: the tracked files and new ones, not node_modules or builds.
      const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
      for (const file of stdout.split('\0').filter((f) => f && existsSync(path.join(ROOT, f)))) {
        mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
        copyFileSync(path.join(ROOT, file), path.join(source, file));
      }
      app = path.join(work, 'app');
      // Installing and building takes minutes, more on a slow or busy machine: it is waited on while it
      // prints or keeps working, not against a clock (the declarations' tsc is silent for a while).
      build = spawn('bash', [path.join(source, 'deploy/build-app.sh'), source, app], {
        env: { ...process.env, ASSAY_NPM_PREFER_OFFLINE: '1' },
        detached: true,
      });
      let output = '';
      build.stdout!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      build.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
      let code: number | null | undefined;
      build.once('exit', (exitCode) => (code = exitCode));
      await untilDone(async () => ({ done: code === undefined ? null : { code }, progress: [output.length, groupCpuTicks(build!.pid!)] }), {
        what: 'deploy/build-app.sh',
        stallMs: 300_000,
        intervalMs: 1000,
      });
      expect(code, output).toBe(0);
    },
    4 * 60 * 60_000,
  );
  afterAll(() => {
    if (build?.exitCode === null) process.kill(-build.pid!, 'SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('builds JavaScript only, without development tools', () => {
    expect(recipe.user).toBe('node');
    expect(existsSync(path.join(app, 'packages/cli/dist/main.js'))).toBe(true);
    expect(existsSync(path.join(app, 'packages/web/dist/index.html'))).toBe(true);
    for (const tool of ['tsx', 'typescript', 'vite', 'vitest', 'esbuild'])
      expect(existsSync(path.join(app, 'node_modules', tool)), tool).toBe(false);
    const sources = readdirSync(path.join(app, 'packages'), { recursive: true, encoding: 'utf8' }).filter(
      (file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts') && !file.includes('node_modules'),
    );
    expect(sources).toEqual([]);
  });

  it('starts as the image does, as a user who is not root, answers, runs a workflow, and drains on SIGTERM', async () => {
    const data = path.join(work, 'data');
    mkdirSync(data);
    chownSync(data, NOBODY, NOBODY);
    const [command, ...args] = recipe.command;
    expect(command).toBe('node'); // node itself is PID 1: it receives the signals
    const env = {
      PATH: process.env.PATH!,
      ...recipe.env,
      ASSAY_DATA_DIR: data, // the image's volume
      HOST: '127.0.0.1',
      PORT: '0', // a free port rather than 8080
      ASSAY_CLIENT_ID: 'image-client',
      ASSAY_API_KEY: 'image-secret-0123456789abcdef',
    };
    const cwd = path.join(app, path.relative('/app', recipe.workdir));
    const child = spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // Waits while the server's output moves (a slow machine is slow, a stuck start stops).
      const url = await untilDone(
        async () => ({ done: /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? null, progress: output.length }),
        {
          what: 'the server to listen',
          stallMs: 120_000,
        },
      );
      expect(readFileSync(`/proc/${child.pid}/status`, 'utf8')).toMatch(new RegExp(`Uid:\\s+${NOBODY}\\s`));
      await untilDone(
        async () => ({ done: (await fetch(`${url}/readyz`).catch(() => null))?.status === 200 || null, progress: output.length }),
        {
          what: '/readyz to answer 200',
          stallMs: 120_000,
        },
      );
      const headers = {
        'content-type': 'application/json',
        'x-metal-client-id': env.ASSAY_CLIENT_ID,
        'x-metal-api-key': env.ASSAY_API_KEY,
      };
      const workflow = (await (
        await fetch(`${url}/v1/workflows`, {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: 'Echo',
            inputs: { name: { type: 'string' } },
            steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
          }),
        })
      ).json()) as { data: { id: string } };
      const finished = (await (
        await fetch(`${url}/v1/workflows/${workflow.data.id}/runs?wait=60`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ input: { name: 'acme' } }),
        })
      ).json()) as { data: { status: string } };
      expect(finished.data.status).toBe('completed');
      child.kill('SIGTERM');
      expect(await exited, output).toBe(0);
      expect(output).toContain('SIGTERM');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
