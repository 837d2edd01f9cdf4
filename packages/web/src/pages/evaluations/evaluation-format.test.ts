import { describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationVersion } from '@assay/schema';
import {
  bestVersion,
  costText,
  evaluationFinished,
  evaluationProgress,
  inputSummary,
  jsonText,
  percent,
  progressKey,
  progressMilestone,
  usd,
  valueText,
  versionProgress,
} from './evaluation-format';

function version(overrides: Partial<EvaluationVersion> = {}): EvaluationVersion {
  return {
    version: 1,
    batchId: 'bat_1',
    score: null,
    passRate: null,
    runs: { total: 10, completed: 0, failed: 0 },
    scored: 0,
    cost: { usd: 0, tokens: 0 },
    judgeCost: { usd: 0, tokens: 0 },
    latencyMs: null,
    scorers: [],
    ...overrides,
  };
}

type Progress = Pick<Evaluation, 'versions' | 'status'>;

describe('evaluation formatting', () => {
  it('shows shares as percentages, whole when they are, else with one decimal', () => {
    expect(percent(1)).toBe('100%');
    expect(percent(0.5)).toBe('50%');
    expect(percent(0)).toBe('0%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(0.0004)).toBe('0%');
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
    expect(percent(Number.NaN)).toBe('—');
  });

  it('shows costs in dollars and tokens', () => {
    expect(usd(0)).toBe('$0');
    expect(usd(0.004213)).toBe('$0.0042');
    expect(usd(12.5)).toBe('$12.50');
    expect(costText({ usd: 0, tokens: 0 })).toBe('none');
    expect(costText({ usd: 0.012, tokens: 1234 })).toBe('$0.012 · 1,234 tokens');
    expect(costText(null)).toBe('none');
  });

  it('writes values and rows on one line', () => {
    expect(valueText('buy')).toBe('buy');
    expect(valueText(7)).toBe('7');
    expect(valueText({ a: [1] })).toBe('{"a":[1]}');
    expect(valueText(undefined)).toBe('—');
    expect(jsonText('buy')).toBe('"buy"');
    expect(jsonText(undefined)).toBe('(none)');
    expect(inputSummary({ n: 7, company: 'Acme' })).toBe('n: 7, company: Acme');
    const long = inputSummary({ text: 'x'.repeat(200) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });

  it('measures progress by finished runs', () => {
    expect(versionProgress(version({ runs: { total: 4, completed: 2, failed: 1 } }))).toBe(0.75);
    expect(versionProgress(version({ runs: { total: 0, completed: 0, failed: 0 } }))).toBe(0);
    const evaluation = {
      versions: [
        version({ runs: { total: 4, completed: 4, failed: 0 } }),
        version({ version: 2, runs: { total: 4, completed: 0, failed: 0 } }),
      ],
    };
    expect(evaluationProgress(evaluation)).toBe(0.5);
  });

  it('knows the finished statuses', () => {
    expect(evaluationFinished({ status: 'running' })).toBe(false);
    for (const status of ['completed', 'failed', 'cancelled'] as const) expect(evaluationFinished({ status })).toBe(true);
  });

  it('keys reloads by scored rows, and big reloads by tenths of the runs', () => {
    const at = (completed: number, scored: number, status: Progress['status'] = 'running'): Progress => ({
      status,
      versions: [version({ runs: { total: 100, completed, failed: 0 }, scored })],
    });
    expect(progressKey(at(3, 3))).not.toBe(progressKey(at(4, 4)));
    expect(progressKey(at(4, 3))).not.toBe(progressKey(at(4, 4)));
    expect(progressMilestone(at(3, 3))).toBe(progressMilestone(at(9, 9)));
    expect(progressMilestone(at(9, 9))).not.toBe(progressMilestone(at(10, 10)));
    expect(progressMilestone(at(100, 100, 'completed'))).toBe('completed');
  });

  it('finds the best-scoring version', () => {
    expect(bestVersion({ versions: [version(), version({ version: 2 })] })).toBeNull();
    const best = bestVersion({
      versions: [version({ score: 0.5 }), version({ version: 2, score: 1 }), version({ version: 3, score: 1 }), version({ version: 4 })],
    });
    expect(best?.version).toBe(2);
  });
});
