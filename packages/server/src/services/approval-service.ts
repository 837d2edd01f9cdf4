import { isDeepStrictEqual } from 'node:util';
import {
  AssayError,
  DEFAULT_APPROVAL_LINK_SECONDS,
  ID_PATTERN,
  SCOPE_RANK,
  type Approval,
  type ApprovalLink,
  type ApprovalListQuery,
  type CreateApprovalLinkBody,
  type DecideApprovalBody,
  type DecisionRecord,
  type KeyScope,
  type LinkedApproval,
  type UserRole,
} from '@assay/schema';
import { checkAgainstSchema, type ApprovalDesk } from '@assay/steps';
import type { ApprovalLinkRecord, ApprovalRecord, Store } from '@assay/store';
import type { Principal } from '../http/app-env';
import { audit } from './audit';
import type { SecretBox } from './secret-box';

/** What signed link tokens are signed for (a signature for anything else never verifies). */
const LINK_PURPOSE = 'approval-link';

/** The role a caller counts as for `reviewers.roles`: a user's own; a key's by its scope (`run` keys have none). */
const ROLE_OF_SCOPE: Record<KeyScope, UserRole | null> = { read: 'viewer', run: null, edit: 'editor', admin: 'admin' };

/** Pages of `mine=true` are filtered after reading: at most this many approvals are looked at per page. */
const MINE_SCAN_LIMIT = 2000;

/**
 * Approvals: what runs' `approval` steps ask of people (`ApprovalDesk`, used by the step in the
 * worker) and how people answer (the API, the Inbox, signed single-use links). A decision is made
 * once, checked against the step's reviewers and schema, recorded in the audit log and as
 * `approval.decided`, and wakes the run.
 */
export class ApprovalService implements ApprovalDesk {
  private publicBase: string | null;

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox,
    options: { publicUrl: string | null; wake: () => void },
  ) {
    this.publicBase = options.publicUrl?.replace(/\/$/, '') ?? null;
    this.wake = options.wake;
  }

  private readonly wake: () => void;

  /** Where links emailed by steps point when ASSAY_PUBLIC_URL is unset: the address this process serves on. */
  servedAt(url: string): void {
    this.publicBase ??= url.replace(/\/$/, '');
  }

  // --- for the step ---

  request(input: Parameters<ApprovalDesk['request']>[0]): ReturnType<ApprovalDesk['request']> {
    return this.store.approvals.request(input);
  }

  async timeOut(runId: string, stepId: string, status: 'approved' | 'rejected' | 'expired', decision: DecisionRecord) {
    const approval = await this.store.approvals.get(runId, stepId);
    if (!approval) throw new AssayError('internal', `the approval of step "${stepId}" is gone`);
    await this.store.approvals.decide({ approval, status, decision, now: Date.now() });
    return (await this.store.approvals.get(runId, stepId)) as ApprovalRecord;
  }

  async mintLink(approvalId: string, runId: string, recipient: string, expiresAt: number): Promise<string> {
    if (this.publicBase === null)
      throw new AssayError('invalid_input', 'approval links need the address people open them at: set ASSAY_PUBLIC_URL', {
        details: [{ path: 'notify', message: 'set ASSAY_PUBLIC_URL' }],
      });
    const link = await this.store.approvals.createLink({ approvalId, runId, recipient, expiresAt });
    return `${this.publicBase}/approve/${this.token(link)}`;
  }

  // --- for people ---

  async list(by: Principal, query: ApprovalListQuery): Promise<Approval[]> {
    const filter = {
      status: query.status,
      workflowId: query.workflowId,
      runId: query.runId,
      lt: query.lt,
      gt: query.gt,
      direction: query.direction,
    };
    const want = query.limit + 1;
    if (query.mine !== 'true') return this.present(by, await this.store.approvals.list(by.workspaceId, { ...filter, limit: want }));
    const mine: ApprovalRecord[] = [];
    let scanned = 0;
    let cursor = filter.direction === 'desc' ? filter.lt : filter.gt;
    while (mine.length < want && scanned < MINE_SCAN_LIMIT) {
      const page = await this.store.approvals.list(by.workspaceId, {
        ...filter,
        ...(filter.direction === 'desc' ? { lt: cursor } : { gt: cursor }),
        limit: 200,
      });
      scanned += page.length;
      mine.push(...page.filter((approval) => mayDecide(by, approval)));
      if (page.length < 200) break;
      cursor = page[page.length - 1]!.id;
    }
    return this.present(by, mine.slice(0, want));
  }

  async get(by: Principal, runId: string, stepId: string): Promise<Approval> {
    const [approval] = await this.present(by, [await this.find(by.workspaceId, runId, stepId)]);
    return approval!;
  }

  async decide(by: Principal, runId: string, stepId: string, body: DecideApprovalBody): Promise<Approval> {
    const approval = await this.find(by.workspaceId, runId, stepId);
    if (!mayDecide(by, approval))
      throw new AssayError('forbidden', `you may not decide this approval: it is for ${reviewersText(approval)}`);
    const decider = by.userId
      ? { type: 'user' as const, id: by.userId, name: by.actorName }
      : { type: 'key' as const, id: by.keyId, name: by.actorName };
    await this.record(approval, body, decider);
    await audit(this.store, by, 'approval.decided', { type: 'run', id: runId }, auditDetails(approval, body));
    return this.get(by, runId, stepId);
  }

  async createLink(by: Principal, runId: string, stepId: string, body: CreateApprovalLinkBody, baseUrl: string): Promise<ApprovalLink> {
    const approval = await this.find(by.workspaceId, runId, stepId);
    if (!mayDecide(by, approval))
      throw new AssayError('forbidden', `you may not hand out this approval: it is for ${reviewersText(approval)}`);
    assertOpen(approval, Date.now());
    const expiresAt = Math.min(approval.timeoutAt, Date.now() + (body.expiresInSeconds ?? DEFAULT_APPROVAL_LINK_SECONDS) * 1000);
    const link = await this.store.approvals.createLink({ approvalId: approval.id, runId, recipient: body.recipient, expiresAt });
    await audit(
      this.store,
      by,
      'approval.link_created',
      { type: 'run', id: runId },
      { stepId, recipient: body.recipient, linkId: link.id },
    );
    const token = this.token(link);
    return {
      id: link.id,
      recipient: link.recipient,
      url: `${baseUrl}/approve/${token}`,
      token,
      expiresAt: new Date(expiresAt).toISOString(),
    };
  }

  async byLink(token: string): Promise<LinkedApproval> {
    const { link, approval } = await this.openLink(token);
    return this.presentLinked(approval, link);
  }

  async decideByLink(token: string, body: DecideApprovalBody): Promise<LinkedApproval> {
    const { link, approval } = await this.openLink(token);
    if (link.usedAt !== null) throw new AssayError('conflict', 'this link was already used: it decides once');
    if (link.expiresAt <= Date.now())
      throw new AssayError('invalid_state', `this link expired at ${new Date(link.expiresAt).toISOString()}`);
    await this.record(approval, body, { type: 'link', id: link.id, name: link.recipient }, link.id);
    await this.store.audit.append({
      workspaceId: approval.workspaceId,
      actor: `link:${link.id}`,
      actorName: link.recipient,
      action: 'approval.decided',
      targetType: 'run',
      targetId: approval.runId,
      details: auditDetails(approval, body),
    });
    const decided = (await this.store.approvals.byId(approval.id)) as ApprovalRecord;
    return this.presentLinked(decided, { ...link, usedAt: Date.now() });
  }

  // --- the parts ---

  /** Checks and records a decision, then wakes the run (this process's workers at once; others by their poll or NOTIFY). */
  private async record(approval: ApprovalRecord, body: DecideApprovalBody, by: DecisionRecord['by'], linkId?: string): Promise<void> {
    const now = Date.now();
    assertOpen(approval, now);
    const draft = approval.request.value;
    const value = body.value === undefined ? draft : body.value;
    if (body.approved && approval.request.schema) {
      const problems = checkAgainstSchema(approval.request.schema, value);
      if (problems.length > 0)
        throw new AssayError('invalid_input', `value${problems[0]!.path.slice(1)}: ${problems[0]!.message}`, {
          details: problems.map((p) => ({ path: `value${p.path.slice(1)}`, message: p.message })),
        });
    }
    const decision: DecisionRecord = {
      approved: body.approved,
      comment: body.comment?.trim() ? body.comment : null,
      value,
      by,
      edited: body.value !== undefined && !isDeepStrictEqual(body.value, draft),
    };
    const outcome = await this.store.approvals.decide({ approval, status: body.approved ? 'approved' : 'rejected', decision, linkId, now });
    if (outcome === 'link_unusable') throw new AssayError('conflict', 'this link was already used or has expired');
    if (outcome === 'already_decided') {
      const current = await this.store.approvals.byId(approval.id);
      throw new AssayError('conflict', alreadyDecided(current ?? approval));
    }
    this.wake();
  }

  private async find(workspaceId: string, runId: string, stepId: string): Promise<ApprovalRecord> {
    const approval = await this.store.approvals.get(runId, stepId);
    // Another workspace's approval is "not found", exactly like one that does not exist.
    if (!approval || approval.workspaceId !== workspaceId)
      throw new AssayError('not_found', `run ${runId} has no approval at step "${stepId}" (yet: the run may not have reached it)`);
    return approval;
  }

  private token(link: ApprovalLinkRecord): string {
    const message = `${link.id}.${link.expiresAt.toString(36)}`;
    return `${message}.${this.box.sign(LINK_PURPOSE, message)}`;
  }

  /** The link a token names, if its signature holds (a forged or altered token is "not found"). */
  private async openLink(token: string): Promise<{ link: ApprovalLinkRecord; approval: ApprovalRecord }> {
    const notFound = new AssayError('not_found', 'this approval link is not valid (check that it was copied whole)');
    const [id, expiry, signature, ...rest] = token.split('.');
    if (!id || !expiry || !signature || rest.length > 0 || !ID_PATTERN.test(id)) throw notFound;
    if (!this.box.verifySignature(LINK_PURPOSE, `${id}.${expiry}`, signature)) throw notFound;
    const link = await this.store.approvals.link(id);
    if (!link || link.expiresAt.toString(36) !== expiry) throw notFound;
    const approval = await this.store.approvals.byId(link.approvalId);
    if (!approval) throw notFound;
    return { link, approval };
  }

  private async present(by: Principal, approvals: ApprovalRecord[]): Promise<Approval[]> {
    const names = await this.workflowNames(by.workspaceId, approvals);
    return approvals.map((approval) => ({
      ...presentRequest(approval, names.get(approval.workflowId) ?? ''),
      reviewers: approval.request.reviewers as Approval['reviewers'],
      canDecide: approval.status === 'pending' && mayDecide(by, approval),
    }));
  }

  private async presentLinked(approval: ApprovalRecord, link: ApprovalLinkRecord): Promise<LinkedApproval> {
    const names = await this.workflowNames(approval.workspaceId, [approval]);
    return {
      ...presentRequest(approval, names.get(approval.workflowId) ?? ''),
      recipient: link.recipient,
      linkExpiresAt: new Date(link.expiresAt).toISOString(),
    };
  }

  private async workflowNames(workspaceId: string, approvals: ApprovalRecord[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const id of new Set(approvals.map((a) => a.workflowId))) {
      const workflow = await this.store.workflows.get(workspaceId, id);
      names.set(id, workflow?.name ?? '');
    }
    return names;
  }
}

/** Whether the caller is among the approval's reviewers (anyone who may run workflows when it names none). */
export function mayDecide(by: Principal, approval: ApprovalRecord): boolean {
  const reviewers = approval.request.reviewers;
  const roles = reviewers?.roles ?? [];
  const users = reviewers?.users ?? [];
  if (roles.length === 0 && users.length === 0) return SCOPE_RANK[by.scope] >= SCOPE_RANK.run;
  const role = ROLE_OF_SCOPE[by.scope];
  if (role !== null && roles.includes(role)) return true;
  return by.userId !== null && users.some((email) => email.toLowerCase() === by.actorName.toLowerCase());
}

function reviewersText(approval: ApprovalRecord): string {
  const { roles = [], users = [] } = approval.request.reviewers ?? {};
  const parts = [...(roles.length > 0 ? [`the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`] : []), ...users];
  return parts.length > 0 ? parts.join(' or ') : 'members who may run workflows';
}

/** A decision is taken only while the approval is pending and before its timeout (which the step then applies). */
function assertOpen(approval: ApprovalRecord, now: number): void {
  if (approval.status !== 'pending') throw new AssayError('conflict', alreadyDecided(approval));
  if (now >= approval.timeoutAt)
    throw new AssayError(
      'invalid_state',
      `this approval timed out at ${new Date(approval.timeoutAt).toISOString()} (its default: ${approval.request.onTimeout})`,
    );
}

function alreadyDecided(approval: ApprovalRecord): string {
  const by = approval.decision?.by;
  const who = by ? (by.type === 'timeout' ? 'the timeout' : (by.name ?? by.type)) : 'someone';
  const when = approval.decidedAt === null ? '' : ` at ${new Date(approval.decidedAt).toISOString()}`;
  return `this approval was already decided (${approval.status} by ${who}${when})`;
}

function auditDetails(approval: ApprovalRecord, body: DecideApprovalBody): Record<string, unknown> {
  const edited = body.value !== undefined && !isDeepStrictEqual(body.value, approval.request.value);
  return {
    stepId: approval.stepId,
    approved: body.approved,
    comment: body.comment ?? null,
    edited,
    ...(edited && { draft: approval.request.value, value: body.value }),
  };
}

function presentRequest(approval: ApprovalRecord, workflowName: string): Omit<Approval, 'reviewers' | 'canDecide'> {
  const { request } = approval;
  return {
    id: approval.id,
    runId: approval.runId,
    stepId: approval.stepId,
    workflowId: approval.workflowId,
    workflowName,
    status: approval.status,
    title: request.title,
    instructions: request.instructions,
    show: request.show,
    value: request.value,
    schema: request.schema,
    onTimeout: request.onTimeout,
    timeoutAt: new Date(approval.timeoutAt).toISOString(),
    requestedAt: new Date(approval.createdAt).toISOString(),
    decision: approval.decision
      ? { ...approval.decision, decidedAt: new Date(approval.decidedAt ?? approval.createdAt).toISOString() }
      : null,
  };
}
