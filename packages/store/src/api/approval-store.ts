import type { ApprovalAsk, ApprovalStatus, DecisionRecord, NewApproval } from '@assay/schema';
import type { Selectable } from 'kysely';
import type { ApprovalsTable, ApprovalLinksTable, Db } from '../database';
import { fromJson } from '../codec';
import { wakeRun } from '../engine/run-queue';
import type { EventLog } from '../events/event-log';
import { newId } from '../ids';
import type { WriteBatcher } from '../write-batcher';

export interface ApprovalRecord {
  id: string;
  workspaceId: string;
  runId: string;
  stepId: string;
  workflowId: string;
  status: ApprovalStatus;
  request: ApprovalAsk;
  timeoutAt: number;
  decision: DecisionRecord | null;
  createdAt: number;
  decidedAt: number | null;
}

export interface ApprovalLinkRecord {
  id: string;
  approvalId: string;
  runId: string;
  recipient: string;
  expiresAt: number;
  usedAt: number | null;
  createdAt: number;
}

export interface ApprovalFilter {
  status?: ApprovalStatus;
  workflowId?: string;
  runId?: string;
  limit: number;
  lt?: string;
  gt?: string;
  direction: 'asc' | 'desc';
}

/** How a decision went: made, or refused because another came first or the link is spent. */
export type DecideOutcome = 'decided' | 'already_decided' | 'link_unusable';

function toRecord(row: Selectable<ApprovalsTable>): ApprovalRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    runId: row.run_id,
    stepId: row.step_id,
    workflowId: row.workflow_id,
    status: row.status as ApprovalStatus,
    request: fromJson<ApprovalAsk>(row.request) as ApprovalAsk,
    timeoutAt: Number(row.timeout_at),
    decision: fromJson<DecisionRecord>(row.decision),
    createdAt: Number(row.created_at),
    decidedAt: row.decided_at === null ? null : Number(row.decided_at),
  };
}

function toLink(row: Selectable<ApprovalLinksTable>): ApprovalLinkRecord {
  return {
    id: row.id,
    approvalId: row.approval_id,
    runId: row.run_id,
    recipient: row.recipient,
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
    createdAt: Number(row.created_at),
  };
}

/**
 * Approvals: a run's `approval` step requests one (once per run and step; `approval.requested` in
 * the same transaction), a person, a link's holder or the timeout decides it once (`approval.decided`,
 * and the run is woken to read it), and signed links are recorded so each is used at most once.
 */
export class ApprovalStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly events: EventLog,
  ) {}

  /**
   * Records the step's request, or returns the one it made before (a resumed or re-executed step).
   * `reopen`: a new attempt of the step (a retried run) reopens an approval that timed out as a failure.
   */
  request(input: NewApproval): Promise<{ approval: ApprovalRecord; created: boolean }> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const existing = await trx
        .selectFrom('approvals')
        .selectAll()
        .where('run_id', '=', input.runId)
        .where('step_id', '=', input.stepId)
        .executeTakeFirst();
      let created = false;
      if (!existing) {
        await trx
          .insertInto('approvals')
          .values({
            id: newId(now),
            workspace_id: input.workspaceId,
            run_id: input.runId,
            step_id: input.stepId,
            workflow_id: input.workflowId,
            status: 'pending',
            request: JSON.stringify(input.request),
            timeout_at: input.timeoutAt,
            decision: null,
            created_at: now,
            decided_at: null,
          })
          .execute();
        created = true;
      } else if (input.reopen && existing.status === 'expired') {
        await trx
          .updateTable('approvals')
          .set({ status: 'pending', request: JSON.stringify(input.request), timeout_at: input.timeoutAt, decision: null, decided_at: null })
          .where('id', '=', existing.id)
          .execute();
        created = true;
      }
      const row = await trx
        .selectFrom('approvals')
        .selectAll()
        .where('run_id', '=', input.runId)
        .where('step_id', '=', input.stepId)
        .executeTakeFirstOrThrow();
      const approval = toRecord(row);
      if (created) {
        const { title, reviewers, onTimeout } = input.request;
        await this.events.appendForRun(
          trx,
          {
            runId: input.runId,
            stepId: input.stepId,
            type: 'approval.requested',
            data: {
              approvalId: approval.id,
              stepId: input.stepId,
              title,
              reviewers,
              onTimeout,
              timeoutAt: new Date(input.timeoutAt).toISOString(),
            },
          },
          now,
        );
      }
      return { approval, created };
    });
  }

  async get(runId: string, stepId: string): Promise<ApprovalRecord | null> {
    const row = await this.db
      .selectFrom('approvals')
      .selectAll()
      .where('run_id', '=', runId)
      .where('step_id', '=', stepId)
      .executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async byId(id: string): Promise<ApprovalRecord | null> {
    const row = await this.db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRecord(row) : null;
  }

  async list(workspaceId: string, filter: ApprovalFilter): Promise<ApprovalRecord[]> {
    let query = this.db.selectFrom('approvals').selectAll().where('workspace_id', '=', workspaceId);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.workflowId) query = query.where('workflow_id', '=', filter.workflowId);
    if (filter.runId) query = query.where('run_id', '=', filter.runId);
    if (filter.lt) query = query.where('id', '<', filter.lt);
    if (filter.gt) query = query.where('id', '>', filter.gt);
    return (await query.orderBy('id', filter.direction).limit(filter.limit).execute()).map(toRecord);
  }

  /**
   * Decides a pending approval: one decision wins (a second gets `already_decided`). Through a link,
   * the link must be unused and unexpired at `now`, and is used up by it. Records `approval.decided`
   * and wakes the run, whose step then outputs the decision.
   */
  decide(input: {
    approval: ApprovalRecord;
    status: ApprovalStatus;
    decision: DecisionRecord;
    linkId?: string;
    now: number;
  }): Promise<DecideOutcome> {
    const { approval, now } = input;
    return this.writes.write(async (trx) => {
      if (input.linkId !== undefined) {
        const link = await trx
          .selectFrom('approval_links')
          .select(['used_at', 'expires_at'])
          .where('id', '=', input.linkId)
          .executeTakeFirst();
        if (!link || link.used_at !== null || Number(link.expires_at) <= now) return 'link_unusable';
      }
      const updated = await trx
        .updateTable('approvals')
        .set({ status: input.status, decision: JSON.stringify(input.decision), decided_at: now })
        .where('id', '=', approval.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return 'already_decided';
      if (input.linkId !== undefined)
        await trx.updateTable('approval_links').set({ used_at: now }).where('id', '=', input.linkId).execute();
      const { approved, comment, value, by, edited } = input.decision;
      await this.events.appendForRun(
        trx,
        {
          runId: approval.runId,
          stepId: approval.stepId,
          type: 'approval.decided',
          data: { approvalId: approval.id, stepId: approval.stepId, status: input.status, approved, comment, value, by, edited },
        },
        now,
      );
      await wakeRun(trx, approval.runId, now);
      return 'decided';
    });
  }

  /** Records a link (its token is signed by the caller; only its id, recipient and expiry are kept). */
  createLink(input: { approvalId: string; runId: string; recipient: string; expiresAt: number }): Promise<ApprovalLinkRecord> {
    return this.writes.write(async (trx) => {
      const now = Date.now();
      const row = {
        id: newId(now),
        approval_id: input.approvalId,
        run_id: input.runId,
        recipient: input.recipient,
        expires_at: input.expiresAt,
        used_at: null,
        created_at: now,
      };
      await trx.insertInto('approval_links').values(row).execute();
      return toLink(row);
    });
  }

  async link(id: string): Promise<ApprovalLinkRecord | null> {
    const row = await this.db.selectFrom('approval_links').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toLink(row) : null;
  }
}
