import { describe, expect, it } from 'vitest';
import type { StepRecord } from '../ports';
import { RunStopped } from './abort';
import { RunBudget, type SpendEvent } from './run-budget';

const record = (status: StepRecord['status'], usage: Record<string, unknown> | null): StepRecord => ({
  stepId: 's',
  type: 'ai.generate',
  status,
  attempts: 1,
  startedAt: 0,
  completedAt: 0,
  config: null,
  output: null,
  error: null,
  usage,
  wakeAt: null,
});

describe('RunBudget', () => {
  it('starts from the usage of completed steps only (an unfinished agent charges its replayed turns itself)', () => {
    const budget = new RunBudget(
      null,
      [
        record('completed', { inputTokens: 100, outputTokens: 20, costUsd: 0.5 }),
        record('completed', { childRunId: 'x' }),
        record('running', { inputTokens: 999, outputTokens: 999, costUsd: 9 }),
      ],
      () => undefined,
    );
    expect(budget.spent).toEqual({ usd: 0.5, tokens: 120 });
  });

  it('stops the run when spent plus the estimate would cross a limit, and only then', () => {
    const stops: RunStopped[] = [];
    const budget = new RunBudget({ tokens: 1000, usd: 2 }, [], (stop) => stops.push(stop));
    budget.charge({ tokens: 900, usd: 1 }, 'openai:m');
    expect(() => budget.reserve({ tokens: 100, usd: 0.1 }, 'openai:m')).not.toThrow();
    expect(() => budget.reserve({ tokens: 0, usd: 0 }, 'openai:m')).not.toThrow();
    expect(() => budget.reserve({ tokens: 101, usd: 0.1 }, 'openai:m')).toThrow(RunStopped);
    expect(stops.map((s) => s.reason)).toEqual(['budget_exceeded']);
    expect(budget.exceeded).toContain('900 tokens of its budget of 1,000');
    budget.charge({ tokens: 0, usd: 1.5 }, 'openai:m');
    expect(() => budget.reserve({ tokens: 0, usd: 0 }, 'openai:m')).toThrow(RunStopped);
    expect(budget.exceeded).toContain('$2.5 of its budget of $2');
  });

  it('refuses a USD budget for a model without a price instead of spending blind', () => {
    const budget = new RunBudget({ usd: 5 }, [], () => undefined);
    expect(() => budget.reserve({ tokens: 10, usd: undefined }, 'openai:new')).toThrow(/ASSAY_AI_PRICES/);
    const tokensOnly = new RunBudget({ tokens: 50 }, [], () => undefined);
    expect(() => tokensOnly.reserve({ tokens: 10, usd: undefined }, 'openai:new')).not.toThrow();
  });

  it('reports each new call for metrics, not a replayed one', () => {
    const events: SpendEvent[] = [];
    const budget = new RunBudget(
      null,
      [],
      () => undefined,
      (event) => events.push(event),
    );
    budget.charge({ tokens: 10, usd: 0.01 }, 'openai:m', true);
    budget.charge({ tokens: 5, usd: undefined }, 'ollama:x');
    expect(events).toEqual([{ model: 'ollama:x', usd: 0, tokens: 5 }]);
    expect(budget.spent).toEqual({ usd: 0.01, tokens: 15 });
  });
});
