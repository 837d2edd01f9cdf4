import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqlQueryStep } from '@assay/steps';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineHarness, type EngineHarness } from '../support/engine-harness';

/** CI runs PostgreSQL on 127.0.0.1:5432 (trust auth); a missing server fails this suite loudly. */
const PG_URL = process.env.ASSAY_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('sql.query', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'assay-sql-'));
  const table = `assay_sql_test_${process.pid}_${Date.now()}`;
  // Read-only queries refuse superusers: the warehouse credential logs in as a role that may only read.
  const reader = `${table}_reader`;
  const readerUrl = new URL(PG_URL);
  readerUrl.username = reader;
  let h: EngineHarness;

  beforeAll(async () => {
    mkdirSync(path.join(root, 'dbs'));
    const lite = new Database(path.join(root, 'dbs', 'crm.db'));
    lite.exec(
      "CREATE TABLE deals (id INTEGER PRIMARY KEY, company TEXT, amount REAL); INSERT INTO deals (company, amount) VALUES ('Acme', 100), ('Acme', 250), ('Globex', 75);",
    );
    lite.exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) INSERT INTO deals (company, amount) SELECT 'Bulk', i FROM n;",
    );
    lite.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, name text, score int)`);
    await client.query(`INSERT INTO ${table} (name, score) VALUES ('a', 1), ('b', 2), ('c', 3)`);
    await client.query(`CREATE ROLE ${reader} LOGIN`);
    await client.query(`GRANT SELECT ON ${table} TO ${reader}`);
    await client.end();
    h = await engineHarness([createSqlQueryStep({ sqliteRoot: path.join(root, 'dbs') })], {
      credentials: {
        crm: `sqlite:${path.join(root, 'dbs', 'crm.db')}`,
        outside: `sqlite:${path.join(root, 'elsewhere.db')}`,
        warehouse: readerUrl.toString(),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`DROP ROLE IF EXISTS ${reader}`);
    await client.end();
    rmSync(root, { recursive: true, force: true });
  });

  const run = async (config: Record<string, unknown>, input: Record<string, unknown> = {}) => {
    const wf = await h.workflow({
      name: 'q',
      inputs: { company: { type: 'string' } },
      steps: [{ id: 'q', type: 'sql.query', with: config }],
    });
    const runId = await h.start(wf, input);
    const status = await h.finished(runId, 20_000);
    const [step] = await h.store.runs.steps(runId);
    return { status, step };
  };

  it('queries a SQLite file with parameters from templates', async () => {
    const { status, step } = await run(
      {
        connection: 'crm',
        sql: 'SELECT company, sum(amount) AS total FROM deals WHERE company = ? GROUP BY company',
        params: ['{{ input.company }}'],
      },
      { company: 'Acme' },
    );
    expect(status).toBe('completed');
    expect(step?.output).toEqual({ rows: [{ company: 'Acme', total: 350 }], rowCount: 1, truncated: false });
  });

  it('caps rows and refuses writes on a read-only connection', async () => {
    const capped = await run({ connection: 'crm', sql: 'SELECT * FROM deals', maxRows: 10 });
    expect(capped.step?.output).toMatchObject({ rowCount: 10, truncated: true });
    const write = await run({ connection: 'crm', sql: "DELETE FROM deals WHERE company = 'Acme'" });
    expect(write.status).toBe('failed');
    expect(write.step?.error?.message).toMatch(/readonly|read-only/i);
  });

  it('stops a SQLite query that runs past its timeout', async () => {
    const slow = await run({
      connection: 'crm',
      sql: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n',
      timeoutMs: 300,
    });
    expect(slow.status).toBe('failed');
    expect(slow.step?.error?.message).toContain('statement timeout of 300 ms');
  });

  it('refuses SQLite files outside the allowed directory', async () => {
    const outside = await run({ connection: 'outside', sql: 'SELECT 1' });
    expect(outside.status).toBe('failed');
    expect(outside.step?.error?.message).toContain('ASSAY_SQLITE_ROOT');
  });

  it('queries PostgreSQL in a read-only transaction with a statement timeout', async () => {
    const ok = await run({
      connection: 'warehouse',
      sql: `SELECT name, score FROM ${table} WHERE score >= $1 ORDER BY score`,
      params: [2],
    });
    expect(ok.status).toBe('completed');
    expect(ok.step?.output).toEqual({
      rows: [
        { name: 'b', score: 2 },
        { name: 'c', score: 3 },
      ],
      rowCount: 2,
      truncated: false,
    });
    const write = await run({ connection: 'warehouse', sql: `DELETE FROM ${table}` });
    expect(write.step?.error?.message).toMatch(/read-only/);
    const slow = await run({ connection: 'warehouse', sql: 'SELECT pg_sleep(5)', timeoutMs: 200 });
    expect(slow.step?.error?.message).toContain('statement timeout of 200 ms');
    const bad = await run({ connection: 'warehouse', sql: 'SELECT 1 +' });
    expect(bad.step?.error?.message).toContain('PostgreSQL: syntax error');
  });

  it('never records the connection string', async () => {
    const { step } = await run({ connection: 'warehouse', sql: 'SELECT 1 AS one' });
    expect(JSON.stringify(step)).not.toContain('127.0.0.1:5432');
  });
});
