/**
 * USD per 1M tokens. Prices change; this table covers current well-known models, and
 * ASSAY_AI_PRICES adds or overrides entries (see `aiSettingsFromEnv`).
 */
export interface Price {
  input: number;
  output: number;
}

const OPENAI: Record<string, Price> = {
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
};

const ANTHROPIC: Record<string, Price> = {
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-opus': { input: 15, output: 75 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
};

const TABLES: Record<string, Record<string, Price>> = { openai: OPENAI, anthropic: ANTHROPIC };

/**
 * The price of a model: an exact name, or the longest known name followed by a `-suffix` (a date
 * or `-latest`, e.g. `gpt-4o-mini-2024-07-18`). Unknown models and compatible servers have none.
 */
export function modelPrice(provider: string, modelId: string): Price | undefined {
  const table = TABLES[provider];
  if (!table) return undefined;
  const exact = table[modelId];
  if (exact) return exact;
  let best: string | undefined;
  for (const name of Object.keys(table)) {
    if (
      modelId.startsWith(`${name}-`) &&
      /^-(\d{8}|\d{4}-\d{2}-\d{2}|latest)$/.test(modelId.slice(name.length)) &&
      (!best || name.length > best.length)
    )
      best = name;
  }
  return best === undefined ? undefined : table[best];
}

/** Cost in USD of a call at `price`, or undefined when the model's price is unknown. */
export function costUsd(price: Price | undefined, inputTokens: number, outputTokens: number): number | undefined {
  if (!price) return undefined;
  const cost = (inputTokens * price.input + outputTokens * price.output) / 1_000_000;
  return Math.round(cost * 1e8) / 1e8;
}
