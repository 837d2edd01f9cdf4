import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseEnv, TEST_DB, type TestDatabase } from '../support/test-database';

const BIN = path.resolve(import.meta.dirname, '../../packages/cli/bin/assay.js');

function assay(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code) || 1 : 0, stdout, stderr });
    });
  });
}

/** `assay migrate` on the suite's database: what the README's scale-out section runs once per release. */
describe(`assay migrate (${TEST_DB})`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'assay-migrate-'));
  let database: TestDatabase | null = null;
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration to an empty database, then finds it up to date', async () => {
    database = TEST_DB === 'postgres' ? await createTestDatabase() : null;
    const env = { ASSAY_DATA_DIR: dataDir, DATABASE_URL: '', ...databaseEnv(database) };
    const first = await assay(['migrate'], env);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^applied: 001-initial, 002-webhook-triggers, .*017-secret-key-salt/);
    const again = await assay(['migrate'], env);
    expect(again, again.stderr).toMatchObject({ code: 0, stdout: 'database is up to date\n' });
  });
});
