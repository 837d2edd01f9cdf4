import { AssayError } from '@assay/schema';
import type { StepRecord } from '../ports';
import { RunStopped } from './abort';

/** What model calls cost: US dollars (undefined when the model has no known price) and tokens. */
export interface Spend {
  usd: number | undefined;
  tokens: number;
}

/** A spending limit; an absent field is no limit. */
export interface BudgetLimits {
  usd?: number;
  tokens?: number;
}

/** A model call's charge, as `ai.spent` reports it (for metrics). */
export interface SpendEvent {
  model: string;
  usd: number;
  tokens: number;
}

/**
 * The run's spending on model calls, as its steps see it (`StepContext.budget`). An AI step asks
 * `reserve` before each call and `charge`s what the call cost after it; a step that replays a call
 * an earlier execution made (an agent's checkpointed turn) charges it too, with `replayed`.
 */
export interface StepBudget {
  /**
   * Before a model call of `model`: when what the run has spent plus `estimate` would cross its
   * budget, stops the run (it parks, `budget_exceeded`, until the budget is raised) by throwing.
   * An estimate of zero asks whether the run is already over its budget.
   */
  reserve(estimate: Spend, model: string): void;
  /** After a model call: adds what it cost. */
  charge(spent: Spend, model: string, replayed?: boolean): void;
}

/** The usage fields the AI steps record: input and output tokens and, when priced, USD. */
export function usageSpend(usage: Record<string, unknown> | null | undefined): Spend {
  if (!usage) return { usd: 0, tokens: 0 };
  const tokens = numberOr0(usage.inputTokens) + numberOr0(usage.outputTokens);
  return { usd: numberOr0(usage.costUsd), tokens };
}

function numberOr0(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * One execution's meter of its run's spending. It starts from the run's checkpointed work (the usage
 * of its completed steps; an unfinished agent charges its checkpointed turns again as it replays
 * them), so a run resumed after a crash or a park counts what its checkpoints hold.
 */
export class RunBudget implements StepBudget {
  private usd = 0;
  private tokens = 0;
  /** Set once the run crossed its budget: why it stopped (the run parks with it). */
  exceeded: string | null = null;

  constructor(
    private readonly limits: BudgetLimits | null,
    records: Iterable<StepRecord>,
    private readonly stop: (reason: RunStopped) => void,
    private readonly onSpend?: (event: SpendEvent) => void,
  ) {
    for (const record of records) {
      if (record.status !== 'completed') continue;
      const spend = usageSpend(record.usage);
      this.usd += spend.usd ?? 0;
      this.tokens += spend.tokens;
    }
  }

  /** What the run has spent so far. */
  get spent(): { usd: number; tokens: number } {
    return { usd: round(this.usd), tokens: this.tokens };
  }

  reserve(estimate: Spend, model: string): void {
    const limits = this.limits;
    if (!limits) return;
    if (limits.usd !== undefined && estimate.usd === undefined)
      throw new AssayError(
        'invalid_input',
        `the run has a USD budget but ${model} has no known price: add it to ASSAY_AI_PRICES, or budget the run in tokens`,
      );
    let over: string | null = null;
    if (limits.tokens !== undefined && this.tokens + estimate.tokens > limits.tokens)
      over = `the run has used ${this.tokens.toLocaleString('en-US')} tokens of its budget of ${limits.tokens.toLocaleString('en-US')}`;
    const usd = estimate.usd ?? 0;
    if (limits.usd !== undefined && this.usd + usd > limits.usd)
      over = `the run has spent $${round(this.usd)} of its budget of $${limits.usd}`;
    if (over === null) return;
    const ahead =
      estimate.tokens > 0 ? `; the next call to ${model} (about ${estimate.tokens.toLocaleString('en-US')} tokens) would cross it` : '';
    this.exceeded = `${over}${ahead}`;
    const stopped = new RunStopped('budget_exceeded');
    this.stop(stopped);
    throw stopped;
  }

  charge(spent: Spend, model: string, replayed = false): void {
    this.usd += spent.usd ?? 0;
    this.tokens += spent.tokens;
    if (!replayed) this.onSpend?.({ model, usd: spent.usd ?? 0, tokens: spent.tokens });
  }
}

/** USD to a hundred-millionth (sums of float prices drift below that). */
function round(usd: number): number {
  return Math.round(usd * 1e8) / 1e8;
}
