import { Cron } from 'croner';
import { invalidInput } from '@assay/schema';

/**
 * Fire-time arithmetic of a schedule: its cron expression read in its IANA time zone (daylight
 * saving included). 5 fields (minute precision) or 6 (a leading seconds field); nicknames such as
 * `@daily` work too. A day-of-month and a day-of-week both restricted match either (classic cron).
 */
export interface CronSchedule {
  /** The first fire strictly after `afterMs`, or null if the expression never fires again. */
  nextAfter(afterMs: number): number | null;
  /** The next `count` fires strictly after `afterMs`. */
  nextTimes(count: number, afterMs: number): number[];
  /** The latest fire at or before `atMs`, or null if there is none. */
  latestAtOrBefore(atMs: number): number | null;
}

/**
 * The zone's canonical IANA spelling (`america/new_york` → `America/New_York`); 400 on `timezone`
 * if it is not a zone.
 */
export function canonicalTimeZone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw invalidInput('timezone', `"${timezone}" is not an IANA time zone (e.g. "UTC", "Europe/Paris", "America/New_York")`);
  }
}

/** Parses a schedule's expression and zone. Throws a 400 naming `cron` or `timezone` when either is invalid. */
export function parseCron(cron: string, timezone: string): CronSchedule {
  canonicalTimeZone(timezone);
  let job: Cron;
  try {
    // Paused: the job only computes times, it never schedules a timer of its own.
    job = new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    // The library's own word on the field count mentions a 7-field form that schedules do not take.
    const why = /parts/.test(reason)
      ? 'it needs 5 space-separated fields "minute hour day-of-month month day-of-week", or 6 with a leading seconds field'
      : reason;
    throw invalidInput('cron', `not a valid cron expression: ${why}`);
  }
  return {
    nextAfter: (afterMs) => job.nextRun(new Date(afterMs))?.getTime() ?? null,
    nextTimes: (count, afterMs) => job.nextRuns(count, new Date(afterMs)).map((date) => date.getTime()),
    // previousRuns answers fires strictly before its reference, whole seconds: +1 ms includes `atMs` itself.
    latestAtOrBefore: (atMs) => job.previousRuns(1, new Date(atMs + 1))[0]?.getTime() ?? null,
  };
}
