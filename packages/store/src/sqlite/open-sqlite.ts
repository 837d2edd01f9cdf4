import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../database';
import { readThrough } from '../prepared-query';
import { ReadConnection } from './read-connection';
import { withStatementCache } from './statement-cache';

export interface SqliteOptions {
  /** File path, or ':memory:'. */
  file: string;
  /** `normal` survives a killed process (not a power cut) and is much faster; `full` survives both. */
  synchronous?: 'normal' | 'full';
}

/**
 * Opens the embedded database: WAL (readers never block the writer), a busy timeout rather than
 * immediate SQLITE_BUSY errors, and foreign keys enforced. A file database also gets a read
 * connection for the store's prepared reads (see ReadConnection).
 */
export function openSqlite(options: SqliteOptions): Kysely<Database> {
  const sqlite = new SQLite(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('cache_size = -16384'); // 16 MiB page cache: the hot set is the queue index and recent rows
  const reader = options.file === ':memory:' ? null : ReadConnection.open(options.file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => reader?.close()) }) });
  if (reader) readThrough(db, reader);
  return db;
}
