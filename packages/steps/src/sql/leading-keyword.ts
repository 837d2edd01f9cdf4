/** Which SQL dialect's comment rules apply: PostgreSQL nests block comments, SQLite does not. */
export type SqlDialect = 'postgres' | 'sqlite';

const SPACE = /[ \t\n\r\f\v]/;
const WORD_START = /[A-Za-z_]/;
const WORD = /[A-Za-z0-9_$]/;

/**
 * The first keyword of a statement, upper-cased, as the database's own scanner would see it: blanks,
 * `--` and `/* … *\/` comments, empty statements (`;`) and opening parentheses are skipped. Returns
 * null when the statement starts with anything else (a quoted name, a stray symbol, nothing), which
 * callers treat as refused: erring towards refusal is the safe side of a mismatch with the server.
 */
export function leadingKeyword(sql: string, dialect: SqlDialect): string | null {
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (SPACE.test(c) || c === ';' || c === '(') i += 1;
    else if (sql.startsWith('--', i)) i = lineEnd(sql, i);
    else if (sql.startsWith('/*', i)) i = blockCommentEnd(sql, i, dialect === 'postgres');
    else break;
  }
  if (i >= sql.length || !WORD_START.test(sql[i]!)) return null;
  let end = i + 1;
  while (end < sql.length && WORD.test(sql[end]!)) end += 1;
  return sql.slice(i, end).toUpperCase();
}

function lineEnd(sql: string, from: number): number {
  const newline = sql.indexOf('\n', from);
  return newline === -1 ? sql.length : newline + 1;
}

/** Index just past the comment opened at `from`; an unterminated comment runs to the end. */
function blockCommentEnd(sql: string, from: number, nested: boolean): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i) && (nested || depth === 0)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}
