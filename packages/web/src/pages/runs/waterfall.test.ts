import { describe, expect, it } from 'vitest';
import type { AssayEvent, StepRun } from '@assay/schema';
import { axisTicks, buildWaterfall } from './waterfall';

const T = Date.parse('2026-01-01T00:00:00.000Z');
const iso = (ms: number) => new Date(T + ms).toISOString();
let position = 0;
const event = (type: AssayEvent['type'], at: number, stepId: string | null, data: Record<string, unknown> = {}): AssayEvent => ({
  id: String(++position),
  type,
  runId: 'r',
  workflowId: 'w',
  batchId: null,
  stepId,
  data,
  createdAt: iso(at),
});
const step = (id: string, extra: Partial<StepRun> = {}): StepRun => ({
  id,
  type: 'http.request',
  status: 'completed',
  attempts: 1,
  startedAt: null,
  completedAt: null,
  durationMs: null,
  output: null,
  error: null,
  usage: null,
  ...extra,
});

describe('the run waterfall', () => {
  it('draws each attempt of a retried step as its own bar, with the waits between them and the parked time', () => {
    const run = { createdAt: iso(0), startedAt: iso(10), completedAt: iso(1000), steps: [step('flaky', { attempts: 2 }), step('after')] };
    const events = [
      event('run.started', 10, null),
      event('step.started', 20, 'flaky', { attempt: 1, startedAt: iso(20), stepType: 'http.request' }),
      event('step.retrying', 120, 'flaky', { attempt: 1, error: { message: 'HTTP 500' }, nextAttemptAt: iso(400) }),
      event('run.waiting', 130, null),
      event('run.started', 390, null),
      event('step.started', 400, 'flaky', { attempt: 2, startedAt: iso(400) }),
      event('step.completed', 500, 'flaky', { attempt: 2, startedAt: iso(400), completedAt: iso(500) }),
      event('step.completed', 900, 'after', { attempt: 1, startedAt: iso(600), completedAt: iso(900) }),
      event('run.completed', 1000, null),
    ];
    const waterfall = buildWaterfall(run, events, T + 5000);
    expect(waterfall.origin).toBe(T + 10);
    expect(waterfall.end).toBe(T + 1000);
    const [flaky, after] = waterfall.rows;
    expect(flaky?.bars).toEqual([
      { attempt: 1, start: T + 20, end: T + 120, kind: 'retried', error: 'HTTP 500' },
      { attempt: 2, start: T + 400, end: T + 500, kind: 'completed', error: undefined },
    ]);
    expect(flaky?.waits).toEqual([{ start: T + 120, end: T + 400, kind: 'retry' }]);
    expect(after?.bars).toHaveLength(1);
    expect(waterfall.parked).toEqual([{ start: T + 130, end: T + 390, kind: 'parked' }]);
  });

  it("falls back to each step's record without events, and runs a live run's axis to now", () => {
    const run = {
      createdAt: iso(0),
      startedAt: iso(0),
      completedAt: null,
      steps: [step('a', { attempts: 3, startedAt: iso(50), completedAt: iso(80), status: 'failed' }), step('b', { status: 'skipped' })],
    };
    const waterfall = buildWaterfall(run, [], T + 200);
    expect(waterfall.rows[0]?.bars).toEqual([{ attempt: 3, start: T + 50, end: T + 80, kind: 'failed', error: undefined }]);
    expect(waterfall.rows[1]).toMatchObject({ skipped: true, bars: [] });
    expect(waterfall.end).toBe(T + 200);
  });

  it('marks the axis in round steps', () => {
    expect(axisTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(90_000, 4)).toEqual([0, 30_000, 60_000, 90_000]);
  });
});
