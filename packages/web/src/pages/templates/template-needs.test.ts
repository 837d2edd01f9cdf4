import { describe, expect, it } from 'vitest';
import { afterCreating, needLabel } from './template-needs';

describe('template needs', () => {
  it('names each need in words', () => {
    expect(needLabel('model')).toBe('A model provider');
    expect(needLabel('schedule')).toBe('A schedule (created disabled)');
  });

  it('says what is left to set up: the webhook, enabling the schedule', () => {
    expect(afterCreating({ needs: ['model'] })).toEqual([]);
    expect(afterCreating({ needs: ['model', 'webhook'] })).toEqual([expect.stringContaining('webhook trigger')]);
    expect(afterCreating({ needs: ['schedule'] })).toEqual([expect.stringContaining('enable it')]);
  });
});
