import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';

/**
 * Once per `vitest run`. On PostgreSQL every test database of this run is named after the run, so
 * that at the end the run drops whatever its suites left behind (a suite that crashed before closing
 * its server) without touching another run's databases on the same server.
 */
export function setup(): void {
  process.env.ASSAY_TEST_RUN ??= randomBytes(4).toString('hex');
  // Processes the tests start (`assay`, servers in child processes) run the built JavaScript, as a
  // user's would: rebuilt here when a package's sources are newer than its build.
  const root = path.resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build-packages.ts'), '--if-stale'], { stdio: 'inherit' });
}

export async function teardown(): Promise<void> {
  if (process.env.ASSAY_TEST_DB !== 'postgres') return;
  const client = new pg.Client({ connectionString: process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `assay_test_${process.env.ASSAY_TEST_RUN}_%`,
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await client.end();
  }
}
