import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database';
import { hotStatementName } from '../prepared-query';

export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Connections in this process's pool (claims, checkpoints and API reads share it). */
  poolSize?: number;
}

/** int8 (bigint: our millisecond times and counters) as numbers; every value we store fits in 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Opens the PostgreSQL store: a connection pool (parsers local to it, so the `sql.query` step's
 * own connections keep PostgreSQL's types). A connection that fails (the server restarted) is
 * dropped from the pool and the next query opens a new one, so the process reconnects by itself.
 */
export function openPostgres(options: PostgresOptions): { db: Kysely<Database>; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // A connection's error (the server restarted, the network dropped) must not crash the process: the
  // query in flight fails (and is retried by whoever issued it) and the pool replaces the connection.
  // The pool handles idle connections' errors; this covers connections checked out at that moment.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    prepareHotStatements(client);
  });
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), pool };
}

/**
 * The store's hot statements (see `registerHotStatement`) run as named prepared statements on this
 * connection: parsed and planned once per connection, then only bound and executed. Kysely passes
 * (text, values); the text alone tells which statement it is.
 */
function prepareHotStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && args.length === 2 && Array.isArray(values)) {
      const name = hotStatementName(text);
      if (name !== undefined) return query({ name, text, values });
    }
    return query(...args);
  };
}
