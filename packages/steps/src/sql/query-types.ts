/** One query as the `sql.query` step runs it. */
export interface QueryRequest {
  sql: string;
  params: unknown[];
  readOnly: boolean;
  timeoutMs: number;
  maxRows: number;
}

export interface QueryResult {
  rows: unknown[];
  rowCount: number;
  truncated: boolean;
}
