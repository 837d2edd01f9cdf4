import { onAbort } from '@assay/engine';
import { AssayError } from '@assay/schema';
import type { Client, QueryResult as PgResult } from 'pg';
import { postgresClientConfig } from './postgres-client-config';
import type { QueryRequest, QueryResult } from './query-types';
import { checkStatement } from './statement-policy';

/** How long past the statement timeout the client waits for the server before cutting the connection. */
export const BACKSTOP_GRACE_MS = 2000;

/**
 * Whether the login role is, or may become, a role whose SELECTs can act outside the transaction: a
 * superuser (COPY TO PROGRAM, lo_export, dblink without a password), a replication role (replication
 * slots outlive a rollback), or a member of the roles that write server files or run programs.
 */
const POWERFUL_ROLE = `SELECT EXISTS (
  SELECT 1 FROM pg_roles r
  WHERE (r.rolsuper OR r.rolreplication OR r.rolname IN ('pg_write_server_files', 'pg_execute_server_program'))
    AND pg_has_role(session_user, r.oid, 'MEMBER')
) AS powerful`;

/**
 * Queries PostgreSQL in its own connection and transaction. Read-only queries are one reading
 * statement (`checkStatement`) in a READ ONLY transaction that is always rolled back, as a role that
 * cannot act outside it. Every query is one statement: the extended protocol (a cursor) refuses more.
 * The statement timeout is a session setting from the startup packet, and a client-side timer cuts
 * the connection if the server does not end the statement in time. At most maxRows + 1 rows are read.
 */
export async function runPostgres(connectionString: string, request: QueryRequest, signal: AbortSignal): Promise<QueryResult> {
  checkStatement(request.sql, { dialect: 'postgres', readOnly: request.readOnly });
  if (signal.aborted) throw new AssayError('cancelled', 'query aborted');
  const [{ default: pg }, { GuardedCursor }] = await Promise.all([import('pg'), import('./guarded-cursor')]); // loaded on first use, not at start-up
  const client = new pg.Client(postgresClientConfig(connectionString, request.timeoutMs, request.timeoutMs + BACKSTOP_GRACE_MS));
  // Failures reach the awaited calls; an 'error' event nobody listens to would crash the process.
  client.on('error', () => undefined);
  let stopped: AssayError | undefined;
  const stop = (error: AssayError) => {
    stopped ??= error;
    client.connection.stream.destroy();
  };
  const stopWaiting = onAbort(signal, () => stop(new AssayError('cancelled', 'query aborted')));
  let backstop: NodeJS.Timeout | undefined;
  try {
    await client.connect();
    backstop = setTimeout(() => stop(timeoutError(request.timeoutMs)), request.timeoutMs + BACKSTOP_GRACE_MS);
    if (request.readOnly) await refusePowerfulRole(client);
    await client.query(request.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    const result = await readRows(client, client.query(new GuardedCursor(request.sql, request.params)), request.maxRows);
    await client.query(request.readOnly ? 'ROLLBACK' : 'COMMIT');
    return result;
  } catch (error) {
    throw stopped ?? toStepError(error, request.timeoutMs);
  } finally {
    clearTimeout(backstop);
    stopWaiting();
    await client.end().catch(() => undefined);
  }
}

async function refusePowerfulRole(client: Client): Promise<void> {
  const { rows } = await client.query<{ powerful: boolean }>(POWERFUL_ROLE);
  if (rows[0]?.powerful) {
    throw new AssayError(
      'invalid_input',
      'this connection logs in as a superuser or replication role (or one that may write server files or run programs), which can act outside a read-only transaction; give it a role with only the grants it needs, or set readOnly: false',
    );
  }
}

/** The cursor's first maxRows + 1 rows (one more tells whether there were more), then it is closed. */
function readRows(
  client: Client,
  cursor: { read(rows: number, done: (error: Error | undefined, rows: unknown[], result: PgResult) => void): void; close(): Promise<void> },
  maxRows: number,
): Promise<QueryResult> {
  return new Promise<QueryResult>((resolve, reject) => {
    cursor.read(maxRows + 1, (error, rows, result) => {
      if (error) return reject(error);
      const truncated = rows.length > maxRows;
      const kept = truncated ? rows.slice(0, maxRows) : rows;
      const rowCount = result.command === 'SELECT' || truncated ? kept.length : (result.rowCount ?? 0);
      cursor.close().then(() => resolve({ rows: kept, rowCount, truncated }), reject);
    });
  });
}

function timeoutError(timeoutMs: number): AssayError {
  return new AssayError('step_timeout', `query exceeded its statement timeout of ${timeoutMs} ms`, { retryable: true });
}

function toStepError(error: unknown, timeoutMs: number): AssayError {
  if (error instanceof AssayError) return error;
  const e = error as { code?: string; message?: string };
  if (e.code === '57014') return timeoutError(timeoutMs);
  if (e.code === '25006')
    return new AssayError('step_failed', 'the query tried to write in a read-only transaction; set readOnly: false to allow writes');
  if (e.code === '42601' && e.message?.includes('multiple commands'))
    return new AssayError('invalid_input', 'sql.query runs exactly one statement; split the others into steps of their own');
  const transient = e.code === 'ECONNREFUSED' || e.code === '57P01' || e.code === '08006' || e.code === '53300';
  return new AssayError('step_failed', `PostgreSQL: ${e.message ?? String(error)}`, { retryable: transient });
}
