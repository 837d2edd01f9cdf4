import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestServer, type TestServer } from '../support/assay-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'redocly.yaml');

/** Redocly's CLI (a devDependency): its bin script, or a failure naming what to install. */
function redoclyCli(): string {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');
  } catch {
    throw new Error('@redocly/cli is missing: run `npm ci` (it is a devDependency of the repository) to run this test');
  }
}

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}

/**
 * The served OpenAPI document passes Redocly's linter under the repository's redocly.yaml with no
 * error and no warning (a rule that does not fit is turned off there, with the reason).
 */
describe('the OpenAPI document under Redocly lint', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(path.join(tmpdir(), 'assay-openapi-lint-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('is clean: zero errors and zero warnings', async () => {
    const cli = redoclyCli();
    const served = await request(server.url, 'GET', '/v1/openapi.json', {});
    expect(served.status).toBe(200);
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(served.body, null, 2));
    // Telemetry and the update check stay off: tests never reach the internet.
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    const run = await promisify(execFile)(process.execPath, [cli, 'lint', file, '--config', CONFIG, '--format=json'], {
      env,
      cwd: dir,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string; code?: number }) => error);
    const stdout = String(run.stdout ?? '');
    let report: LintReport;
    try {
      report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as LintReport;
    } catch {
      throw new Error(`redocly lint printed no report:\n${stdout}\n${String(run.stderr ?? '')}`);
    }
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toEqual({ errors: 0, warnings: 0, ignored: 0 });
  });
});
