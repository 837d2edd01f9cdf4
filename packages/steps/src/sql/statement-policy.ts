import { AssayError } from '@assay/schema';
import { leadingKeyword, type SqlDialect } from './leading-keyword';

/**
 * Statements a read-only query may start with. Anything else (COMMIT, SET, DO, CALL, COPY, PREPARE
 * TRANSACTION, LISTEN, ATTACH, VACUUM, PRAGMA, …) could end or loosen the read-only guard, or write
 * outside the database, so it is refused before it reaches the server. The database still checks
 * what these statements do (a read-only transaction on PostgreSQL, `statement.readonly` on SQLite).
 */
const READ_ONLY_ALLOWED: Record<SqlDialect, ReadonlySet<string>> = {
  postgres: new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'EXPLAIN', 'SHOW']),
  sqlite: new Set(['SELECT', 'WITH', 'VALUES']),
};

/**
 * Statements refused even when writes are allowed. SQLite: ATTACH and VACUUM INTO open or create files
 * anywhere the server can write, and PRAGMA changes a connection that lives for this one query anyway
 * (or rewrites the file's header). PostgreSQL: COPY's sub-protocol has no place in a step (the data
 * would flow through the server's connection, not the database's files).
 */
const ALWAYS_REFUSED: Record<SqlDialect, ReadonlySet<string>> = {
  postgres: new Set(['COPY']),
  sqlite: new Set(['ATTACH', 'DETACH', 'VACUUM', 'PRAGMA']),
};

/** Throws `invalid_input` when `sql.query` must not run this statement; says what is allowed. */
export function checkStatement(sql: string, options: { dialect: SqlDialect; readOnly: boolean }): void {
  const keyword = leadingKeyword(sql, options.dialect);
  const shown = keyword ?? 'this statement';
  if (keyword !== null && ALWAYS_REFUSED[options.dialect].has(keyword)) {
    const hint = keyword === 'PRAGMA' ? " (read a pragma with SELECT, e.g. SELECT * FROM pragma_table_info('t'))" : '';
    throw new AssayError('invalid_input', `sql.query does not run ${keyword} statements${hint}`);
  }
  if (options.readOnly && (keyword === null || !READ_ONLY_ALLOWED[options.dialect].has(keyword))) {
    const allowed = [...READ_ONLY_ALLOWED[options.dialect]].join(', ');
    throw new AssayError(
      'invalid_input',
      `a read-only query must be one ${allowed} statement, not ${shown}; set readOnly: false to allow writes`,
    );
  }
}
