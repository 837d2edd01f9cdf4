import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

const policy = { maxAttempts: 5, backoff: 'exponential' as const, initialDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('doubles per attempt, with jitter between half and all of the delay', () => {
    expect(retryDelayMs(policy, 1, undefined, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, undefined, () => 1)).toBe(400);
  });

  it('caps the delay at maxDelayMs', () => {
    expect(retryDelayMs(policy, 10, undefined, () => 1)).toBe(1000);
  });

  it('keeps a fixed delay with fixed backoff', () => {
    expect(retryDelayMs({ ...policy, backoff: 'fixed' }, 4, undefined, () => 1)).toBe(100);
  });

  it('honours a longer Retry-After hint, and ignores a shorter one', () => {
    expect(retryDelayMs(policy, 1, 5000, () => 1)).toBe(5000);
    expect(retryDelayMs(policy, 3, 10, () => 1)).toBe(400);
  });
});
