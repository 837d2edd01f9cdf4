/**
 * Named crash points: places where a test makes this process die at once (SIGKILL: no cleanup, no
 * flush, no shutdown), to prove that what was committed survives and what was not is done again,
 * without hoping a kill from outside lands between two writes.
 *
 * Set by whoever starts the process, never by anything an API user sends:
 *
 *   ASSAY_CRASH_AT=<point>            the first time the process passes the point
 *   ASSAY_CRASH_AT=<point>:<stepId>   the first time it passes the point for that step
 *
 * The points:
 *
 *   after-claim         a run was claimed (its lease is committed), before its checkpoints are
 *                       loaded or any step starts
 *   before-step-commit  a step's attempt ended (its side effects happened) with an outcome
 *                       (completed, failed, skipped), before that outcome is written
 *   after-step-commit   a step's outcome is committed (the store answers only after its group
 *                       transaction commits), before the run moves past it
 *
 * Read once, when the engine is loaded: unset (always, outside crash tests), a point costs one
 * comparison with null. An unknown point name fails the start-up rather than never firing.
 */
export const CRASH_POINTS = ['after-claim', 'before-step-commit', 'after-step-commit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface CrashTarget {
  point: CrashPoint;
  /** Only at this step (step points); null: at the first step. */
  stepId: string | null;
}

/** Parses an ASSAY_CRASH_AT value; null when unset or empty. */
export function parseCrashAt(value: string | undefined): CrashTarget | null {
  if (value === undefined || value.trim() === '') return null;
  const separator = value.indexOf(':');
  const point = (separator < 0 ? value : value.slice(0, separator)).trim();
  const stepId = separator < 0 ? null : value.slice(separator + 1).trim() || null;
  if (!(CRASH_POINTS as readonly string[]).includes(point)) {
    throw new Error(`ASSAY_CRASH_AT: unknown crash point "${point}" (known: ${CRASH_POINTS.join(', ')})`);
  }
  return { point: point as CrashPoint, stepId };
}

/** Where this process is to crash, if anywhere (from ASSAY_CRASH_AT at start-up). */
export const crashTarget: CrashTarget | null = parseCrashAt(process.env.ASSAY_CRASH_AT);

/**
 * Kills the process here when it is the crash target. Callers test `crashTarget !== null` first,
 * so an unset target costs nothing more.
 */
export function crashIfTarget(point: CrashPoint, stepId: string | null): void {
  if (crashTarget === null || crashTarget.point !== point) return;
  if (crashTarget.stepId !== null && crashTarget.stepId !== stepId) return;
  process.kill(process.pid, 'SIGKILL');
}
