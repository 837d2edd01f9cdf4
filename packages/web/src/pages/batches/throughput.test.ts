import { describe, expect, it } from 'vitest';
import { throughputSeries } from './throughput';

const T = Date.parse('2026-01-01T00:00:00.000Z');
const run = (status: 'completed' | 'failed' | 'running', ms: number | null) => ({
  status,
  completedAt: ms === null ? null : new Date(T + ms).toISOString(),
});

describe('batch throughput', () => {
  it('counts finished runs by status over time and the rate per interval, leaving out those still going', () => {
    const points = throughputSeries(T, [run('completed', 1000), run('failed', 2000), run('completed', 2000), run('running', null)]);
    expect(points.map((p) => p.t)).toEqual([0, 2000 / 3 / 1000, 4000 / 3 / 1000, 2]);
    expect(points[points.length - 1]).toMatchObject({ completed: 2, failed: 1, cancelled: 0 });
    expect(points.reduce((sum, p) => sum + (p.rate * (2000 / 3)) / 1000, 0)).toBeCloseTo(3);
    expect(throughputSeries(T, [run('running', null)])).toEqual([]);
  });
});
