import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 500;

/**
 * Kysely prepares every query afresh; preparing costs about as much as running a simple statement.
 * Assay issues a small set of distinct SQL texts over and over, so statements are cached by text.
 * Safe because Kysely runs each statement to completion (`all`/`run`) before the next use.
 */
export function withStatementCache(sqlite: SQLiteDatabase, onClose?: () => void): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    close: () => {
      statements.clear();
      onClose?.();
      sqlite.close();
    },
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        statements.set(sql, statement);
      }
      return statement;
    },
  } as SqliteDatabase;
}
