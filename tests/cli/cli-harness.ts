import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_KEY, CLIENT_ID, type TestServer } from '../support/assay-server';

const BIN = path.resolve(import.meta.dirname, '../../packages/cli/bin/assay.js');

/** What one `assay …` invocation did. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * What a developer's own environment would otherwise leak into every run: their colour settings and
 * terminal width (removed, not set empty: Node 22 warns on stderr when NO_COLOR and FORCE_COLOR are
 * both present, even empty), and their saved profiles (a config directory that does not exist). A
 * test sets whichever it is about.
 */
function neutralEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: path.join(tmpdir(), `assay-cli-no-config-${process.pid}`) };
  for (const name of ['FORCE_COLOR', 'NO_COLOR', 'COLUMNS', 'ASSAY_PROFILE']) delete env[name];
  return env;
}

/**
 * Runs the real `assay` command with `env` over the neutral environment; `stdin` is what it reads
 * (stdin is closed either way, so a command reading it never waits). Asynchronous on purpose: a
 * server in this process must keep answering while the child runs (execFileSync would deadlock).
 */
export function runAssay(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...neutralEnv(), ...env }, timeout: 45_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(stdin);
  });
}

/**
 * Runs the real `assay` command against the in-process server, with the admin key in the environment
 * (overridable by `env`).
 */
export function cli(server: TestServer) {
  return (args: string[], env: Record<string, string> = {}, stdin?: string): Promise<CliResult> =>
    runAssay(args, { ASSAY_URL: server.url, ASSAY_CLIENT_ID: CLIENT_ID, ASSAY_API_KEY: API_KEY, ...env }, stdin);
}

/** The test workflow of the brief: upper-cases `input.name`. */
export const UPPER = {
  name: 'Upper',
  inputs: { name: { type: 'string', required: true } },
  steps: [{ id: 'up', type: 'transform', with: { expression: '$uppercase(input.name)' } }],
  output: { upper: '{{ steps.up.output }}' },
};

/** A workflow whose only step fails with "nope". */
export const BOOM = { name: 'Boom', steps: [{ id: 'boom', type: 'fail', with: { message: 'nope' } }] };
