import type { ClientConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

/** How long the connection itself may take, apart from the query's own timeout. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * The node-postgres settings for one `sql.query` connection. The connection string is parsed here,
 * not handed to the client, because node-postgres lets a connection string override explicit
 * settings: a credential with `?statement_timeout=0` or `options=-c statement_timeout=0` would lift
 * the limit. The timeouts below travel in the startup packet after the string's `options`, so the
 * server applies them last; being session settings they hold from the first statement on.
 */
export function postgresClientConfig(connectionString: string, timeoutMs: number, idleMs: number): ClientConfig {
  // A replication connection speaks another protocol (and can stream the whole cluster): dropped.
  const { replication: _replication, ...parsed } = parseIntoClientConfig(connectionString) as ClientConfig & { replication?: unknown };
  return {
    ...parsed,
    application_name: 'assay sql.query',
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: Math.floor(timeoutMs),
    // If this process stalls mid-transaction, the server ends the session (and its locks) itself.
    idle_in_transaction_session_timeout: Math.floor(idleMs),
  };
}
