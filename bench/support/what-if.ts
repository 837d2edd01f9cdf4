import { CompiledQuery, type Transaction } from 'kysely';
import type { ClaimedRun, StepRecord } from '@assay/engine';
import type { Database, Store, WriteBatcher } from '@assay/store';
import { CHECKPOINT, CLAIM, COMPLETE, LOAD_STEPS } from './sql';

/**
 * Diagnostic "what if" patches, applied only when BENCH_WHATIF names them (bench/what-if.ts sets
 * it; `npm run bench` never does). Nothing in the engine or store changes: objects of this process
 * are wrapped to estimate what a fix would buy.
 *
 *  - `coalesce-start`: the "step started" checkpoint resolves at once for the engine, so the step's
 *    result write is queued while the start write is still in the WriteBatcher and the two coalesce
 *    under their shared key, as if run-executor.ts `launch` did not `await startWrite` before
 *    `settle` (the batcher's per-key coalescing and FIFO commits already keep the two in order).
 *  - `precompiled-sql`: the engine's hot path (claimRuns, loadStepRecords, recordStep, finishRun of
 *    a completed run) runs fixed SQL text through the same WriteBatcher transactions, skipping
 *    Kysely's query building and compilation (what a hand-written SQLite RunQueue would cost).
 */
export function whatIfs(): Set<string> {
  return new Set((process.env.BENCH_WHATIF ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

export function applyStoreWhatIfs(store: Store): void {
  const active = whatIfs();
  if (active.has('precompiled-sql')) precompiledSql(store);
  if (active.has('coalesce-start')) {
    const queue = store.queue;
    const recordStep = queue.recordStep.bind(queue);
    queue.recordStep = (lease, record) => {
      const write = recordStep(lease, record);
      if (record.status !== 'running' || record.wakeAt !== null) return write;
      write.catch(() => undefined);
      return Promise.resolve(true);
    };
  }
}

function precompiledSql(store: Store): void {
  const queue = store.queue;
  const writes = (queue as unknown as { writes: WriteBatcher }).writes;
  const run = <R>(trx: Transaction<Database>, sql: string, params: unknown[]) => trx.executeQuery<R>(CompiledQuery.raw(sql, params));
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const parse = (v: string | null) => (v === null ? null : JSON.parse(v));

  queue.claimRuns = ({ workerId, limit, now, leaseMs }) =>
    writes.write(async (trx) => {
      const { rows } = await run<{ id: string; workspace_id: string; workflow_id: string; workflow_version: number; input: string; created_at: number; started_at: number | null }>(trx, CLAIM, [
        workerId,
        now + leaseMs,
        now,
        now,
        now,
        limit,
      ]);
      return rows.map((row): ClaimedRun => ({ id: row.id, workspaceId: row.workspace_id, workflowId: row.workflow_id, workflowVersion: Number(row.workflow_version), input: parse(row.input) ?? {}, createdAt: Number(row.created_at), startedAt: Number(row.started_at ?? now) }));
    });

  queue.loadStepRecords = async (runId) => {
    const { rows } = await store.db.executeQuery<Record<string, never>>(CompiledQuery.raw(LOAD_STEPS, [runId]));
    return rows.map((row: Record<string, any>): StepRecord => ({
      stepId: row.step_id,
      type: row.type,
      status: row.status,
      attempts: Number(row.attempts),
      startedAt: row.started_at === null ? null : Number(row.started_at),
      completedAt: row.completed_at === null ? null : Number(row.completed_at),
      config: parse(row.config),
      output: parse(row.output),
      error: parse(row.error),
      usage: parse(row.usage),
      wakeAt: row.wake_at === null ? null : Number(row.wake_at),
    }));
  };

  queue.recordStep = (lease, r) => {
    const params = [lease.runId, r.stepId, r.type, r.status, r.attempts, json(r.config), json(r.output), json(r.error), json(r.usage), r.wakeAt, r.startedAt, r.completedAt, lease.runId, lease.workerId];
    return writes.write(async (trx) => Number((await run(trx, CHECKPOINT, params)).numAffectedRows ?? 0) > 0, `${lease.runId}/${r.stepId}`);
  };

  const finishRun = queue.finishRun.bind(queue);
  queue.finishRun = (lease, result) => {
    if (result.status !== 'completed') return finishRun(lease, result);
    const params = [json(result.output), result.completedAt, result.completedAt, lease.runId, lease.workerId];
    return writes.write(async (trx) => Number((await run(trx, COMPLETE, params)).numAffectedRows ?? 0) > 0);
  };
}
