import { CompiledQuery, type QueryResult } from 'kysely';
import type { Database, Db } from './database';
import { registerHotStatement, type QueryExecutor } from './prepared-query';

/** A multi-row INSERT compiled once for a number of rows, executed with values given by position. */
export interface MultiRowInsert<Column extends string> {
  readonly rows: number;
  execute(executor: QueryExecutor, valueOf: (row: number, column: Column) => unknown): Promise<QueryResult<never>>;
}

/**
 * Compiles the INSERT of `rows` rows of `columns` into `table` once. Building and compiling a
 * 500-row statement costs more than the database takes to run it, and filling it by position
 * (`valueOf(row, column)` for each parameter) makes no per-row objects: the store's bulk writes
 * (a batch's runs and their events) use it for every full chunk.
 */
export function prepareMultiRowInsert<Table extends keyof Database & string, Column extends keyof Database[Table] & string>(
  db: Db,
  table: Table,
  columns: readonly Column[],
  rows: number,
): MultiRowInsert<Column> {
  const marker = (row: number, column: string) => `\u0000${row}:${column}`;
  const values = Array.from({ length: rows }, (_, row) => Object.fromEntries(columns.map((column) => [column, marker(row, column)])));
  const compiled = db
    .insertInto(table)
    .values(values as never)
    .compile();
  registerHotStatement(compiled.sql);
  const slotRows = new Array<number>(compiled.parameters.length);
  const slotColumns = new Array<Column>(compiled.parameters.length);
  compiled.parameters.forEach((parameter, k) => {
    const [row, column] = String(parameter).slice(1).split(':');
    slotRows[k] = Number(row);
    slotColumns[k] = column as Column;
  });
  return {
    rows,
    execute(executor, valueOf) {
      const parameters = new Array<unknown>(slotRows.length);
      for (let k = 0; k < parameters.length; k++) parameters[k] = valueOf(slotRows[k] as number, slotColumns[k] as Column);
      return executor.executeQuery(CompiledQuery.raw(compiled.sql, parameters) as CompiledQuery<never>);
    },
  };
}
