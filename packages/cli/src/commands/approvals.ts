import {
  APPROVAL_STATUSES,
  MAX_APPROVAL_COMMENT,
  MAX_APPROVAL_LINK_SECONDS,
  type Approval,
  type ApprovalDecider,
  type ApprovalDecision,
  type ApprovalStatus,
} from '@assay/schema';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { integer, parseJson, readText } from '../args';
import { clientFor, globals } from '../client';
import { printJson, printRecord, printTable } from '../output';

/** Titles longer than this are cut in the list's table (the whole title is in `approvals get`). */
const TITLE_WIDTH = 60;

/** A span of time as `3d4h`, `2h05m`, `4m10s` or `12s`. */
function span(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s >= 86_400) return `${Math.floor(s / 86_400)}d${Math.floor((s % 86_400) / 3600)}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** Who decided, for people: the email, client id or recipient, else the kind of decider. */
function decider(by: ApprovalDecider): string {
  if (by.type === 'timeout') return 'the timeout';
  return by.name ?? by.id ?? by.type;
}

/** One line about a decision: `approved by ana@example.com (edited)`. */
function decisionLine(decision: ApprovalDecision): string {
  return `${decision.approved ? 'approved' : 'rejected'} by ${decider(decision.by)}${decision.edited ? ' (edited)' : ''}`;
}

/** The list's last column: the time left while pending, else who decided. */
function leftOrDecision(approval: Approval, now: number): string {
  if (approval.decision) return decisionLine(approval.decision);
  if (approval.status !== 'pending') return approval.status;
  const left = Date.parse(approval.timeoutAt) - now;
  return left > 0 ? `${span(left)} left` : 'due now';
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** Who may decide, for people. */
function reviewersLine(approval: Approval): string {
  const { reviewers } = approval;
  const parts = [
    reviewers?.roles?.length && `roles ${reviewers.roles.join(', ')}`,
    reviewers?.users?.length && `users ${reviewers.users.join(', ')}`,
  ];
  return parts.filter(Boolean).join('; ') || 'anyone who may run workflows';
}

/** An approval's context: what the reviewer must see, the draft, who may decide, the timeout, the decision. */
function printApproval(approval: Approval): void {
  const now = Date.now();
  const left = Date.parse(approval.timeoutAt) - now;
  printRecord({
    run: approval.runId,
    step: approval.stepId,
    workflow: `${approval.workflowName} (${approval.workflowId})`,
    status: approval.status,
    title: approval.title,
    requested: approval.requestedAt,
    timeout: `${approval.timeoutAt}${approval.status === 'pending' && left > 0 ? ` (in ${span(left)})` : ''}, then ${approval.onTimeout}`,
    reviewers: reviewersLine(approval),
    canDecide: approval.canDecide ? 'yes' : 'no',
    value: approval.value,
    schema: approval.schema,
    decision: approval.decision ? `${decisionLine(approval.decision)} at ${approval.decision.decidedAt}` : null,
    ...(approval.decision && { comment: approval.decision.comment, decidedValue: approval.decision.value }),
  });
  const shown = Object.entries(approval.show);
  if (shown.length) {
    process.stdout.write('\nshow:\n');
    const width = Math.max(...shown.map(([label]) => label.length));
    for (const [label, value] of shown)
      process.stdout.write(`  ${label.padEnd(width)}  ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  }
  if (approval.instructions) {
    process.stdout.write('\ninstructions:\n');
    for (const line of approval.instructions.split('\n')) process.stdout.write(`  ${line}`.trimEnd() + '\n');
  }
}

/** What a decision printed: approved/rejected, by whom, the value and the comment. */
function printDecision(approval: Approval): void {
  const { decision } = approval;
  if (!decision) return printApproval(approval);
  process.stdout.write(`${decisionLine(decision)}: step ${approval.stepId} of run ${approval.runId}\n`);
  printRecord({ value: decision.value, comment: decision.comment, decidedAt: decision.decidedAt });
}

/** `--comment`, at most the server's limit. */
function comment(value: string): string {
  if (value.length > MAX_APPROVAL_COMMENT) throw new InvalidArgumentError(`at most ${MAX_APPROVAL_COMMENT} characters.`);
  return value;
}

/** `assay approvals list|get|approve|reject|link`. */
export function registerApprovalCommands(program: Command): void {
  const approvals = program
    .command('approvals')
    .description('runs waiting for a person at an approval step: list, read, approve, reject, send a link');

  approvals
    .command('list')
    .description('list approvals, newest first (the Inbox)')
    .addOption(new Option('--status <status>', 'only approvals in this status').choices(APPROVAL_STATUSES))
    .option('--workflow <id>', "only this workflow's approvals")
    .option('--run <id>', "only this run's approvals")
    .option('--mine', 'only those this key may decide')
    .option('--limit <n>', 'how many (1-1000)', integer(1, 1000), 50)
    .action(
      async (options: { status?: ApprovalStatus; workflow?: string; run?: string; mine?: boolean; limit: number }, command: Command) => {
        const page = await clientFor(command).approvals.list({
          status: options.status,
          workflowId: options.workflow,
          runId: options.run,
          mine: options.mine ? true : undefined,
          limit: options.limit,
        });
        if (globals(command).json) return printJson(page.data);
        const now = Date.now();
        printTable(
          page.data.map((a) => ({
            runId: a.runId,
            step: a.stepId,
            workflow: a.workflowName,
            title: cut(a.title, TITLE_WIDTH),
            status: a.status,
            requested: a.requestedAt,
            'left/decision': leftOrDecision(a, now),
          })),
          ['runId', 'step', 'workflow', 'title', 'status', 'requested', 'left/decision'],
        );
      },
    );

  approvals
    .command('get <runId> <stepId>')
    .description('show an approval: what to review, the drafted value, who may decide, the timeout and the decision')
    .action(async (runId: string, stepId: string, _options: unknown, command: Command) => {
      const approval = await clientFor(command).approvals.get(runId, stepId);
      if (globals(command).json) return printJson(approval);
      printApproval(approval);
    });

  approvals
    .command('approve <runId> <stepId>')
    .description("approve: the run goes on with the drafted value, or with --value (checked against the step's schema)")
    .option('--comment <text>', 'why (kept with the decision)', comment)
    .option('--value <json>', 'the approved value, replacing the draft: JSON, or @file to read it from a file')
    .action(async (runId: string, stepId: string, options: { comment?: string; value?: string }, command: Command) => {
      let value: unknown;
      if (options.value !== undefined) {
        const fromFile = options.value.startsWith('@');
        const text = fromFile ? await readText(options.value.slice(1)) : options.value;
        value = parseJson(text, fromFile ? options.value.slice(1) : '--value');
      }
      const approval = await clientFor(command).approvals.approve(runId, stepId, {
        comment: options.comment,
        ...(options.value !== undefined && { value }),
      });
      if (globals(command).json) return printJson(approval);
      printDecision(approval);
    });

  approvals
    .command('reject <runId> <stepId>')
    .description('reject: the run goes on with approved false (its workflow decides what that means)')
    .option('--comment <text>', 'why (kept with the decision)', comment)
    .action(async (runId: string, stepId: string, options: { comment?: string }, command: Command) => {
      const approval = await clientFor(command).approvals.reject(runId, stepId, { comment: options.comment });
      if (globals(command).json) return printJson(approval);
      printDecision(approval);
    });

  approvals
    .command('link <runId> <stepId>')
    .description('make a signed single-use link for someone without an account (its URL is shown only now)')
    .requiredOption('--recipient <email>', 'who the link is for (recorded as the decider)')
    .option(
      '--expires <seconds>',
      `how long it works (60-${MAX_APPROVAL_LINK_SECONDS}; default 7 days, never past the approval's timeout)`,
      integer(60, MAX_APPROVAL_LINK_SECONDS),
    )
    .action(async (runId: string, stepId: string, options: { recipient: string; expires?: number }, command: Command) => {
      const link = await clientFor(command).approvals.createLink(runId, stepId, {
        recipient: options.recipient,
        expiresInSeconds: options.expires,
      });
      if (globals(command).json) return printJson(link);
      printRecord({ url: link.url, recipient: link.recipient, expires: link.expiresAt });
      process.stdout.write('\nSend the url now: it is not shown again, and it works once.\n');
    });
}
