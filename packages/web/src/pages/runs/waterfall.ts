import type { AssayEvent, Run } from '@assay/schema';

/** How an attempt ended (or that it has not yet). */
export type BarKind = 'running' | 'completed' | 'failed' | 'retried' | 'cancelled';

/** One attempt of a step, in milliseconds since the epoch (`end` null: still going). */
export interface AttemptBar {
  attempt: number;
  start: number;
  end: number | null;
  kind: BarKind;
  error?: string;
}

/** Time spent not executing: a step's wait before its next attempt, or the whole run parked. */
export interface WaitSpan {
  start: number;
  end: number | null;
  kind: 'retry' | 'parked';
}

export interface WaterfallRow {
  stepId: string;
  type: string;
  skipped: boolean;
  bars: AttemptBar[];
  waits: WaitSpan[];
}

export interface Waterfall {
  /** The shared axis runs from `origin` (the run's start) to `end` (its end, or now). */
  origin: number;
  end: number;
  rows: WaterfallRow[];
  /** When the run was parked (waiting on a timer, a person, a signal or its budget). */
  parked: WaitSpan[];
}

/** The events the waterfall is drawn from; a run's stream carries others too (tool calls). */
export const WATERFALL_EVENTS: ReadonlySet<string> = new Set([
  'run.started',
  'run.waiting',
  'run.completed',
  'run.failed',
  'run.cancelled',
  'step.started',
  'step.retrying',
  'step.completed',
  'step.failed',
  'step.skipped',
  'step.cancelled',
]);

const time = (value: unknown): number | null => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? Date.parse(value) : null);

type RunFacts = Pick<Run, 'steps' | 'createdAt' | 'startedAt' | 'completedAt'>;

/**
 * The run's step attempts on one time axis, from its events: each `step.started` opens an attempt,
 * `step.retrying` ends it (retried) and opens the wait before the next one, a finishing event closes
 * it with its own start and end. A step the events do not cover (they were pruned, or have not
 * arrived yet) gets one bar from its record's start and end. Parked periods run from `run.waiting`
 * to the next run event.
 */
export function buildWaterfall(run: RunFacts, events: readonly AssayEvent[], now: number): Waterfall {
  const rows = new Map<string, WaterfallRow>();
  const rowOf = (stepId: string, type: unknown) => {
    let row = rows.get(stepId);
    if (!row) {
      row = { stepId, type: typeof type === 'string' ? type : '', skipped: false, bars: [], waits: [] };
      rows.set(stepId, row);
    }
    return row;
  };
  for (const step of run.steps) rowOf(step.id, step.type);
  const parked: WaitSpan[] = [];

  for (const event of events) {
    const at = Date.parse(event.createdAt);
    if (event.type.startsWith('run.')) {
      const open = parked[parked.length - 1];
      if (open && open.end === null) open.end = at;
      if (event.type === 'run.waiting') parked.push({ start: at, end: null, kind: 'parked' });
      continue;
    }
    if (!event.stepId) continue;
    const row = rowOf(event.stepId, event.data.stepType);
    const attempt = typeof event.data.attempt === 'number' ? event.data.attempt : row.bars.length + 1;
    const bar = () => {
      let found = row.bars.find((candidate) => candidate.attempt === attempt);
      if (!found) {
        found = { attempt, start: time(event.data.startedAt) ?? at, end: null, kind: 'running' };
        row.bars.push(found);
      }
      return found;
    };
    switch (event.type) {
      case 'step.started': {
        const opened = bar();
        opened.start = time(event.data.startedAt) ?? opened.start;
        const wait = row.waits[row.waits.length - 1];
        if (wait && (wait.end === null || wait.end > opened.start)) wait.end = opened.start;
        break;
      }
      case 'step.retrying': {
        const ended = bar();
        ended.end = at;
        ended.kind = 'retried';
        ended.error = errorMessage(event.data.error);
        row.waits.push({ start: at, end: time(event.data.nextAttemptAt), kind: 'retry' });
        break;
      }
      case 'step.completed':
      case 'step.failed':
      case 'step.cancelled': {
        const ended = bar();
        ended.start = time(event.data.startedAt) ?? ended.start;
        ended.end = time(event.data.completedAt) ?? at;
        ended.kind = event.type.slice('step.'.length) as BarKind;
        ended.error = errorMessage(event.data.error);
        break;
      }
      case 'step.skipped':
        row.skipped = true;
        break;
    }
  }

  for (const step of run.steps) {
    const row = rowOf(step.id, step.type);
    if (step.status === 'skipped') row.skipped = true;
    const start = time(step.startedAt);
    if (row.bars.length > 0 || start === null) continue;
    const kind: BarKind = step.status === 'completed' || step.status === 'failed' || step.status === 'cancelled' ? step.status : 'running';
    row.bars.push({ attempt: step.attempts, start, end: time(step.completedAt), kind, error: step.error?.message });
  }

  const bars = [...rows.values()].flatMap((row) => row.bars);
  const origin = Math.min(time(run.startedAt) ?? time(run.createdAt) ?? now, ...bars.map((bar) => bar.start));
  const finished = time(run.completedAt);
  const end = finished ?? Math.max(now, ...bars.map((bar) => bar.end ?? now));
  return { origin, end: Math.max(end, origin + 1), rows: [...rows.values()], parked };
}

function errorMessage(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'message' in error && typeof error.message === 'string') return error.message;
  return undefined;
}

/** Round steps for the time axis: the largest that gives at least `ticks` marks over `span` milliseconds. */
export function axisTicks(span: number, ticks = 5): number[] {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  const raw = span / ticks;
  const step = steps.find((candidate) => candidate >= raw) ?? Math.ceil(raw / 3_600_000) * 3_600_000;
  const marks: number[] = [];
  for (let at = 0; at <= span; at += step) marks.push(at);
  return marks;
}
