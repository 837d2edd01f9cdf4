import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = 'packages/sdk/scripts/generate-openapi-types.ts';
const COMMITTED = path.join(ROOT, 'packages/sdk/src/openapi/schema.d.ts');

/** Runs the generator (as a developer would, from the repository's root); resolves with its exit code and output. */
async function generator(args: string[]): Promise<{ code: number; output: string }> {
  const run = await promisify(execFile)(process.execPath, ['--conditions=@assay/source', '--import', 'tsx', SCRIPT, ...args], {
    cwd: ROOT,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, stdout: error.stdout, stderr: error.stderr }),
  );
  return { code: run.code, output: `${run.stdout ?? ''}${run.stderr ?? ''}` };
}

/**
 * packages/sdk/src/openapi/schema.d.ts is generated from the served document by openapi-typescript
 * (and compiled with the SDK against its own types: agreement.ts). Regenerated here from a live
 * server, it must be exactly the committed file.
 */
describe('the types generated from the OpenAPI document', () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer();
    dir = mkdtempSync(path.join(tmpdir(), 'assay-openapi-types-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('are committed as the live document makes them', async () => {
    const check = await generator(['--check', '--url', server.url]);
    expect(check.output).toContain('matches the OpenAPI document');
    expect(check.code, check.output).toBe(0);
  });

  it('are reported stale, with how to regenerate them, when the file differs', async () => {
    const stale = path.join(dir, 'schema.d.ts');
    writeFileSync(stale, readFileSync(COMMITTED, 'utf8').replace('createRun:', 'startRun:'));
    const check = await generator(['--check', '--url', server.url, '--file', stale]);
    expect(check.code).toBe(1);
    expect(check.output).toContain('is stale');
    expect(check.output).toContain(`node --conditions=@assay/source --import tsx ${SCRIPT}`);
  });
});
