import path from 'node:path';
import { defineStepType, type CredentialReader, type StepType } from '@assay/engine';
import { AssayError } from '@assay/schema';
import { z } from 'zod';
import { runPostgres } from './run-postgres';
import { resolveSqliteFile } from './resolve-sqlite-file';
import { runSqlite } from './run-sqlite';

const Config = z
  .object({
    connection: z
      .string()
      .min(1)
      .max(100)
      .describe('A credential holding a PostgreSQL URL (`postgres://…`) or a SQLite file (`sqlite:/path/file.db`)'),
    sql: z.string().min(1).max(100_000).describe('One statement, with placeholders for `params`'),
    params: z
      .array(z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .max(1000)
      .default([])
      .describe('The placeholders’ values, in order'),
    readOnly: z.boolean().default(true).describe('Refuse statements that write (a guard, not a substitute for a read-only role)'),
    timeoutMs: z.number().int().min(1).max(300_000).default(10_000).describe('Statement timeout, in milliseconds'),
    maxRows: z.number().int().min(1).max(100_000).default(1000).describe('Rows returned at most; the output says when more were cut'),
  })
  .strict();

export interface SqlQueryOptions {
  /** SQLite connections may only open files under this directory (never Assay's own database). */
  sqliteRoot: string;
}

/**
 * `sql.query`: a parameterised query against a connection stored as a credential — a PostgreSQL URL
 * (`postgres://…`) or a SQLite file (`sqlite:/path/file.db`). One statement per query, read-only by
 * default, with a statement timeout and a row cap. Output `{ rows, rowCount, truncated }`. What the
 * database role may do is the real boundary: read-only is a guard against mistakes and injection,
 * not a substitute for a role with only SELECT grants.
 */
export function createSqlQueryStep(options: SqlQueryOptions): StepType {
  const root = path.resolve(options.sqliteRoot);
  return defineStepType<z.infer<typeof Config>>({
    type: 'sql.query',
    example: {
      id: 'orders',
      with: {
        connection: 'warehouse',
        sql: 'select id, total from orders where customer_id = $1',
        params: ['{{ input.customerId }}'],
        maxRows: 100,
      },
    },
    // A read-only query (the default) changes nothing: a step may reuse an earlier answer.
    cacheable: (config) => config.readOnly !== false,
    family: 'data',
    description: 'Query a PostgreSQL or SQLite database configured as a credential.',
    config: Config,
    async execute(config, context) {
      const connection = await context.credentials.get(config.connection);
      const request = {
        sql: config.sql,
        params: config.params,
        readOnly: config.readOnly,
        timeoutMs: config.timeoutMs,
        maxRows: config.maxRows,
      };
      let result;
      if (/^postgres(ql)?:\/\//.test(connection)) {
        concealPassword(connection, context.credentials);
        result = await runPostgres(connection, request, context.signal);
      } else if (/^(sqlite|file):/.test(connection)) {
        result = await runSqlite(await resolveSqliteFile(connection, root, config.connection), request, context.signal);
      } else {
        throw new AssayError('invalid_input', `connection "${config.connection}" must be a postgres:// URL or a sqlite: file path`);
      }
      return { kind: 'completed', output: result };
    },
  });
}

/** The password of a connection URL is secret on its own too (a database may echo it, a query may select it). */
function concealPassword(connection: string, credentials: CredentialReader): void {
  try {
    const password = decodeURIComponent(new URL(connection).password);
    if (password) credentials.conceal?.(password);
  } catch {
    // Not a parsable URL: the driver will say so.
  }
}
