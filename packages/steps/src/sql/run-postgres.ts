import { AssayError } from '@assay/schema';
import type { QueryRequest, QueryResult } from './query-types';

/**
 * Queries PostgreSQL in its own transaction: READ ONLY unless writes were allowed, a statement
 * timeout enforced by the server, and rows capped. The transaction never commits a read-only query.
 */
export async function runPostgres(connectionString: string, request: QueryRequest, signal: AbortSignal): Promise<QueryResult> {
  const { default: pg } = await import('pg'); // loaded on first use, not at start-up
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: Math.min(10_000, request.timeoutMs), application_name: 'assay sql.query' });
  const onAbort = () => void client.end().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect();
    await client.query(request.readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
    await client.query(`SET LOCAL statement_timeout = ${Math.floor(request.timeoutMs)}`);
    const result = await client.query({ text: request.sql, values: request.params });
    await client.query(request.readOnly ? 'ROLLBACK' : 'COMMIT');
    const rows = (result.rows ?? []).slice(0, request.maxRows);
    return { rows, rowCount: result.command === 'SELECT' ? rows.length : (result.rowCount ?? 0), truncated: (result.rows?.length ?? 0) > request.maxRows };
  } catch (error) {
    if (signal.aborted) throw new AssayError('cancelled', 'query aborted');
    const e = error as { code?: string; message?: string };
    if (e.code === '57014') throw new AssayError('step_timeout', `query exceeded its statement timeout of ${request.timeoutMs} ms`, { retryable: true });
    if (e.code === '25006') throw new AssayError('step_failed', 'the query tried to write in a read-only transaction; set readOnly: false to allow writes');
    const transient = e.code === 'ECONNREFUSED' || e.code === '57P01' || e.code === '08006' || e.code === '53300';
    throw new AssayError('step_failed', `PostgreSQL: ${e.message ?? String(error)}`, { retryable: transient });
  } finally {
    signal.removeEventListener('abort', onAbort);
    await client.end().catch(() => undefined);
  }
}
