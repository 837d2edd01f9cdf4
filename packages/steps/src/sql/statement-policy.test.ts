import { describe, expect, it } from 'vitest';
import { checkStatement } from './statement-policy';

const refused = (sql: string, dialect: 'postgres' | 'sqlite', readOnly: boolean) => {
  try {
    checkStatement(sql, { dialect, readOnly });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('checkStatement', () => {
  it('lets read-only queries start only with a reading keyword', () => {
    for (const sql of [
      'SELECT 1',
      'with x as (select 1) select * from x',
      'VALUES (1)',
      'TABLE t',
      'EXPLAIN SELECT 1',
      'SHOW search_path',
    ]) {
      expect(refused(sql, 'postgres', true)).toBeNull();
    }
    for (const sql of [
      'COMMIT',
      'ROLLBACK',
      'SET statement_timeout = 0',
      'DO $$ BEGIN END $$',
      'CALL p()',
      "PREPARE TRANSACTION 'x'",
      'LISTEN x',
      'NOTIFY x',
      'BEGIN',
      'CREATE TEMP TABLE t (x int)',
      'RESET ALL',
      'DISCARD ALL',
      'INSERT INTO t VALUES (1)',
    ]) {
      expect(refused(sql, 'postgres', true)).toMatch(/read-only query must be one SELECT/);
      expect(refused(sql, 'postgres', false)).toBeNull();
    }
    expect(refused('TABLE t', 'sqlite', true)).toMatch(/read-only query must be one SELECT, WITH, VALUES statement, not TABLE/);
    expect(refused('"x"', 'sqlite', true)).toMatch(/not this statement/);
  });

  it('refuses statements that reach outside the database whatever readOnly says', () => {
    for (const readOnly of [true, false]) {
      expect(refused('COPY t FROM STDIN', 'postgres', readOnly)).toBe('sql.query does not run COPY statements');
      for (const sql of ["ATTACH 'x' AS a", 'DETACH a', "VACUUM INTO '/tmp/x'", 'VACUUM', 'PRAGMA user_version = 1']) {
        expect(refused(sql, 'sqlite', readOnly)).toMatch(/^sql.query does not run (ATTACH|DETACH|VACUUM|PRAGMA) statements/);
      }
    }
    expect(refused('PRAGMA table_info(t)', 'sqlite', true)).toContain('pragma_table_info');
  });
});
