import { z } from 'zod';
import { Id } from './ids';
import { ListQuery } from './requests';
import { Email, UserRole } from './users';

const Timestamp = z.string().meta({ description: 'ISO 8601 time' });

/** Where an approval stands: waiting for a person, decided, or timed out with `onTimeout: "fail"`. */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export const ApprovalStatus = z.enum(APPROVAL_STATUSES);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

/** What happens when nobody decides in time. */
export const APPROVAL_TIMEOUT_OUTCOMES = ['reject', 'approve', 'fail'] as const;
export const ApprovalTimeoutOutcome = z.enum(APPROVAL_TIMEOUT_OUTCOMES);
export type ApprovalTimeoutOutcome = z.infer<typeof ApprovalTimeoutOutcome>;

/** Limits of a decision's comment and of an emailed link's life. */
export const MAX_APPROVAL_COMMENT = 4000;
export const MAX_APPROVAL_LINK_SECONDS = 30 * 86_400;
export const DEFAULT_APPROVAL_LINK_SECONDS = 7 * 86_400;

/** Who may decide: members with one of these roles, or these members by email. Absent: anyone who may run workflows. */
export const ApprovalReviewers = z
  .object({
    roles: z
      .array(UserRole)
      .max(3)
      .optional()
      .meta({ description: 'Members with one of these roles (API keys count by scope: edit → editor, admin → admin)' }),
    users: z.array(Email).max(50).optional().meta({ description: 'Members by email, whatever their role' }),
  })
  .strict()
  .meta({ id: 'ApprovalReviewers' });
export type ApprovalReviewers = z.infer<typeof ApprovalReviewers>;

/** Who decided: a member, an API key, the holder of a signed link (the address it was sent to), or the timeout. */
export const ApprovalDecider = z
  .object({
    type: z.enum(['user', 'key', 'link', 'timeout']),
    id: z.string().nullable().meta({ description: "The user's or key's id (the link's id for a link; null for the timeout)" }),
    name: z.string().nullable().meta({ description: "The user's email, the key's client id, or the link's recipient" }),
  })
  .meta({ id: 'ApprovalDecider' });
export type ApprovalDecider = z.infer<typeof ApprovalDecider>;

/** A decision, as the run's approval step outputs it: `{ approved, comment, value, by }`. */
export const ApprovalDecision = z
  .object({
    approved: z.boolean(),
    comment: z.string().nullable(),
    value: z.unknown().meta({ description: 'The value the reviewer approved (edited or as drafted); the draft on a rejection' }),
    by: ApprovalDecider,
    edited: z.boolean().meta({ description: 'The reviewer changed the drafted value' }),
    decidedAt: Timestamp,
  })
  .meta({ id: 'ApprovalDecision' });
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** A decision as stored with its approval and output by the step (with `decidedAt` added). */
export type DecisionRecord = Omit<ApprovalDecision, 'decidedAt'>;

/** What an `approval` step asks of its reviewers, stored with the approval. */
export interface ApprovalAsk {
  title: string;
  instructions: string | null;
  show: Record<string, unknown>;
  value: unknown;
  schema: Record<string, unknown> | null;
  reviewers: ApprovalReviewers | null;
  onTimeout: ApprovalTimeoutOutcome;
}

/** What an `approval` step records when it asks (`reopen`: a new attempt reopens one that expired). */
export interface NewApproval {
  workspaceId: string;
  runId: string;
  stepId: string;
  workflowId: string;
  request: ApprovalAsk;
  timeoutAt: number;
  reopen: boolean;
}

/** A run's request for a decision, made by its `approval` step. */
export const Approval = z
  .object({
    id: Id,
    runId: Id,
    stepId: z.string(),
    workflowId: Id,
    workflowName: z.string(),
    status: ApprovalStatus,
    title: z.string(),
    instructions: z.string().nullable().meta({ description: 'Markdown' }),
    show: z.record(z.string(), z.unknown()).meta({ description: 'What the reviewer must see: label → value, as the step resolved it' }),
    value: z.unknown().meta({ description: 'The editable draft (null when the step drafts none)' }),
    schema: z.record(z.string(), z.unknown()).nullable().meta({ description: 'The JSON Schema an approved value must match' }),
    reviewers: ApprovalReviewers.nullable().meta({ description: 'Who may decide (null: anyone who may run workflows)' }),
    onTimeout: ApprovalTimeoutOutcome,
    timeoutAt: Timestamp,
    requestedAt: Timestamp,
    decision: ApprovalDecision.nullable(),
    canDecide: z.boolean().meta({ description: 'Whether the caller may decide it' }),
  })
  .meta({ id: 'Approval' });
export type Approval = z.infer<typeof Approval>;

/** What an approval link's holder sees: the request without who else may decide. */
export const LinkedApproval = Approval.omit({ reviewers: true, canDecide: true })
  .extend({ recipient: z.string(), linkExpiresAt: Timestamp })
  .meta({ id: 'LinkedApproval' });
export type LinkedApproval = z.infer<typeof LinkedApproval>;

export const DecideApprovalBody = z
  .object({
    approved: z.boolean(),
    comment: z.string().max(MAX_APPROVAL_COMMENT).optional(),
    value: z.unknown().optional().meta({ description: "An edit of the drafted value (checked against the step's schema when approving)" }),
  })
  .strict()
  .meta({ id: 'DecideApprovalBody' });
export type DecideApprovalBody = z.infer<typeof DecideApprovalBody>;

export const CreateApprovalLinkBody = z
  .object({
    recipient: Email.meta({ description: 'Who the link is for (recorded as the decider)' }),
    expiresInSeconds: z
      .number()
      .int()
      .min(60)
      .max(MAX_APPROVAL_LINK_SECONDS)
      .optional()
      .meta({ description: "Default 7 days; never past the approval's timeout" }),
  })
  .strict()
  .meta({ id: 'CreateApprovalLinkBody' });
export type CreateApprovalLinkBody = z.infer<typeof CreateApprovalLinkBody>;

/** A signed single-use link: whoever holds `url` may decide once, until `expiresAt`, without an account. */
export const ApprovalLink = z
  .object({
    id: Id,
    recipient: z.string(),
    url: z.string().meta({ description: 'The page to open (it carries the token); shown only once' }),
    token: z.string().meta({ description: 'For `GET` / `POST /v1/approval-links/{token}`' }),
    expiresAt: Timestamp,
  })
  .meta({ id: 'ApprovalLink' });
export type ApprovalLink = z.infer<typeof ApprovalLink>;

export const ApprovalListQuery = ListQuery.extend({
  status: ApprovalStatus.optional().meta({ description: 'Default: every status' }),
  workflowId: Id.optional(),
  runId: Id.optional(),
  mine: z.enum(['true', 'false']).optional().meta({ description: '`true`: only those the caller may decide' }),
});
export type ApprovalListQuery = z.infer<typeof ApprovalListQuery>;
