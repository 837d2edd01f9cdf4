import type { Approval, ApprovalLink, ApprovalStatus, CreateApprovalLinkBody, DecideApprovalBody, LinkedApproval } from '@assay/schema';
import { segment, type HttpClient } from './http';
import type { ListOptions, Page } from './page';

export interface ApprovalListOptions extends ListOptions {
  status?: ApprovalStatus;
  workflowId?: string;
  runId?: string;
  /** Only the approvals the caller may decide. */
  mine?: boolean;
}

/** What a decision carries besides approve or reject. */
export type DecisionOptions = Omit<DecideApprovalBody, 'approved'>;

/**
 * Approvals: runs waiting at an `approval` step for a person. List them (the Inbox), read one,
 * approve or reject it (optionally editing its value), or mint a signed single-use link for someone
 * without an account; the holder of a link decides through `byLink`.
 */
export class Approvals {
  constructor(private readonly http: HttpClient) {}

  list(query: ApprovalListOptions = {}): Promise<Page<Approval>> {
    const { mine, ...rest } = query;
    return this.http.request('GET', '/v1/approvals', { query: { ...rest, ...(mine !== undefined && { mine: String(mine) }) } });
  }

  async get(runId: string, stepId: string): Promise<Approval> {
    return (await this.http.request<{ data: Approval }>('GET', approvalPath(runId, stepId))).data;
  }

  async decide(runId: string, stepId: string, decision: DecideApprovalBody): Promise<Approval> {
    return (await this.http.request<{ data: Approval }>('POST', approvalPath(runId, stepId), { body: decision })).data;
  }

  approve(runId: string, stepId: string, options: DecisionOptions = {}): Promise<Approval> {
    return this.decide(runId, stepId, { ...options, approved: true });
  }

  reject(runId: string, stepId: string, options: Omit<DecisionOptions, 'value'> = {}): Promise<Approval> {
    return this.decide(runId, stepId, { ...options, approved: false });
  }

  /** A signed single-use link for `recipient` (its URL is shown only in this answer). */
  async createLink(runId: string, stepId: string, link: CreateApprovalLinkBody): Promise<ApprovalLink> {
    return (await this.http.request<{ data: ApprovalLink }>('POST', `${approvalPath(runId, stepId)}/links`, { body: link })).data;
  }

  /** What a link's holder sees (no API key needed). */
  async byLink(token: string): Promise<LinkedApproval> {
    return (await this.http.request<{ data: LinkedApproval }>('GET', `/v1/approval-links/${segment(token)}`)).data;
  }

  /** Decides through a link (no API key needed); the link is used up. */
  async decideByLink(token: string, decision: DecideApprovalBody): Promise<LinkedApproval> {
    return (await this.http.request<{ data: LinkedApproval }>('POST', `/v1/approval-links/${segment(token)}`, { body: decision })).data;
  }
}

function approvalPath(runId: string, stepId: string): string {
  return `/v1/workflow-runs/${segment(runId)}/approvals/${segment(stepId)}`;
}
