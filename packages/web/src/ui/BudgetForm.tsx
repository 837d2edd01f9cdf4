import { useState } from 'react';
import type { Budget, Cost, SetBudgetBody } from '@assay/schema';
import { ErrorNote } from './ErrorNote';

/** "$0.42 · 12,300 tokens", or "none yet". */
export function describeCost(cost: Cost): string {
  if (cost.usd === 0 && cost.tokens === 0) return 'none yet';
  return `${usd(cost.usd)} · ${cost.tokens.toLocaleString('en-US')} tokens`;
}

/** "$5.00 · 200,000 tokens" (what the budget limits). */
export function describeBudget(budget: Budget): string {
  return [budget.usd !== undefined && usd(budget.usd), budget.tokens !== undefined && `${budget.tokens.toLocaleString('en-US')} tokens`]
    .filter(Boolean)
    .join(' · ');
}

function usd(value: number): string {
  if (value === 0) return '$0';
  return `$${value < 1 ? value.toPrecision(2) : value.toFixed(2)}`;
}

/**
 * Raises a budget (a run's or a batch's): suggests double each limit, sends the limits given (an
 * emptied limit is removed) and reports what the server refused.
 */
export function BudgetForm({ budget, onSubmit }: { budget: Budget | null; onSubmit(change: SetBudgetBody): Promise<void> }) {
  const [usdText, setUsdText] = useState(budget?.usd !== undefined ? String(Math.round(budget.usd * 200) / 100) : '');
  const [tokensText, setTokensText] = useState(budget?.tokens !== undefined ? String(budget.tokens * 2) : '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const change: SetBudgetBody = {
        ...(budget?.usd !== undefined || usdText ? { usd: usdText ? Number(usdText) : null } : {}),
        ...(budget?.tokens !== undefined || tokensText ? { tokens: tokensText ? Number(tokensText) : null } : {}),
      };
      await onSubmit(change);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form
        className="budget-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <label>
          USD{' '}
          <input type="number" min="0" step="any" value={usdText} onChange={(e) => setUsdText(e.target.value)} aria-label="Budget in USD" />
        </label>
        <label>
          Tokens{' '}
          <input
            type="number"
            min="1"
            step="1"
            value={tokensText}
            onChange={(e) => setTokensText(e.target.value)}
            aria-label="Budget in tokens"
          />
        </label>
        <button type="submit" disabled={busy}>
          Raise budget and resume
        </button>
      </form>
      <ErrorNote error={error} />
    </>
  );
}
