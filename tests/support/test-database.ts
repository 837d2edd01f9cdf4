import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore, type Store } from '@assay/store';
import pg from 'pg';

/**
 * Which database the suites run on: `ASSAY_TEST_DB=postgres` runs them on PostgreSQL (a fresh
 * database per server, on the server at ASSAY_TEST_POSTGRES_URL, default 127.0.0.1:5432), otherwise
 * on SQLite files. A missing PostgreSQL fails the suite, naming the URL: it is never skipped.
 */
export const TEST_DB: 'sqlite' | 'postgres' = process.env.ASSAY_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const ADMIN_URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of its own for one test server (or a group of processes sharing it). */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for ASSAY_TEST_DB=postgres but ${ADMIN_URL} cannot be reached (${error instanceof Error ? error.message : String(error)}); start it (see \`env\`) or set ASSAY_TEST_POSTGRES_URL`,
      { cause: error },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database and returns its URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  // Named after the test run (see global-setup.ts), which drops what its suites leave behind.
  const name = `assay_test_${process.env.ASSAY_TEST_RUN ?? 'adhoc'}_${randomBytes(5).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Settings that point a server at `database` (none on SQLite: the data directory holds the file). */
export function databaseEnv(database: TestDatabase | null): Record<string, string> {
  return database ? { DATABASE_URL: database.url } : {};
}

/** A store on a fresh database of the suite's kind, with a way to open more connections to it. */
export interface TestStore {
  store: Store;
  /** Another store (its own connections) on the same database: a second process, in effect. */
  reopen(): Promise<Store>;
  /** Closes every store opened here and removes the database. */
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const opened: Store[] = [];
  let open: () => Promise<Store>;
  let cleanup: () => Promise<void>;
  if (TEST_DB === 'postgres') {
    const database = await createTestDatabase();
    open = () => openStore({ postgresUrl: database.url, poolSize: 4 });
    cleanup = () => database.drop();
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-store-'));
    open = () => openStore({ sqliteFile: path.join(dir, 'assay.db') });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const track = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
  const store = await track();
  return {
    store,
    reopen: track,
    async close() {
      for (const s of opened.splice(0)) await s.close();
      await cleanup();
    },
  };
}
