import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/assay-server';
import { addConnection, runSqlStep } from '../support/sql-step';
import { ADMIN_URL, createTestDatabase, type TestDatabase } from '../support/test-database';

/**
 * Issue 11, item 3: `sql.query` on PostgreSQL. The reader role used here may write (INSERT, UPDATE,
 * DELETE, CREATE in the schema, the sequence): only sql.query's read-only guard stands between each
 * attack and the data, and after each one nothing has changed. Needs PostgreSQL at 127.0.0.1:5432
 * whichever database Assay itself runs on.
 */
describe('sql.query on PostgreSQL: read-only cannot be escaped', () => {
  const role = `assay_reader_${randomBytes(4).toString('hex')}`;
  const scratch = mkdtempSync(path.join(tmpdir(), 'assay-sql-pg-'));
  const marker = path.join(scratch, 'pwned');
  let database: TestDatabase;
  let admin: pg.Client;
  let server: TestServer;
  let silent: Server;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`
      CREATE TABLE victim (x int);
      INSERT INTO victim VALUES (1), (2), (3);
      CREATE SEQUENCE victim_seq;
      CREATE PROCEDURE sneaky() LANGUAGE plpgsql AS $$ BEGIN COMMIT; INSERT INTO victim VALUES (666); END $$;
      CREATE EXTENSION dblink;
      CREATE ROLE ${role} LOGIN;
      GRANT CREATE, USAGE ON SCHEMA public TO ${role};
      GRANT SELECT, INSERT, UPDATE, DELETE ON victim TO ${role};
      GRANT USAGE, UPDATE ON SEQUENCE victim_seq TO ${role};
      GRANT EXECUTE ON PROCEDURE sneaky() TO ${role};`);
    const reader = new URL(database.url);
    reader.username = role;
    server = await startTestServer();
    await addConnection(server, 'warehouse', reader.toString());
    await addConnection(server, 'superuser', database.url);
    // A credential that tries to lift the timeout from the connection string.
    reader.search = `?statement_timeout=0&options=${encodeURIComponent('-c statement_timeout=0')}`;
    await addConnection(server, 'no-timeout', reader.toString());
    silent = await startSilentPostgres();
    await addConnection(server, 'silent', `postgres://nobody@127.0.0.1:${(silent.address() as { port: number }).port}/db`);
  });
  afterAll(async () => {
    await server?.close();
    await admin?.end();
    await database?.drop();
    const cleanup = new pg.Client({ connectionString: ADMIN_URL });
    await cleanup.connect();
    await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
    // Slots are the cluster's, not the database's: a failing run must not leave one behind.
    await cleanup.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE '${role}%'`);
    await cleanup.end();
    silent?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Nothing an attack could have left behind is there. */
  async function expectUntouched(): Promise<void> {
    const one = async (sql: string) => (await admin.query(sql)).rows[0];
    expect((await admin.query('SELECT x FROM victim ORDER BY x')).rows).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    expect(await one(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'pwned%'`)).toEqual({ n: 0 });
    expect(await one('SELECT last_value::int AS v, is_called FROM victim_seq')).toEqual({ v: 1, is_called: false });
    expect(await one('SELECT count(*)::int AS n FROM pg_largeobject_metadata')).toEqual({ n: 0 });
    expect(await one(`SELECT count(*)::int AS n FROM pg_replication_slots WHERE slot_name LIKE '${role}%'`)).toEqual({ n: 0 });
    expect(await one('SELECT count(*)::int AS n FROM pg_prepared_xacts WHERE database = current_database()')).toEqual({ n: 0 });
    expect(
      await one(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()`,
      ),
    ).toEqual({ n: 0 });
    expect(
      await one(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = '${role}' AND state = 'idle in transaction'`),
    ).toEqual({ n: 0 });
    expect(existsSync(marker)).toBe(false);
  }

  // Statements that would end, loosen or step outside the read-only transaction: refused before they run.
  it.each([
    ['the reported attack: COMMIT, then writes', 'COMMIT; CREATE TABLE pwned_ro (x int); INSERT INTO victim VALUES (666)'],
    ['ROLLBACK, then a write', 'ROLLBACK; INSERT INTO victim VALUES (666)'],
    ['SET transaction_read_only = off', 'SET transaction_read_only = off; INSERT INTO victim VALUES (666)'],
    ['SET SESSION CHARACTERISTICS … READ WRITE', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'],
    ['SET statement_timeout = 0', 'SET statement_timeout = 0; SELECT pg_sleep(20)'],
    ['a DO block that commits', 'DO $$ BEGIN COMMIT; INSERT INTO victim VALUES (666); END $$'],
    ['CALL of a procedure that commits', 'CALL sneaky()'],
    ['PREPARE TRANSACTION', "PREPARE TRANSACTION 'pwned'"],
    ['LISTEN', 'LISTEN pwned'],
    ['NOTIFY', 'NOTIFY pwned'],
    ['COPY … TO PROGRAM', `COPY (SELECT 1) TO PROGRAM 'touch ${marker}'`],
    ['COPY … FROM STDIN (the cursor cannot drive COPY)', 'COPY victim FROM STDIN'],
    ['CREATE TEMP TABLE', 'CREATE TEMP TABLE pwned_tmp (x int)'],
    ['a write behind a comment', '/* SELECT */ -- SELECT\n INSERT INTO victim VALUES (666)'],
    ['BEGIN, then a write', 'BEGIN; INSERT INTO victim VALUES (666)'],
  ])('refuses %s', async (_name, sql) => {
    const step = await runSqlStep(server, { connection: 'warehouse', sql });
    expect(step.status).toBe('failed');
    expect(step.error?.message).toMatch(/read-only query must be one SELECT|does not run COPY/);
    await expectUntouched();
  });

  it('runs one statement only: a SELECT followed by writes is refused whole', async () => {
    for (const readOnly of [true, false]) {
      const step = await runSqlStep(server, {
        connection: 'warehouse',
        sql: 'SELECT 1; CREATE TABLE pwned_multi (x int); INSERT INTO victim VALUES (666)',
        readOnly,
      });
      expect(step.status).toBe('failed');
      expect(step.error?.message).toContain('runs exactly one statement');
    }
    await expectUntouched();
  });

  // Reading statements that try to write: PostgreSQL's read-only transaction refuses them (or the rollback undoes them).
  it.each([
    ['a writable CTE', 'WITH w AS (INSERT INTO victim VALUES (666) RETURNING x) SELECT * FROM w'],
    ['SELECT … FOR UPDATE', 'SELECT * FROM victim FOR UPDATE'],
    ['SELECT … INTO a new table', 'SELECT x INTO pwned_into FROM victim'],
    ['nextval()', "SELECT nextval('victim_seq')"],
    ['setval()', "SELECT setval('victim_seq', 99)"],
    ['set_config(transaction_read_only) in a SELECT', "SELECT set_config('transaction_read_only', 'off', true)"],
    [
      'set_config, then a write in the same statement',
      "WITH c AS (SELECT set_config('transaction_read_only', 'off', true)) INSERT INTO victim SELECT 666 FROM c",
    ],
    ['EXPLAIN ANALYZE of a write', 'EXPLAIN ANALYZE INSERT INTO victim VALUES (666)'],
  ])('refuses %s', async (_name, sql) => {
    const step = await runSqlStep(server, { connection: 'warehouse', sql });
    expect(step.status).toBe('failed');
    expect(step.error?.message).toMatch(/read-only transaction|read-write mode must be set before any query/);
    await expectUntouched();
  });

  it.each([
    ['server files read by pg_read_file', "SELECT pg_read_file('/etc/hostname')"],
    ['server files imported by lo_import', "SELECT lo_import('/etc/hostname')"],
    ['server files written by lo_export', `SELECT lo_export(lo_from_bytea(0, 'x'), '${marker}')`],
    ['a replication slot, which would outlive the rollback', `SELECT pg_create_physical_replication_slot('${role}_slot')`],
    [
      'dblink to write over a second connection',
      "SELECT dblink_exec('dbname=' || current_database() || ' user=postgres host=127.0.0.1', 'INSERT INTO victim VALUES (666)')",
    ],
  ])('leaves %s to the role, which lacks the privilege', async (_name, sql) => {
    const step = await runSqlStep(server, { connection: 'warehouse', sql });
    expect(step.status).toBe('failed');
    expect(step.error?.message).toMatch(/permission denied|must be superuser|password is required|read-only transaction/);
    await expectUntouched();
  });

  it.each([
    [
      'set_config(default_transaction_read_only) for later transactions',
      "SELECT set_config('default_transaction_read_only', 'off', false)",
    ],
    ['a session advisory lock', 'SELECT pg_advisory_lock(4242)'],
    ['a large object', "SELECT lo_from_bytea(0, 'x')::text AS oid"],
  ])('lets %s run but keeps nothing of it', async (_name, sql) => {
    const step = await runSqlStep(server, { connection: 'warehouse', sql });
    expect(step.status).toBe('completed');
    await expectUntouched();
    // The next query is read-only again: each query has its own connection.
    const write = await runSqlStep(server, {
      connection: 'warehouse',
      sql: 'WITH w AS (INSERT INTO victim VALUES (666) RETURNING x) SELECT * FROM w',
    });
    expect(write.error?.message).toContain('read-only transaction');
  });

  it('never delivers a notification sent by a read-only query (it is rolled back)', async () => {
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query('LISTEN assay_probe');
    const step = await runSqlStep(server, { connection: 'warehouse', sql: "SELECT pg_notify('assay_probe', 'from the query')" });
    expect(step.status).toBe('completed');
    // Notifications arrive in commit order: once this one is heard, an earlier one would have been too.
    await admin.query("SELECT pg_notify('assay_probe', 'marker')");
    for (let waited = 0; !heard.includes('marker') && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    await listener.end();
    expect(heard).toEqual(['marker']);
  });

  it('refuses read-only queries as a superuser, whose SELECTs can act outside the transaction', async () => {
    const slot = await runSqlStep(server, { connection: 'superuser', sql: `SELECT pg_create_physical_replication_slot('${role}_super')` });
    expect(slot.status).toBe('failed');
    expect(slot.error?.message).toContain('superuser or replication role');
    const copy = await runSqlStep(server, {
      connection: 'superuser',
      sql: `SELECT 1 FROM (SELECT lo_export(lo_from_bytea(0, 'x'), '${marker}')) AS e`,
    });
    expect(copy.error?.message).toContain('superuser or replication role');
    await expectUntouched();
    // Writes allowed: the role's own privileges are the boundary, and the query still runs alone.
    const allowed = await runSqlStep(server, { connection: 'superuser', sql: 'SELECT current_user::text AS who', readOnly: false });
    expect(allowed).toMatchObject({ status: 'completed', output: { rows: [{ who: 'postgres' }] } });
  });

  it('holds the statement timeout against set_config in the statement and against the connection string', async () => {
    const lifted = await runSqlStep(server, {
      connection: 'warehouse',
      sql: "SELECT set_config('statement_timeout', '0', false), pg_sleep(20)",
      timeoutMs: 300,
    });
    expect(lifted.status).toBe('failed');
    expect(lifted.error).toMatchObject({ code: 'step_timeout', message: expect.stringContaining('statement timeout of 300 ms') });
    for (const readOnly of [true, false]) {
      const fromString = await runSqlStep(server, { connection: 'no-timeout', sql: 'SELECT pg_sleep(20)', timeoutMs: 300, readOnly });
      expect(fromString.error).toMatchObject({ code: 'step_timeout' });
    }
    await expectUntouched();
  });

  it('cuts the connection when the server never answers within the timeout', async () => {
    const step = await runSqlStep(server, { connection: 'silent', sql: 'SELECT 1', timeoutMs: 300 });
    expect(step.status).toBe('failed');
    expect(step.error).toMatchObject({ code: 'step_timeout', message: expect.stringContaining('statement timeout of 300 ms') });
  });

  it('reads at most maxRows + 1 rows, however many the query would return', async () => {
    const step = await runSqlStep(server, {
      connection: 'warehouse',
      sql: 'SELECT generate_series(1, 100000000) AS n',
      maxRows: 5,
      timeoutMs: 60_000,
    });
    expect(step).toMatchObject({
      status: 'completed',
      output: { rows: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 }], rowCount: 5, truncated: true },
    });
  });

  it('still writes when writes are allowed, one statement at a time', async () => {
    const insert = await runSqlStep(server, {
      connection: 'warehouse',
      sql: 'INSERT INTO victim VALUES ($1) RETURNING x',
      params: [4],
      readOnly: false,
    });
    expect(insert).toMatchObject({ status: 'completed', output: { rows: [{ x: 4 }], rowCount: 1 } });
    const remove = await runSqlStep(server, { connection: 'warehouse', sql: 'DELETE FROM victim WHERE x = 4', readOnly: false });
    expect(remove).toMatchObject({ status: 'completed', output: { rowCount: 1 } });
    await expectUntouched();
  });
});

/** A "PostgreSQL" on 127.0.0.1 that accepts the login and then never answers a query. */
async function startSilentPostgres(): Promise<Server> {
  const server = createServer((socket) => {
    socket.once('data', () => {
      const authOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
      const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
      socket.write(Buffer.concat([authOk, readyForQuery]));
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
