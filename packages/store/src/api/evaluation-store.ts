import type { EvaluationStatus, RunError, RunStatus } from '@assay/schema';
import type { Selectable } from 'kysely';
import type { Db, EvaluationRowsTable, EvaluationsTable } from '../database';
import { fromJson } from '../codec';
import type { EventLog } from '../events/event-log';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

export interface EvaluationRecord {
  id: string;
  workspaceId: string;
  workflowId: string;
  name: string;
  status: EvaluationStatus;
  /** What was asked (versions, mapping, expected, scorers, concurrency, budget), as the service stored it. */
  spec: Record<string, unknown>;
  /** Each version's batch: `{ "3": "<batch id>" }`. */
  batches: Record<string, string>;
  rowCount: number;
  error: string | null;
  createdAt: number;
  completedAt: number | null;
}

export interface EvaluationRowRecord {
  index: number;
  input: Record<string, unknown>;
  expected: Record<string, unknown>;
  /** Each version's run: `{ "3": "<run id>" }`. */
  runIds: Record<string, string>;
  /** Each version's outcome and scores, once scored. */
  results: unknown[] | null;
  passed: boolean | null;
}

/** A finished run as scoring reads it. */
export interface FinishedRun {
  id: string;
  status: RunStatus;
  output: unknown;
  error: RunError | null;
  startedAt: number | null;
  completedAt: number | null;
  cost: { usd: number; tokens: number };
}

const TERMINAL = ['completed', 'failed', 'cancelled'];
/** Rows per multi-row insert (6 parameters each). */
const INSERT_CHUNK = 500;

function toRecord(row: Selectable<EvaluationsTable>): EvaluationRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    workflowId: row.workflow_id,
    name: row.name,
    status: row.status as EvaluationStatus,
    spec: fromJson<Record<string, unknown>>(row.spec) ?? {},
    batches: fromJson<Record<string, string>>(row.batches) ?? {},
    rowCount: Number(row.row_count),
    error: row.error,
    createdAt: Number(row.created_at),
    completedAt: row.completed_at === null ? null : Number(row.completed_at),
  };
}

function toRow(row: Selectable<EvaluationRowsTable>): EvaluationRowRecord {
  return {
    index: Number(row.row_index),
    input: fromJson<Record<string, unknown>>(row.input) ?? {},
    expected: fromJson<Record<string, unknown>>(row.expected) ?? {},
    runIds: fromJson<Record<string, string>>(row.run_ids) ?? {},
    results: fromJson<unknown[]>(row.results),
    passed: row.passed === null ? null : Number(row.passed) === 1,
  };
}

/**
 * Evaluations and their rows. Rows are scored once every version's run of the row finished, each by
 * one worker (a row is claimed for a while; a claim that lapses, because its worker died, is taken
 * again). Once every row is scored the evaluation completes and records `evaluation.completed`.
 */
export class EvaluationStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly events: EventLog,
  ) {}

  /** Records an evaluation whose batches exist, with its rows (each knowing its runs). */
  create(input: {
    workspaceId: string;
    workflowId: string;
    name: string;
    spec: Record<string, unknown>;
    batches: Record<string, string>;
    rows: Array<{ input: Record<string, unknown>; expected: Record<string, unknown>; runIds: Record<string, string> }>;
  }): Promise<EvaluationRecord> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const row: Selectable<EvaluationsTable> = {
        id: newId(now),
        workspace_id: input.workspaceId,
        workflow_id: input.workflowId,
        name: input.name,
        status: 'running',
        spec: JSON.stringify(input.spec),
        batches: JSON.stringify(input.batches),
        row_count: input.rows.length,
        error: null,
        created_at: now,
        completed_at: null,
      };
      await trx.insertInto('evaluations').values(row).execute();
      for (let from = 0; from < input.rows.length; from += INSERT_CHUNK) {
        const chunk = input.rows.slice(from, from + INSERT_CHUNK).map((r, i) => ({
          evaluation_id: row.id,
          row_index: from + i,
          input: JSON.stringify(r.input),
          expected: JSON.stringify(r.expected),
          run_ids: JSON.stringify(r.runIds),
          results: null,
          passed: null,
          claimed_until: null,
        }));
        await trx.insertInto('evaluation_rows').values(chunk).execute();
      }
      return toRecord(row);
    });
  }

  async get(workspaceId: string, id: string): Promise<EvaluationRecord | null> {
    const row = await this.db
      .selectFrom('evaluations')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(
    workspaceId: string,
    filter: { workflowId?: string; status?: EvaluationStatus; limit: number; lt?: string; gt?: string; direction: 'asc' | 'desc' },
  ): Promise<EvaluationRecord[]> {
    let query = this.db.selectFrom('evaluations').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.lt) query = query.where('id', '<', filter.lt);
    if (filter.gt) query = query.where('id', '>', filter.gt);
    return (await query.orderBy('id', filter.direction).limit(filter.limit).execute()).map(toRecord);
  }

  /** Evaluations still running, in every workspace (what the scoring workers look at). */
  async running(limit: number): Promise<EvaluationRecord[]> {
    return (await this.db.selectFrom('evaluations').selectAll().where('status', '=', 'running').orderBy('id').limit(limit).execute()).map(
      toRecord,
    );
  }

  /** Rows in index order after `after`; `failing`: only scored rows that did not pass. */
  async rows(evaluationId: string, page: { after: number; limit: number; failing?: boolean }): Promise<EvaluationRowRecord[]> {
    let query = this.db
      .selectFrom('evaluation_rows')
      .selectAll()
      .where('evaluation_id', '=', evaluationId)
      .where('row_index', '>', page.after);
    if (page.failing) query = query.where('passed', '=', 0);
    return (await query.orderBy('row_index').limit(page.limit).execute()).map(toRow);
  }

  /** Rows not yet scored and not held by a worker now, in index order. */
  async unscored(evaluationId: string, now: number, limit: number): Promise<EvaluationRowRecord[]> {
    const rows = await this.db
      .selectFrom('evaluation_rows')
      .selectAll()
      .where('evaluation_id', '=', evaluationId)
      .where('results', 'is', null)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('row_index')
      .limit(limit)
      .execute();
    return rows.map(toRow);
  }

  /** Takes a row for scoring until `until`; false when another worker holds it or it was scored. */
  claim(evaluationId: string, index: number, now: number, until: number): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const claimed = await trx
        .updateTable('evaluation_rows')
        .set({ claimed_until: until })
        .where('evaluation_id', '=', evaluationId)
        .where('row_index', '=', index)
        .where('results', 'is', null)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    });
  }

  /** Hands a claimed row back unscored (its runs have not all finished). */
  release(evaluationId: string, index: number): Promise<void> {
    return this.writes.write(async (trx) => {
      await trx
        .updateTable('evaluation_rows')
        .set({ claimed_until: null })
        .where('evaluation_id', '=', evaluationId)
        .where('row_index', '=', index)
        .execute();
    });
  }

  /** The runs among `ids` that finished. */
  async finishedRuns(ids: readonly string[]): Promise<FinishedRun[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('runs')
      .select(['id', 'status', 'output', 'error', 'started_at', 'completed_at', 'cost_usd', 'cost_tokens'])
      .where('id', 'in', ids)
      .where('status', 'in', TERMINAL)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      status: r.status as RunStatus,
      output: fromJson(r.output),
      error: fromJson<RunError>(r.error),
      startedAt: r.started_at === null ? null : Number(r.started_at),
      completedAt: r.completed_at === null ? null : Number(r.completed_at),
      cost: { usd: Number(r.cost_usd), tokens: Number(r.cost_tokens) },
    }));
  }

  /** Saves a row's scores (once: a row already scored keeps its first scores). */
  score(evaluationId: string, index: number, results: unknown[], passed: boolean): Promise<void> {
    return this.writes.write(async (trx) => {
      await trx
        .updateTable('evaluation_rows')
        .set({ results: JSON.stringify(results), passed: passed ? 1 : 0, claimed_until: null })
        .where('evaluation_id', '=', evaluationId)
        .where('row_index', '=', index)
        .where('results', 'is', null)
        .execute();
    });
  }

  /** How many rows are not scored yet. */
  async unscoredCount(evaluationId: string): Promise<number> {
    const row = await this.db
      .selectFrom('evaluation_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('evaluation_id', '=', evaluationId)
      .where('results', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Completes the evaluation when every row is scored, recording `evaluation.completed` with
   * `summary` (computed by the caller from the committed rows, before: nothing is read inside the
   * write); true when this call completed it. Any worker may call it: the status check lets exactly
   * one succeed.
   */
  complete(evaluation: EvaluationRecord, summary: Record<string, unknown>): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const left = await trx
        .selectFrom('evaluation_rows')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('evaluation_id', '=', evaluation.id)
        .where('results', 'is', null)
        .executeTakeFirstOrThrow();
      if (Number(left.n) > 0) return false;
      return this.end(trx, evaluation, 'completed', null, summary);
    });
  }

  /** Ends a running evaluation (`failed` with the reason, or `cancelled`); false if it had already ended. */
  finish(evaluation: EvaluationRecord, status: 'failed' | 'cancelled', error: string | null): Promise<boolean> {
    return this.writes.write((trx) => this.end(trx, evaluation, status, error, {}));
  }

  private async end(
    trx: Parameters<Parameters<WriteBatcher['write']>[0]>[0],
    evaluation: EvaluationRecord,
    status: EvaluationStatus,
    error: string | null,
    summary: Record<string, unknown>,
  ): Promise<boolean> {
    const now = Date.now();
    const ended = await trx
      .updateTable('evaluations')
      .set({ status, error, completed_at: now })
      .where('id', '=', evaluation.id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) === 0) return false;
    if (status === 'completed')
      await this.events.append(
        trx,
        [
          {
            workspaceId: evaluation.workspaceId,
            type: 'evaluation.completed',
            workflowId: evaluation.workflowId,
            data: { evaluationId: evaluation.id, name: evaluation.name, ...summary },
          },
        ],
        now,
      );
    return true;
  }

  /** Every row's scores (for the summary of a finished evaluation and the results download), in index order. */
  async *allRows(evaluationId: string): AsyncGenerator<EvaluationRowRecord> {
    for (let after = -1; ;) {
      const page = await this.rows(evaluationId, { after, limit: 1000 });
      yield* page;
      if (page.length < 1000) return;
      after = page[page.length - 1]!.index;
    }
  }
}
