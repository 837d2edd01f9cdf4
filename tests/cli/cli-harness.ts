import { execFile } from 'node:child_process';
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
 * Runs the real `assay` command against the in-process server, with the admin key in the environment
 * (overridable by `env`). Asynchronous on purpose: the server lives in this process and must keep
 * answering while the child runs (execFileSync would deadlock).
 */
export function cli(server: TestServer) {
  return (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { env: { ...process.env, ASSAY_URL: server.url, ASSAY_CLIENT_ID: CLIENT_ID, ASSAY_API_KEY: API_KEY, ...env }, timeout: 45_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
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
