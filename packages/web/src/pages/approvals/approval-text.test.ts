import { describe, expect, it } from 'vitest';
import {
  decisionBody,
  deciderLabel,
  draftText,
  linkExpired,
  linkRefusal,
  MAX_COMMENT,
  parseValueText,
  reviewersLine,
  sameJson,
  showEntries,
  timeLeft,
  timeoutIsNear,
  timeoutOutcome,
  inboxPath,
} from './approval-text';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('timeLeft', () => {
  it('counts down in days and hours, hours and minutes, minutes, then seconds', () => {
    expect(timeLeft(at(3 * DAY + 4 * HOUR + 59 * MINUTE), NOW)).toBe('3d 4h left');
    expect(timeLeft(at(DAY), NOW)).toBe('1d 0h left');
    expect(timeLeft(at(2 * HOUR + 5 * MINUTE + 30_000), NOW)).toBe('2h 5m left');
    expect(timeLeft(at(12 * MINUTE + 59_000), NOW)).toBe('12m left');
    expect(timeLeft(at(30_000), NOW)).toBe('under a minute left');
  });

  it('says overdue at and past the timeout, and a dash for a time it cannot read', () => {
    expect(timeLeft(at(0), NOW)).toBe('overdue');
    expect(timeLeft(at(-5 * MINUTE), NOW)).toBe('overdue');
    expect(timeLeft('not a time', NOW)).toBe('—');
  });

  it('calls under an hour near', () => {
    expect(timeoutIsNear(at(59 * MINUTE), NOW)).toBe(true);
    expect(timeoutIsNear(at(-MINUTE), NOW)).toBe(true);
    expect(timeoutIsNear(at(2 * HOUR), NOW)).toBe(false);
  });

  it('says what the timeout does', () => {
    expect(timeoutOutcome('reject')).toBe('it is rejected');
    expect(timeoutOutcome('approve')).toBe('it is approved as drafted');
    expect(timeoutOutcome('fail')).toBe('the run fails');
  });
});

describe('reviewersLine', () => {
  it('says anyone who may run workflows when the step names nobody', () => {
    expect(reviewersLine(null)).toBe('Anyone who may run workflows may decide.');
    expect(reviewersLine(undefined)).toBe('Anyone who may run workflows may decide.');
    expect(reviewersLine({})).toBe('Anyone who may run workflows may decide.');
    expect(reviewersLine({ roles: [], users: [] })).toBe('Anyone who may run workflows may decide.');
  });

  it('names the roles, the members, or both', () => {
    expect(reviewersLine({ roles: ['admin'] })).toBe('Who may decide: members with the admin role.');
    expect(reviewersLine({ roles: ['admin', 'editor'] })).toBe('Who may decide: members with the admin or editor role.');
    expect(reviewersLine({ users: ['ada@example.com'] })).toBe('Who may decide: ada@example.com.');
    expect(reviewersLine({ users: ['a@example.com', 'b@example.com', 'c@example.com'] })).toBe(
      'Who may decide: a@example.com, b@example.com or c@example.com.',
    );
    expect(reviewersLine({ roles: ['admin'], users: ['ada@example.com'] })).toBe(
      'Who may decide: members with the admin role, or ada@example.com.',
    );
  });
});

describe('deciderLabel', () => {
  it('names a member by email, a key by client id, a link by its recipient, and the timeout', () => {
    expect(deciderLabel({ type: 'user', id: 'u1', name: 'ada@example.com' })).toBe('ada@example.com');
    expect(deciderLabel({ type: 'key', id: 'k1', name: 'crm' })).toBe('API key crm');
    expect(deciderLabel({ type: 'link', id: 'l1', name: 'rita@example.com' })).toBe('rita@example.com (by link)');
    expect(deciderLabel({ type: 'timeout', id: null, name: null })).toBe('the timeout');
    expect(deciderLabel({ type: 'user', id: 'u1', name: null })).toBe('u1');
  });
});

describe('the value box', () => {
  it('shows a draft as indented JSON and no draft as nothing', () => {
    expect(draftText({ verdict: 'buy', score: 7 })).toBe('{\n  "verdict": "buy",\n  "score": 7\n}');
    expect(draftText('text')).toBe('"text"');
    expect(draftText(0)).toBe('0');
    expect(draftText(null)).toBe('');
    expect(draftText(undefined)).toBe('');
  });

  it('reads JSON, empty as no value, and names a parse failure', () => {
    expect(parseValueText(' {"score": 9} ')).toEqual({ ok: true, value: { score: 9 } });
    expect(parseValueText('  \n')).toEqual({ ok: true, value: undefined });
    expect(parseValueText('null')).toEqual({ ok: true, value: null });
    const bad = parseValueText('{ "score": 9');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Not valid JSON: /);
  });

  it('compares values regardless of key order, null and absent alike', () => {
    expect(sameJson({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson(null, undefined)).toBe(true);
    expect(sameJson(0, null)).toBe(false);
  });
});

describe('decisionBody', () => {
  const draft = { verdict: 'buy', score: 7 };

  it('sends an edited value with an approval', () => {
    expect(decisionBody(true, '  Looks right.  ', '{"verdict": "hold", "score": 9}', draft)).toEqual({
      ok: true,
      body: { approved: true, comment: 'Looks right.', value: { verdict: 'hold', score: 9 } },
    });
  });

  it('leaves out a value the reviewer did not change (even reformatted) and an empty comment', () => {
    expect(decisionBody(true, ' ', '{ "score": 7, "verdict": "buy" }', draft)).toEqual({ ok: true, body: { approved: true } });
    expect(decisionBody(true, '', '', draft)).toEqual({ ok: true, body: { approved: true } });
  });

  it('sends a value when there was no draft', () => {
    expect(decisionBody(true, '', '{"score": 1}', null)).toEqual({ ok: true, body: { approved: true, value: { score: 1 } } });
  });

  it('never sends a value with a rejection, even an unreadable one', () => {
    expect(decisionBody(false, 'Wrong company.', '{"verdict": "sell", "score": 1}', draft)).toEqual({
      ok: true,
      body: { approved: false, comment: 'Wrong company.' },
    });
    expect(decisionBody(false, '', '{ broken', draft)).toEqual({ ok: true, body: { approved: false } });
  });

  it('refuses to approve a value that is not JSON, and a comment over the limit', () => {
    const broken = decisionBody(true, '', '{ broken', draft);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^Not valid JSON/);
    const long = decisionBody(false, 'x'.repeat(MAX_COMMENT + 1), '', draft);
    expect(long).toEqual({ ok: false, message: `The comment is too long (at most ${MAX_COMMENT} characters).` });
    expect(decisionBody(false, 'x'.repeat(MAX_COMMENT), '', draft).ok).toBe(true);
  });
});

describe('showEntries', () => {
  it('keeps text as it is and pretty-prints objects and arrays as blocks', () => {
    expect(
      showEntries({
        Company: 'Acme',
        Notes: 'line one\nline two',
        Draft: { verdict: 'buy', score: 7 },
        Tags: ['a', 'b'],
        Score: 7,
        Flag: false,
        Missing: null,
      }),
    ).toEqual([
      { label: 'Company', text: 'Acme', block: false },
      { label: 'Notes', text: 'line one\nline two', block: true },
      { label: 'Draft', text: '{\n  "verdict": "buy",\n  "score": 7\n}', block: true },
      { label: 'Tags', text: '[\n  "a",\n  "b"\n]', block: true },
      { label: 'Score', text: '7', block: false },
      { label: 'Flag', text: 'false', block: false },
      { label: 'Missing', text: '—', block: false },
    ]);
  });
});

describe('links', () => {
  it("builds an approval's Inbox address with its parts encoded", () => {
    expect(inboxPath('0123456789abcdef01234567', 'review')).toBe('/inbox/0123456789abcdef01234567/review');
    expect(inboxPath('r', 'a/b')).toBe('/inbox/r/a%2Fb');
  });

  it('tells a dead link from a passing failure', () => {
    for (const status of [401, 403, 404, 409, 410]) {
      expect(linkRefusal(status, 'open')).toBe(true);
      expect(linkRefusal(status, 'decide')).toBe(true);
    }
    expect(linkRefusal(400, 'open')).toBe(true);
    expect(linkRefusal(400, 'decide')).toBe(false); // the value does not match the schema: the form shows it
    expect(linkRefusal(429, 'open')).toBe(false);
    expect(linkRefusal(500, 'decide')).toBe(false);
  });

  it("tells when a link's own expiry has passed", () => {
    expect(linkExpired(at(-1), NOW)).toBe(true);
    expect(linkExpired(at(0), NOW)).toBe(true);
    expect(linkExpired(at(MINUTE), NOW)).toBe(false);
  });
});
