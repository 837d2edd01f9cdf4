import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { addConnection, runSqlStep } from '../support/sql-step';
import { TEST_DB } from '../support/test-database';

/**
 * Issue 11, item 4: `sql.query` on SQLite. A query may write no file outside ASSAY_SQLITE_ROOT and
 * attach nothing; a read-only one writes nothing at all. On SQLite runs the attacks aim at Assay's
 * own database file; on PostgreSQL runs at a stand-in beside it.
 */
describe('sql.query on SQLite: no file written or opened outside the root', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'assay-sql-lite-'));
  const root = path.join(scratch, 'root');
  const outside = path.join(scratch, 'outside');
  const lab = path.join(root, 'lab.db');
  const secret = path.join(outside, 'secret.db');
  const assayDb = TEST_DB === 'sqlite' ? path.join(scratch, 'assay', 'assay.db') : secret;
  let server: TestServer;
  let secretModified = 0;

  beforeAll(async () => {
    mkdirSync(root);
    mkdirSync(outside);
    mkdirSync(path.dirname(assayDb), { recursive: true });
    const db = new Database(lab);
    db.exec('CREATE TABLE victim (x INTEGER); INSERT INTO victim VALUES (1), (2), (3);');
    db.close();
    const other = new Database(secret);
    other.exec("CREATE TABLE secrets (v TEXT); INSERT INTO secrets VALUES ('hunter2');");
    other.close();
    symlinkSync(secret, path.join(root, 'link.db'));
    symlinkSync(outside, path.join(root, 'linked-dir'));
    server = await startTestServer({ ASSAY_SQLITE_ROOT: root, ...(TEST_DB === 'sqlite' ? { DATABASE_URL: `sqlite:${assayDb}` } : {}) });
    await addConnection(server, 'lab', `sqlite:${lab}`);
    secretModified = statSync(secret).mtimeMs;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The lab database is as it was, and no file appeared anywhere. */
  function expectUntouched(): void {
    const db = new Database(lab, { readonly: true });
    expect(db.prepare('SELECT x FROM victim ORDER BY x').all()).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
    expect(readdirSync(root).sort()).toEqual(['lab.db', 'link.db', 'linked-dir']);
    expect(readdirSync(outside)).toEqual(['secret.db']);
    expect(statSync(secret).mtimeMs).toBe(secretModified);
  }

  const refusals: Array<[string, string, RegExp]> = [
    ['VACUUM INTO a file outside the root', `VACUUM INTO '${path.join(outside, 'copy.db')}'`, /does not run VACUUM/],
    ['VACUUM INTO a file inside the root', `VACUUM INTO '${path.join(root, 'copy.db')}'`, /does not run VACUUM/],
    ["ATTACH of Assay's own database", `ATTACH DATABASE '${assayDb}' AS a`, /does not run ATTACH/],
    [
      'ATTACH of a file: URI that would create the file',
      `ATTACH 'file:${path.join(outside, 'new.db')}?mode=rwc' AS a`,
      /does not run ATTACH/,
    ],
    ['ATTACH behind a comment and empty statements', `/* SELECT */ ; -- SELECT\n ATTACH '${assayDb}' AS a`, /does not run ATTACH/],
    ['DETACH', 'DETACH main', /does not run DETACH/],
    ['PRAGMA journal_mode = WAL (creates files, changes the header)', 'PRAGMA journal_mode = WAL', /does not run PRAGMA/],
    ['PRAGMA writable_schema', 'PRAGMA writable_schema = ON', /does not run PRAGMA/],
    ['PRAGMA user_version = 7', 'PRAGMA user_version = 7', /does not run PRAGMA/],
  ];

  it.each(refusals)('refuses %s, read-only or not', async (_name, sql, message) => {
    for (const readOnly of [true, false]) {
      const step = await runSqlStep(server, { connection: 'lab', sql, readOnly });
      expect(step.status).toBe('failed');
      expect(step.error?.message).toMatch(message);
    }
    expectUntouched();
  });

  it.each([
    ['a DELETE', 'DELETE FROM victim', /read-only query must be one SELECT/],
    ['a write behind a comment', '/* SELECT */ DELETE FROM victim', /read-only query must be one SELECT/],
    ['a write behind a WITH clause', 'WITH d AS (SELECT 1) DELETE FROM victim', /read-only query may only read/],
    ['CREATE TEMP TABLE', 'CREATE TEMP TABLE t (x)', /read-only query must be one SELECT/],
    ['BEGIN IMMEDIATE', 'BEGIN IMMEDIATE', /read-only query must be one SELECT/],
    ['a SELECT followed by a write', 'SELECT 1; DELETE FROM victim', /more than one statement/],
    ['load_extension()', `SELECT load_extension('${path.join(outside, 'evil.so')}')`, /not authorized/],
  ])('refuses %s when read-only', async (_name, sql, message) => {
    const step = await runSqlStep(server, { connection: 'lab', sql });
    expect(step.status).toBe('failed');
    expect(step.error?.message).toMatch(message);
    expectUntouched();
  });

  it('refuses several statements and load_extension() when writes are allowed too', async () => {
    const several = await runSqlStep(server, {
      connection: 'lab',
      sql: `DELETE FROM victim; VACUUM INTO '${path.join(outside, 'copy.db')}'`,
      readOnly: false,
    });
    expect(several.error?.message).toMatch(/more than one statement/);
    const extension = await runSqlStep(server, {
      connection: 'lab',
      sql: `SELECT load_extension('${path.join(outside, 'evil.so')}')`,
      readOnly: false,
    });
    expect(extension.error?.message).toMatch(/not authorized/);
    expectUntouched();
  });

  it('still reads, and writes inside the root when allowed', async () => {
    const read = await runSqlStep(server, { connection: 'lab', sql: "SELECT name FROM pragma_table_info('victim')" });
    expect(read).toMatchObject({ status: 'completed', output: { rows: [{ name: 'x' }] } });
    const write = await runSqlStep(server, { connection: 'lab', sql: 'INSERT INTO victim VALUES (?)', params: [4], readOnly: false });
    expect(write).toMatchObject({ status: 'completed', output: { rowCount: 1 } });
    const undo = await runSqlStep(server, { connection: 'lab', sql: 'DELETE FROM victim WHERE x = 4', readOnly: false });
    expect(undo).toMatchObject({ status: 'completed', output: { rowCount: 1 } });
    expectUntouched();
  });

  it.each([
    ['.. out of the root', () => `sqlite:${root}/../outside/secret.db`, /must be inside/],
    ['an absolute path outside the root', () => `sqlite:${secret}`, /must be inside/],
    ['a symbolic link in the root to a file outside', () => `sqlite:${path.join(root, 'link.db')}`, /must be inside/],
    ['a symbolic link in the root to a directory outside', () => `sqlite:${path.join(root, 'linked-dir', 'secret.db')}`, /must be inside/],
    ['a file: URI with mode=rwc', () => `file:${path.join(root, 'created.db')}?mode=rwc`, /does not exist/],
    ['a file: URI with a vfs', () => `file://${lab}?vfs=unix-none`, /does not exist/],
    ['a file: URI inside a sqlite: connection', () => `sqlite:file:${secret}`, /must be inside/],
    ['a file that does not exist yet', () => `sqlite:${path.join(root, 'new.db')}`, /does not exist/],
  ])('refuses a connection that names %s', async (name, value, message) => {
    const credential = `path-${name.replace(/[^a-z]+/g, '-')}`.slice(0, 60);
    await addConnection(server, credential, value());
    for (const readOnly of [true, false]) {
      const step = await runSqlStep(server, { connection: credential, sql: 'SELECT 1 AS one', readOnly });
      expect(step.status).toBe('failed');
      expect(step.error?.message).toMatch(message);
    }
    expectUntouched();
  });
});
