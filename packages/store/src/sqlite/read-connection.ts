import SQLite, { type Database as SQLiteDatabase, type Statement } from 'better-sqlite3';

const MAX_STATEMENTS = 200;

/**
 * SQLite reads on a connection of their own. WAL lets a reader run beside the writer: a read never
 * queues behind a group transaction (Kysely's single connection holds every query until the open
 * transaction commits) and never sees what one has written but not yet committed — each statement
 * (or each `snapshot` of several) is its own read transaction over the last commit. It serves the
 * prepared SELECTs the store issues outside a transaction (a run and its steps, a workflow, an
 * engine's step records), and skips Kysely's executor, which costs about as much as SQLite takes to
 * answer them.
 */
export class ReadConnection {
  private readonly statements = new Map<string, Statement>();
  private readonly begin: Statement;
  private readonly commit: Statement;

  private constructor(private readonly sqlite: SQLiteDatabase) {
    this.begin = sqlite.prepare('begin');
    this.commit = sqlite.prepare('commit');
  }

  /** A read-only connection to the database file (which the writing connection has created). */
  static open(file: string): ReadConnection {
    const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -2048'); // 2 MiB: it reads a few recent rows; the writer's cache holds the hot set
    return new ReadConnection(sqlite);
  }

  /** Every row of a SELECT, its parameters bound by position. */
  all<Row>(sql: string, parameters: readonly unknown[]): Row[] {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(sql, statement);
    }
    return statement.all(parameters) as Row[];
  }

  /** Runs `read` in one read transaction: every statement in it sees the same commit. */
  snapshot<T>(read: () => T): T {
    this.begin.run();
    try {
      return read();
    } finally {
      this.commit.run();
    }
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}
