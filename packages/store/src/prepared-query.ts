import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { ReadConnection } from './sqlite/read-connection';

const SENTINEL = '\u0000assay-param:';

/**
 * A named placeholder for `prepareQuery`: stands in for a value while the query is built once.
 * Typed as whatever the column needs; only `prepareQuery` ever sees the placeholder itself.
 */
export function param<T>(name: string): T {
  return `${SENTINEL}${name}` as unknown as T;
}

/** Databases whose prepared SELECTs outside a transaction go to a read connection of their own (SQLite). */
const readConnections = new WeakMap<object, ReadConnection>();

/** From now on, prepared SELECTs executed on `db` itself (not in a transaction) go to `reader`. */
export function readThrough(db: object, reader: ReadConnection): void {
  readConnections.set(db, reader);
}

const hotStatements = new Map<string, string>();

/**
 * Marks a statement text as one the store repeats on its hot path; returns it. On PostgreSQL each
 * connection prepares such a text once under a name (parsed and planned once, then only bound and
 * executed; see `openPostgres`). Only fixed texts belong here: each costs a prepared statement per
 * connection.
 */
export function registerHotStatement(text: string): string {
  if (!hotStatements.has(text)) hotStatements.set(text, `assay_${hotStatements.size + 1}`);
  return text;
}

/** The name a hot statement is prepared under, or undefined for any other text. */
export function hotStatementName(text: string): string | undefined {
  return hotStatements.get(text);
}

/** Anything that runs a compiled query: the Kysely instance or a transaction. */
export interface QueryExecutor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** A query built and compiled once, executed with fresh arguments. */
export interface PreparedQuery<Args, Row> {
  execute(executor: QueryExecutor, args: Args): Promise<QueryResult<Row>>;
  /** A SELECT's rows from a read connection, now (see `readTogether`). */
  rowsOn(reader: ReadConnection, args: Args): Row[];
}

/** Reads a prepared SELECT's rows inside `readTogether`. */
export type ReadRows = <Args, Row>(query: PreparedQuery<Args, Row>, args: Args) => Row[];

/**
 * Runs `read` in one read transaction on db's read connection (SQLite on a file): its SELECTs see
 * one commit, and share one transaction's cost instead of each opening its own (which is most of
 * what reading a small row costs). Synchronous, so nothing else can read or write in between.
 * Undefined where db has no read connection (PostgreSQL, an in-memory SQLite): use `execute` there.
 */
export function readTogether<T>(db: object, read: (rows: ReadRows) => T): T | undefined {
  const reader = readConnections.get(db);
  return reader ? reader.snapshot(() => read((query, args) => query.rowsOn(reader, args))) : undefined;
}

/**
 * Builds and compiles a Kysely query once (for this database's dialect), then executes it with new
 * values by position. Building and compiling cost more than SQLite takes to run the statement, and
 * the engine's hot path repeats the same few queries, so they are prepared once per store.
 */
export function prepareQuery<Args extends object, Row>(query: Compilable<Row>): PreparedQuery<Args, Row> {
  const compiled = query.compile();
  const select = compiled.query.kind === 'SelectQueryNode';
  registerHotStatement(compiled.sql);
  const slots = compiled.parameters.map((p) => (typeof p === 'string' && p.startsWith(SENTINEL) ? p.slice(SENTINEL.length) : null));
  const bind = (args: Args) =>
    compiled.parameters.map((value, i) => {
      const slot = slots[i];
      return slot === null || slot === undefined ? value : (args as Record<string, unknown>)[slot];
    });
  const prepared: PreparedQuery<Args, Row> = {
    execute(executor, args) {
      const reader = select ? readConnections.get(executor) : undefined;
      if (reader) return Promise.resolve({ rows: prepared.rowsOn(reader, args) });
      return executor.executeQuery(CompiledQuery.raw(compiled.sql, bind(args)) as CompiledQuery<Row>);
    },
    rowsOn(reader, args) {
      if (!select) throw new Error('only a SELECT is read from a read connection');
      return reader.all<Row>(compiled.sql, bind(args));
    },
  };
  return prepared;
}
