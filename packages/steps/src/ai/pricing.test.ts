import { describe, expect, it } from 'vitest';
import { costUsd, modelPrice } from './pricing';

describe('pricing', () => {
  it('prices known models, dated snapshots, and nothing else', () => {
    expect(modelPrice('openai', 'gpt-4o-mini-2024-07-18')).toEqual(modelPrice('openai', 'gpt-4o-mini'));
    expect(modelPrice('anthropic', 'claude-sonnet-4-5-20250929')).toEqual({ input: 3, output: 15 });
    expect(modelPrice('anthropic', 'claude-opus-4-6')).toBeUndefined();
    expect(modelPrice('ollama', 'gpt-4o')).toBeUndefined();
    expect(costUsd(modelPrice('openai', 'gpt-4o'), 1_000_000, 1_000_000)).toBe(12.5);
    expect(costUsd(modelPrice('local', 'x'), 10, 10)).toBeUndefined();
  });
});
