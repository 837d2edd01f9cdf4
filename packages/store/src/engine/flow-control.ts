import type { Transaction } from 'kysely';
import type { Database, RunsTable } from '../database';
import type { StoreDialect } from '../dialect/dialect';

/** Concurrency limits enforced by claims, across every process on the database. */
export interface ConcurrencyLimits {
  /** Runs of one workspace executing at once (0: no limit). */
  perWorkspace: number;
}

/** The columns a claim answers with: what the engine needs to execute the run. */
export const CLAIMED_COLUMNS = [
  'id',
  'workspace_id',
  'workflow_id',
  'workflow_version',
  'input',
  'created_at',
  'started_at',
  'batch_id',
  'cache_bypass',
  'budget_usd',
  'budget_tokens',
  'cost_usd',
  'cost_tokens',
  'trigger_request',
  'replay_of',
  'draft',
] as const;

export type ClaimedRow = Pick<RunsTable, (typeof CLAIMED_COLUMNS)[number]>;

/** Workflows' own limits are re-read this often (another process may have saved a definition). */
const WORKFLOW_LIMITS_TTL_MS = 2000;
/** How many due runs a limited claim looks at per run it may take. */
const CANDIDATES_PER_SLOT = 4;
/** The advisory lock that serializes limited claims on PostgreSQL ("ASCL"). */
const CLAIM_LOCK = 0x4153434c;

/**
 * Claims that honour per-workspace and per-workflow concurrency limits. Without any limit in force
 * the run queue uses its single prepared claim statement; with one, a claim counts the running runs
 * per workspace and workflow (an index holds only running runs: at most the cluster's worker slots),
 * leaves out the workspaces and workflows already at their limit, and takes due runs in priority
 * order within what each may still start. On PostgreSQL such claims take a transaction-scoped lock,
 * so two processes cannot both see the same free slot.
 */
export class FlowControl {
  private workflowLimits: { at: number; limits: Map<string, number> } = { at: -Infinity, limits: new Map() };

  constructor(
    private readonly limits: ConcurrencyLimits,
    private readonly dialect: StoreDialect,
  ) {}

  /** A workflow's limit changed in this process: read the limits again at the next claim. */
  invalidate(): void {
    this.workflowLimits.at = -Infinity;
  }

  /** Whether any limit is in force now (else the plain claim applies). */
  async active(trx: Transaction<Database>, now: number): Promise<boolean> {
    if (this.limits.perWorkspace > 0) return true;
    return (await this.limitsOfWorkflows(trx, now)).size > 0;
  }

  async claim(
    trx: Transaction<Database>,
    options: { workerId: string; limit: number; now: number; leaseMs: number },
  ): Promise<ClaimedRow[]> {
    const { now, limit } = options;
    await this.dialect.lockTransaction(trx, CLAIM_LOCK);
    const workflowLimits = await this.limitsOfWorkflows(trx, now);
    const running = await trx
      .selectFrom('runs')
      .select(['workspace_id', 'workflow_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'running')
      .groupBy(['workspace_id', 'workflow_id'])
      .execute();
    const byWorkspace = new Map<string, number>();
    const byWorkflow = new Map<string, number>();
    for (const row of running) {
      byWorkspace.set(row.workspace_id, (byWorkspace.get(row.workspace_id) ?? 0) + Number(row.n));
      byWorkflow.set(row.workflow_id, (byWorkflow.get(row.workflow_id) ?? 0) + Number(row.n));
    }
    const perWorkspace = this.limits.perWorkspace;
    const fullWorkspaces = perWorkspace > 0 ? [...byWorkspace].filter(([, n]) => n >= perWorkspace).map(([id]) => id) : [];
    const fullWorkflows = [...workflowLimits].filter(([id, max]) => (byWorkflow.get(id) ?? 0) >= max).map(([id]) => id);

    let candidates = trx.selectFrom('runs').select(['id', 'workspace_id', 'workflow_id']).where('due_at', '<=', now);
    if (fullWorkspaces.length > 0) candidates = candidates.where('workspace_id', 'not in', fullWorkspaces);
    if (fullWorkflows.length > 0) candidates = candidates.where('workflow_id', 'not in', fullWorkflows);
    const due = await this.dialect
      .skipLocked(
        candidates
          .orderBy('priority', 'desc')
          .orderBy('due_at')
          .orderBy('id')
          .limit(limit * CANDIDATES_PER_SLOT),
      )
      .execute();

    const picked: string[] = [];
    for (const run of due) {
      if (picked.length >= limit) break;
      const inWorkspace = byWorkspace.get(run.workspace_id) ?? 0;
      const inWorkflow = byWorkflow.get(run.workflow_id) ?? 0;
      if (perWorkspace > 0 && inWorkspace >= perWorkspace) continue;
      const workflowMax = workflowLimits.get(run.workflow_id);
      if (workflowMax !== undefined && inWorkflow >= workflowMax) continue;
      byWorkspace.set(run.workspace_id, inWorkspace + 1);
      byWorkflow.set(run.workflow_id, inWorkflow + 1);
      picked.push(run.id);
    }
    if (picked.length === 0) return [];
    return trx
      .updateTable('runs')
      .set((eb) => ({
        status: 'running',
        due_at: null,
        lease_owner: options.workerId,
        lease_expires_at: now + options.leaseMs,
        started_at: eb.fn.coalesce('started_at', eb.val(now)),
        updated_at: now,
        wait_reason: null,
      }))
      .where('id', 'in', picked)
      .where('due_at', 'is not', null)
      .returning([...CLAIMED_COLUMNS])
      .execute();
  }

  private async limitsOfWorkflows(trx: Transaction<Database>, now: number): Promise<Map<string, number>> {
    if (now - this.workflowLimits.at < WORKFLOW_LIMITS_TTL_MS) return this.workflowLimits.limits;
    const rows = await trx.selectFrom('workflows').select(['id', 'max_concurrency']).where('max_concurrency', 'is not', null).execute();
    this.workflowLimits = { at: now, limits: new Map(rows.map((row) => [row.id, Number(row.max_concurrency)])) };
    return this.workflowLimits.limits;
  }
}
