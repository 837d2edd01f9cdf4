import { describe, expect, it } from 'vitest';
import { AssayApiError } from '@assay/sdk';
import { shouldRetry } from './query-client';

const refusal = (status: number) => new AssayApiError(status, 'refused', undefined, []);

describe('the query retry rule', () => {
  it('shows a refusal at once: a 4xx will not get better by asking again', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(shouldRetry(0, refusal(status)), String(status)).toBe(false);
  });

  it('tries once more after a server error, a rate limit or a network failure, then gives up', () => {
    for (const error of [refusal(500), refusal(503), refusal(429), new TypeError('Failed to fetch')]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(false);
    }
  });
});
