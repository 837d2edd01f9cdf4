import { AssayError } from '@assay/schema';

/** Parses a Retry-After header (delay in seconds, or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Whether an HTTP status is worth retrying: 408, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A short, single-line excerpt of a response body for error messages. */
export function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * The error for an HTTP status ≥ 400: retryable (with the Retry-After hint) for 408, 429 and 5xx,
 * otherwise final. Names the status and a short excerpt of the body.
 */
export function statusError(status: number, host: string, bodyText: string, retryAfter: string | null, now: number): AssayError {
  const snippet = excerpt(bodyText);
  const message = `HTTP ${status} from ${host}${snippet ? `: ${snippet}` : ''}`;
  if (!isRetryableStatus(status)) return new AssayError('step_failed', message, { retryable: false });
  return new AssayError('step_failed', message, { retryable: true, retryAfterMs: parseRetryAfter(retryAfter, now) });
}
