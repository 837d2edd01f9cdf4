import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardedCursor } from './guarded-cursor';

/** PostgreSQL on 127.0.0.1:5432 (trust auth), as every suite that touches it. */
const URL = process.env.ASSAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('GuardedCursor', () => {
  const client = new pg.Client({ connectionString: URL });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  const read = (sql: string) =>
    new Promise<unknown[]>((resolve, reject) =>
      client.query(new GuardedCursor(sql)).read(10, (error, rows) => (error ? reject(error) : resolve(rows))),
    );

  // Plain pg-cursor throws "handleCopyInResponse is not a function" from the socket listener: the process dies.
  it('fails COPY FROM STDIN instead of crashing the process, and the connection stays usable', async () => {
    await client.query('CREATE TEMP TABLE copy_target (x int)');
    await expect(read('COPY copy_target FROM STDIN')).rejects.toThrow('sql.query does not run COPY');
    await expect(read('COPY (SELECT 1) TO STDOUT')).resolves.toEqual([]);
    expect((await client.query('SELECT count(*)::int AS n FROM copy_target')).rows).toEqual([{ n: 0 }]);
  });
});
