import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { leadingKeyword } from './leading-keyword';

describe('leadingKeyword', () => {
  it('skips blanks, line and block comments, empty statements and parentheses', () => {
    expect(leadingKeyword('  \n\t select 1', 'sqlite')).toBe('SELECT');
    expect(leadingKeyword('-- SELECT\nATTACH x AS y', 'sqlite')).toBe('ATTACH');
    expect(leadingKeyword('/* SELECT */ ; ; vacuum', 'sqlite')).toBe('VACUUM');
    expect(leadingKeyword('((SELECT 1))', 'postgres')).toBe('SELECT');
    expect(leadingKeyword('\f\v\r\nCOMMIT', 'postgres')).toBe('COMMIT');
  });

  it('reads block comments as each database does: nested on PostgreSQL, not on SQLite', () => {
    expect(leadingKeyword('/* a /* b */ COMMIT */ SELECT 1', 'postgres')).toBe('SELECT');
    expect(leadingKeyword('/* a /* b */ VACUUM', 'sqlite')).toBe('VACUUM');
  });

  it('finds no keyword where a statement starts with anything else', () => {
    for (const sql of ['', '   ', '-- only a comment', '/* unterminated SELECT', '"select" 1', '`SELECT`', '1', '\u00a0SELECT 1']) {
      expect(leadingKeyword(sql, 'sqlite')).toBeNull();
      expect(leadingKeyword(sql, 'postgres')).toBeNull();
    }
  });

  it('agrees with SQLite on what the statement is', () => {
    const db = new Database(':memory:');
    const prefixes = ['', ' ', '\n', '-- c\n', '/* c */', '/* /* c */', ';', ' ; /* x */ -- y\n'];
    for (const prefix of prefixes) {
      for (const [statement, keyword] of [
        ['SELECT 1', 'SELECT'],
        ["ATTACH ':memory:' AS a", 'ATTACH'],
        ['PRAGMA user_version', 'PRAGMA'],
      ] as const) {
        expect(leadingKeyword(prefix + statement, 'sqlite')).toBe(keyword);
        // SQLite compiles the same text as that statement: only a SELECT returns rows here.
        expect(db.prepare(prefix + statement).reader).toBe(keyword !== 'ATTACH');
      }
    }
    db.close();
  });
});
