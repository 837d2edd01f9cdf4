import { defineStepType, type StepContext, type StepType } from '@assay/engine';
import {
  ApprovalReviewers,
  ApprovalTimeoutOutcome,
  AssayError,
  DEFAULT_APPROVAL_LINK_SECONDS,
  MAX_APPROVAL_LINK_SECONDS,
  type ApprovalAsk,
  type NewApproval,
  type DecisionRecord,
} from '@assay/schema';
import { z } from 'zod';
import { JsonSchemaSetting } from './schema-check';
import { EmailAddress, parseMailbox } from '../notify/addresses';
import { createNotifyEmailStep } from '../notify/notify-email';
import type { SmtpSettings } from '../notify/smtp-settings';

/** What the reviewer sees besides the value: at most this much JSON. */
const MAX_CONTEXT_BYTES = 256 * 1024;

/** An approval as the step needs to see it (the store's record has this shape). */
export interface ApprovalState {
  id: string;
  status: 'pending' | 'approved' | 'rejected' | 'expired';
  decision: DecisionRecord | null;
  decidedAt: number | null;
}

/** What the `approval` step needs from the rest of Assay: the approvals store and signed links. */
export interface ApprovalDesk {
  /** Records the request once per run and step (`reopen`: a new attempt reopens one that expired) and announces it. */
  request(input: NewApproval): Promise<{ approval: ApprovalState; created: boolean }>;
  /** The timeout decides (unless a person did first); the approval as it now stands. */
  timeOut(runId: string, stepId: string, status: 'approved' | 'rejected' | 'expired', decision: DecisionRecord): Promise<ApprovalState>;
  /** A signed single-use link to decide it, for someone without an account: its URL. */
  mintLink(approvalId: string, runId: string, recipient: string, expiresAt: number): Promise<string>;
}

const Config = z
  .object({
    title: z.string().min(1).max(200).describe('What is asked, in one line'),
    instructions: z.string().max(20_000).optional().describe('Markdown shown above the fields'),
    show: z
      .record(z.string().min(1).max(100), z.unknown())
      .refine((show) => Object.keys(show).length <= 50, 'at most 50 fields')
      .optional()
      .describe('What the reviewer must see: label → value (at most 50)'),
    value: z
      .unknown()
      .optional()
      .describe('A draft the reviewer may edit (e.g. an AI’s verdict); the approved value is the output’s `value`'),
    schema: JsonSchemaSetting.optional().describe('The JSON Schema an approved value must match'),
    reviewers: ApprovalReviewers.optional().describe('Who may decide; absent: anyone who may run workflows'),
    timeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(365 * 86_400)
      .default(7 * 86_400)
      .describe('How long to wait for a decision (7 days by default)'),
    onTimeout: ApprovalTimeoutOutcome.default('reject').describe('What the timeout decides: reject, approve, or fail the step'),
    notify: z
      .object({
        to: z.union([EmailAddress, z.array(EmailAddress).min(1).max(20)]),
        subject: z
          .string()
          .min(1)
          .max(200)
          .regex(/^[^\r\n]*$/, 'must be one line (no line breaks)')
          .optional(),
        linkExpiresInSeconds: z.number().int().min(60).max(MAX_APPROVAL_LINK_SECONDS).optional(),
      })
      .strict()
      .optional()
      .describe('Email signed single-use links to people without an account (through ASSAY_SMTP_*)'),
  })
  .strict();

type ApprovalConfig = z.infer<typeof Config>;

/** The state a waiting step keeps across parks. */
interface Waiting {
  timeoutAt: number;
}

/**
 * `approval`: the run parks (holding no worker) until a person decides, in the Inbox, through
 * `POST /v1/workflow-runs/{id}/approvals/{stepId}`, or through a signed single-use link; or until
 * the timeout decides `onTimeout`. Outputs `{ approved, comment, value, by, edited, decidedAt }`.
 */
export function createApprovalStep(desk: ApprovalDesk, smtp: SmtpSettings | undefined): StepType {
  const email = createNotifyEmailStep(smtp);
  return defineStepType<ApprovalConfig>({
    type: 'approval',
    example: {
      id: 'review',
      with: {
        title: 'Publish the summary of {{ input.company }}?',
        instructions: 'Check the figures against the filing.',
        show: { Summary: '{{ steps.summary.output.text }}' },
        reviewers: { roles: ['editor'] },
        timeoutSeconds: 172800,
        onTimeout: 'reject',
      },
    },
    family: 'logic',
    waitsFor: 'approval',
    topLevelOnly: true,
    description:
      'Wait, without holding a worker, for a person to approve or reject: `title`, `instructions` (Markdown), the fields to `show`, ' +
      'an editable `value` checked against `schema`, `reviewers` ({ roles, users }), `timeoutSeconds` with `onTimeout` (reject, approve ' +
      'or fail), and `notify` to email signed single-use links. Outputs `{ approved, comment, value, by, edited, decidedAt }`.',
    config: Config,
    async execute(config, context) {
      if (context.instance !== undefined)
        throw new AssayError('invalid_input', `steps.${context.stepId}: an approval step must be a top-level step (not inside a map)`);
      const size = Buffer.byteLength(JSON.stringify({ show: config.show ?? {}, value: config.value ?? null }), 'utf8');
      if (size > MAX_CONTEXT_BYTES)
        throw new AssayError(
          'invalid_input',
          `steps.${context.stepId}.with: show and value come to ${size.toLocaleString('en-US')} bytes; at most 256 KB`,
        );
      const waiting = context.previous?.suspended ? (context.previous.output as Waiting | null) : null;
      const timeoutAt = waiting?.timeoutAt ?? context.now() + config.timeoutSeconds * 1000;
      const ask: ApprovalAsk = {
        title: config.title,
        instructions: config.instructions ?? null,
        show: config.show ?? {},
        value: config.value ?? null,
        schema: config.schema ?? null,
        reviewers: config.reviewers ?? null,
        onTimeout: config.onTimeout,
      };
      let { approval } = await desk.request({
        workspaceId: context.workspaceId,
        runId: context.runId,
        stepId: context.stepId,
        workflowId: context.workflowId,
        request: ask,
        timeoutAt,
        reopen: waiting === null,
      });
      // Links go out once, with the request (a crash before the park was recorded sends them again).
      if (waiting === null && config.notify && approval.status === 'pending') await sendLinks(config, approval.id, timeoutAt, context);
      if (approval.status === 'pending' && context.now() >= timeoutAt) {
        const status = config.onTimeout === 'approve' ? 'approved' : config.onTimeout === 'reject' ? 'rejected' : 'expired';
        const decision = { approved: status === 'approved', comment: null, value: ask.value, by: TIMEOUT, edited: false };
        approval = await desk.timeOut(context.runId, context.stepId, status, decision);
      }
      if (approval.status === 'expired')
        throw new AssayError('step_timeout', `nobody decided "${config.title}" within ${config.timeoutSeconds.toLocaleString('en-US')} s`);
      if (approval.status === 'pending') return { kind: 'suspend', until: timeoutAt, state: { timeoutAt } satisfies Waiting };
      const decision = approval.decision as DecisionRecord;
      return {
        kind: 'completed',
        output: { ...decision, decidedAt: new Date(approval.decidedAt ?? context.now()).toISOString() },
        usage: { approval: approval.id, by: decision.by.type },
      };

      async function sendLinks(config: ApprovalConfig, approvalId: string, timeoutAt: number, context: StepContext) {
        const notify = config.notify!;
        const expiresAt = Math.min(timeoutAt, context.now() + (notify.linkExpiresInSeconds ?? DEFAULT_APPROVAL_LINK_SECONDS) * 1000);
        for (const to of Array.isArray(notify.to) ? notify.to : [notify.to]) {
          // The link names the address alone (the decider the run sees), not a display name.
          const url = await desk.mintLink(approvalId, context.runId, parseMailbox(to)?.address ?? to, expiresAt);
          const markdown = [
            `**${config.title}**`,
            config.instructions ?? '',
            `[Review and decide](${url})`,
            `This link is for you alone: it works once and expires ${new Date(expiresAt).toUTCString()}.`,
          ]
            .filter((part) => part !== '')
            .join('\n\n');
          await email.execute({ to, subject: notify.subject ?? `Approval needed: ${config.title}`, markdown }, context);
        }
      }
    },
  });
}

const TIMEOUT = { type: 'timeout', id: null, name: null } as const;
