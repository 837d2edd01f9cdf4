import { CompiledQuery, type Transaction } from 'kysely';
import type { Database, Db, RunsTable, StepRunsTable } from '../database';
import type { ColumnType, StoreDialect } from '../dialect/dialect';
import type { PreparedQuery } from '../prepared-query';
import { registerHotStatement } from '../prepared-query';
import type { GroupedStatement } from '../write-batcher';

/** A checkpoint to write: the step's record and the worker whose lease fences it. */
export type CheckpointRow = StepRunsTable & { workerId: string };

/** A run to finish under the lease of `workerId`. */
export interface FinishRow {
  runId: string;
  workerId: string;
  status: string;
  output: string | null;
  error: string | null;
  completedAt: number;
  costUsd: number;
  costTokens: number;
}

export type FinishedRun = Pick<RunsTable, 'parent_run_id' | 'trigger' | 'batch_id'>;

const CHECKPOINT_COLUMNS: ReadonlyArray<readonly [keyof CheckpointRow & string, ColumnType]> = [
  ['run_id', 'text'],
  ['step_id', 'text'],
  ['type', 'text'],
  ['status', 'text'],
  ['attempts', 'integer'],
  ['config', 'text'],
  ['output', 'text'],
  ['error', 'text'],
  ['usage', 'text'],
  ['wake_at', 'bigint'],
  ['started_at', 'bigint'],
  ['completed_at', 'bigint'],
  ['suspended', 'integer'],
];

/**
 * Checkpoints of a group transaction. Where the dialect takes rows as arrays (PostgreSQL): one
 * fenced upsert for all of them, answering which rows it wrote; each row is fenced on its own (a
 * row whose worker lost the lease is left out, the others land). Rows go in key order, so two
 * transactions upserting the same steps lock them in the same order. Elsewhere: the one-row
 * statement per checkpoint.
 */
export function groupedCheckpoints(
  dialect: StoreDialect,
  single: PreparedQuery<CheckpointRow, never>,
): GroupedStatement<CheckpointRow, boolean> {
  const arrayRows = dialect.arrayRows;
  if (arrayRows === null) {
    return {
      perRow: true,
      async execute(trx, rows) {
        const out: boolean[] = [];
        for (const row of rows) out.push(Number((await single.execute(trx, row)).numAffectedRows ?? 0) > 0);
        return out;
      },
    };
  }
  const names = CHECKPOINT_COLUMNS.map(([name]) => name);
  const text = registerHotStatement(
    `insert into step_runs (${names.join(', ')}) select ${names.map((n) => `v.${n}`).join(', ')} from ${arrayRows(
      'v',
      [...CHECKPOINT_COLUMNS, ['worker_id', 'text']],
      1,
    )} where exists (select 1 from runs where runs.id = v.run_id and runs.lease_owner = v.worker_id and runs.status = 'running')` +
      ` on conflict (run_id, step_id) do update set ${names
        .slice(2)
        .map((n) => `${n} = excluded.${n}`)
        .join(', ')} returning run_id, step_id`,
  );
  const statement: GroupedStatement<CheckpointRow, boolean> = {
    async execute(trx, rows) {
      // The same step twice (only another worker's write can be queued beside the holder's): a row
      // answers for its step, not for its worker, so each goes alone.
      if (new Set(rows.map((row) => `${row.run_id}\u0000${row.step_id}`)).size < rows.length) return oneByOne(statement, trx, rows);
      const order = rows.map((_, i) => i).sort((a, b) => compareKeys(rows[a] as CheckpointRow, rows[b] as CheckpointRow));
      const parameters: unknown[][] = [...CHECKPOINT_COLUMNS, ['workerId']].map(() => new Array<unknown>(rows.length));
      order.forEach((index, k) => {
        const row = rows[index] as CheckpointRow;
        CHECKPOINT_COLUMNS.forEach(([name], c) => ((parameters[c] as unknown[])[k] = row[name]));
        (parameters[CHECKPOINT_COLUMNS.length] as unknown[])[k] = row.workerId;
      });
      const written = await trx.executeQuery(CompiledQuery.raw(text, parameters) as CompiledQuery<{ run_id: string; step_id: string }>);
      const keys = new Set(written.rows.map((r) => `${r.run_id}\u0000${r.step_id}`));
      return rows.map((row) => keys.has(`${row.run_id}\u0000${row.step_id}`));
    },
  };
  return statement;
}

const FINISH_COLUMNS: ReadonlyArray<readonly [keyof FinishRow & string, ColumnType]> = [
  ['runId', 'text'],
  ['workerId', 'text'],
  ['status', 'text'],
  ['output', 'text'],
  ['error', 'text'],
  ['completedAt', 'bigint'],
  ['costUsd', 'double precision'],
  ['costTokens', 'bigint'],
];

/**
 * Runs finished in a group transaction: on PostgreSQL one fenced UPDATE for all of them (in id
 * order), answering each run's row if it finished it (undefined when its lease was lost);
 * elsewhere the one-row statement per run.
 */
export function groupedFinishes(
  dialect: StoreDialect,
  single: PreparedQuery<FinishRow, FinishedRun>,
): GroupedStatement<FinishRow, FinishedRun | undefined> {
  const arrayRows = dialect.arrayRows;
  if (arrayRows === null) {
    return {
      perRow: true,
      async execute(trx, rows) {
        const out: Array<FinishedRun | undefined> = [];
        for (const row of rows) out.push((await single.execute(trx, row)).rows[0]);
        return out;
      },
    };
  }
  const text = registerHotStatement(
    `update runs set status = v.status, output = v.output, error = v.error, completed_at = v.completed_at, updated_at = v.completed_at,` +
      ` due_at = null, lease_owner = null, lease_expires_at = null, cost_usd = v.cost_usd, cost_tokens = v.cost_tokens from ${arrayRows(
        'v',
        FINISH_COLUMNS.map(([name, type]) => [snake(name), type] as const),
        1,
      )} where runs.id = v.run_id and runs.lease_owner = v.worker_id and runs.status = 'running'` +
      ` returning runs.id, runs.parent_run_id, runs.trigger, runs.batch_id`,
  );
  const statement: GroupedStatement<FinishRow, FinishedRun | undefined> = {
    async execute(trx: Transaction<Database>, rows) {
      if (new Set(rows.map((row) => row.runId)).size < rows.length) return oneByOne(statement, trx, rows);
      const sorted = [...rows].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
      const parameters = FINISH_COLUMNS.map(([name]) => sorted.map((row) => row[name]));
      const finished = await trx.executeQuery(CompiledQuery.raw(text, parameters) as CompiledQuery<FinishedRun & { id: string }>);
      const byId = new Map(finished.rows.map((r) => [r.id, r]));
      return rows.map((row) => byId.get(row.runId));
    },
  };
  return statement;
}

async function oneByOne<Row, Result>(
  statement: GroupedStatement<Row, Result>,
  trx: Transaction<Database>,
  rows: readonly Row[],
): Promise<Result[]> {
  const out: Result[] = [];
  for (const row of rows) out.push(...(await statement.execute(trx, [row])));
  return out;
}

function compareKeys(a: CheckpointRow, b: CheckpointRow): number {
  if (a.run_id !== b.run_id) return a.run_id < b.run_id ? -1 : 1;
  return a.step_id < b.step_id ? -1 : a.step_id > b.step_id ? 1 : 0;
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Reads of runs' step records asked for in the same turn of the event loop (the runs of one claim
 * starting) go to the database as one statement, each caller getting its own run's rows. A read
 * is only delayed to the next turn, so it sees at least what was committed when it was asked.
 */
export class StepReads {
  private pending = new Map<string, Array<{ resolve(rows: StepRunsTable[]): void; reject(error: unknown): void }>>();
  private readonly text: string;

  constructor(
    private readonly db: Db,
    arrayRows: NonNullable<StoreDialect['arrayRows']>,
  ) {
    this.text = registerHotStatement(
      `select step_runs.* from step_runs where step_runs.run_id in (select v.run_id from ${arrayRows('v', [['run_id', 'text']], 1)})`,
    );
  }

  load(runId: string): Promise<StepRunsTable[]> {
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => void this.read());
      const waiting = this.pending.get(runId);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(runId, [{ resolve, reject }]);
    });
  }

  private async read(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const { rows } = await this.db.executeQuery(CompiledQuery.raw(this.text, [[...batch.keys()]]) as CompiledQuery<StepRunsTable>);
      const byRun = new Map<string, StepRunsTable[]>();
      for (const row of rows) {
        const list = byRun.get(row.run_id);
        if (list) list.push(row);
        else byRun.set(row.run_id, [row]);
      }
      for (const [runId, waiting] of batch) for (const w of waiting) w.resolve(byRun.get(runId) ?? []);
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  }
}
