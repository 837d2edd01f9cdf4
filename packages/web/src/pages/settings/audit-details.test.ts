import { describe, expect, it } from 'vitest';
import { summarizeDetails } from './audit-details';

describe('audit details in words', () => {
  it('reads fields as words, lists arrays, leaves objects to the raw JSON and shortens long text', () => {
    expect(summarizeDetails({ name: 'CRM integration', scope: 'run', clientId: 'ak_1' })).toBe(
      'name: CRM integration · scope: run · client id: ak_1',
    );
    expect(summarizeDetails({ events: ['run.failed', 'run.completed'], nested: { a: 1 }, none: null, version: 3 })).toBe(
      'events: run.failed, run.completed · version: 3',
    );
    expect(summarizeDetails({ url: 'x'.repeat(100) })).toBe(`url: ${'x'.repeat(59)}…`);
  });
});
