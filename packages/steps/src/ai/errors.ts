import { AssayError } from '@assay/schema';
import { AISDKError, APICallError, RetryError } from 'ai';

const MAX_MESSAGE = 500;

/**
 * Milliseconds to wait from a `Retry-After` (seconds or an HTTP date) or `retry-after-ms` header,
 * or undefined when there is none or it cannot be read.
 */
export function retryAfterMs(headers: Record<string, string> | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const ms = lower.get('retry-after-ms')?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const value = lower.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE)}…` : oneLine;
}

/**
 * Maps an AI SDK failure to an AssayError: 408/409/429/5xx and network failures are retryable
 * (with the server's Retry-After hint), other HTTP errors are not. Messages never carry API keys.
 */
export function toAiError(error: unknown, model: string, redact: (text: string) => string): AssayError {
  if (error instanceof AssayError) return error;
  if (RetryError.isInstance(error)) return toAiError(error.lastError, model, redact);
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    const message = redact(clip(error.message || 'request failed'));
    if (status === undefined) {
      return new AssayError('step_failed', `${model}: could not reach the provider: ${message}`, { retryable: true });
    }
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new AssayError('step_failed', `${model}: provider answered HTTP ${status}: ${message}`, {
      retryable,
      retryAfterMs: retryable ? retryAfterMs(error.responseHeaders) : undefined,
    });
  }
  if (AISDKError.isInstance(error)) {
    return new AssayError('step_failed', `${model}: ${redact(clip(error.message))}`);
  }
  if (error instanceof TypeError && /fetch failed|network|socket|ECONN/i.test(`${error.message} ${String(error.cause)}`)) {
    return new AssayError('step_failed', `${model}: could not reach the provider: ${redact(clip(error.message))}`, { retryable: true });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AssayError('step_failed', `${model}: ${redact(clip(message))}`);
}
