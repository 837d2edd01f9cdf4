import type { ApprovalDecider, ApprovalReviewers, ApprovalTimeoutOutcome, DecideApprovalBody } from '@assay/schema';

/** The longest comment the API takes (MAX_APPROVAL_COMMENT; a local copy: importing @assay/schema at runtime would pull zod in). */
export const MAX_COMMENT = 4000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long until an approval times out, tersely: "3d 4h left", "2h 5m left", "12m left", "overdue". */
export function timeLeft(timeoutAt: string, now = Date.now()): string {
  const ms = Date.parse(timeoutAt) - now;
  if (Number.isNaN(ms)) return '—';
  if (ms <= 0) return 'overdue';
  if (ms < MINUTE) return 'under a minute left';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)}m left`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)}h ${Math.floor((ms % HOUR) / MINUTE)}m left`;
  return `${Math.floor(ms / DAY)}d ${Math.floor((ms % DAY) / HOUR)}h left`;
}

/** Under an hour to go (or past it): worth drawing the eye to. */
export function timeoutIsNear(timeoutAt: string, now = Date.now()): boolean {
  return Date.parse(timeoutAt) - now < HOUR;
}

/** What happens when nobody decides in time. */
export function timeoutOutcome(onTimeout: ApprovalTimeoutOutcome): string {
  switch (onTimeout) {
    case 'approve':
      return 'it is approved as drafted';
    case 'reject':
      return 'it is rejected';
    case 'fail':
      return 'the run fails';
  }
}

/** "a", "a or b", "a, b or c". */
function either(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Who may decide, as a sentence, from the step's `reviewers` (null or empty: anyone who may run workflows). */
export function reviewersLine(reviewers: ApprovalReviewers | null | undefined): string {
  const roles = reviewers?.roles ?? [];
  const users = reviewers?.users ?? [];
  if (roles.length === 0 && users.length === 0) return 'Anyone who may run workflows may decide.';
  const parts: string[] = [];
  if (roles.length > 0) parts.push(`members with the ${either(roles)} role`);
  if (users.length > 0) parts.push(either(users));
  return `Who may decide: ${parts.join(', or ')}.`;
}

/** Who decided, for people: the member's email, the key, the link's recipient, or the timeout. */
export function deciderLabel(by: ApprovalDecider): string {
  const name = by.name ?? by.id ?? 'unknown';
  switch (by.type) {
    case 'user':
      return name;
    case 'key':
      return `API key ${name}`;
    case 'link':
      return `${name} (by link)`;
    case 'timeout':
      return 'the timeout';
  }
}

/** A draft as the value box shows it: indented JSON, or nothing for no draft. */
export function draftText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return JSON.stringify(value, null, 2);
}

/** The value box's text read as JSON: empty is "no value", anything else must parse. */
export type ParsedValue = { ok: true; value: unknown } | { ok: false; message: string };

export function parseValueText(text: string): ParsedValue {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** JSON with object keys sorted, so that two values that mean the same compare equal. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** Whether two JSON values are the same (key order aside; null and absent alike). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a ?? null) === canonical(b ?? null);
}

/**
 * The body of a decision. An approval carries the value only when the reviewer changed the draft
 * (the server then records `edited`); a rejection never carries one. An empty comment is left out.
 */
export function decisionBody(
  approved: boolean,
  comment: string,
  valueText: string,
  draft: unknown,
): { ok: true; body: DecideApprovalBody } | { ok: false; message: string } {
  const body: DecideApprovalBody = { approved };
  const trimmed = comment.trim();
  if (trimmed.length > MAX_COMMENT) return { ok: false, message: `The comment is too long (at most ${MAX_COMMENT} characters).` };
  if (trimmed) body.comment = trimmed;
  if (!approved) return { ok: true, body };
  const parsed = parseValueText(valueText);
  if (!parsed.ok) return parsed;
  if (parsed.value !== undefined && !sameJson(parsed.value, draft)) body.value = parsed.value;
  return { ok: true, body };
}

/** A `show` field as the detail lists it: text as it is, anything else as indented JSON (`block`). */
export function showEntries(show: Record<string, unknown>): { label: string; text: string; block: boolean }[] {
  return Object.entries(show).map(([label, value]) => {
    if (typeof value === 'string') return { label, text: value, block: value.includes('\n') };
    if (value === null || value === undefined) return { label, text: '—', block: false };
    if (typeof value === 'object') return { label, text: JSON.stringify(value, null, 2), block: true };
    return { label, text: String(value), block: false };
  });
}

/** The Inbox's address of one approval. */
export function inboxPath(runId: string, stepId: string): string {
  return `/inbox/${encodeURIComponent(runId)}/${encodeURIComponent(stepId)}`;
}

/**
 * Whether an error answer about a link means it can no longer be used (used up, expired, unknown or
 * forged), as opposed to a passing failure. When deciding, a 400 is a problem with the value, for the
 * form to show, not a dead link.
 */
export function linkRefusal(status: number, when: 'open' | 'decide'): boolean {
  if (status === 404 || status === 409 || status === 410 || status === 403 || status === 401) return true;
  return when === 'open' && status === 400;
}

/** Whether a link's own expiry has passed (the request itself may still be pending). */
export function linkExpired(linkExpiresAt: string, now = Date.now()): boolean {
  return Date.parse(linkExpiresAt) <= now;
}
