import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database';
import { withStatementCache } from './statement-cache';

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  file: string;
  /** `normal` survives a killed process (not a power cut) and is much faster; `full` survives both. */
  synchronous?: 'normal' | 'full';
}

/**
 * Opens the embedded database: WAL (readers never block the writer), a busy timeout rather than
 * immediate SQLITE_BUSY errors, and foreign keys enforced.
 */
export function openSqlite(options: SqliteOptions): Kysely<Database> {
  const sqlite = new SQLite(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -16384'); // 16 MiB page cache: the hot set is the queue index and recent rows
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}
