/**
 * The one error type every Assay layer throws. HTTP status codes live only in the server, mapped
 * from `code`; whether an error is worth retrying is a property of the error itself.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid_state'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'step_failed'
  | 'step_timeout'
  | 'run_timeout'
  | 'template_error'
  /** An expression, template or document needed more time, memory or items than its limit allows. */
  | 'limit_exceeded'
  /** A step's output (or a run's output, a resolved config) is larger than ASSAY_MAX_OUTPUT_BYTES. */
  | 'output_too_large'
  /** A step crossed its own spending limit (`budget` on an agent). */
  | 'budget_exceeded'
  /** An AI step's citations were not found in the sources they cite, after one repair turn. */
  | 'citations_unverified'
  | 'cancelled'
  | 'internal';

/** One offending field: a dotted/indexed path and what is wrong with it. */
export interface ErrorDetail {
  path: string;
  message: string;
}

export interface AssayErrorOptions {
  details?: ErrorDetail[];
  retryable?: boolean;
  /** Milliseconds the caller should wait before trying again (from a Retry-After hint). */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Base error with a closed `code`, optional field `details` and a retry hint. */
export class AssayError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: AssayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AssayError';
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Normalises any throwable into an AssayError (unknown errors become `internal`, retryable). */
export function toAssayError(error: unknown, fallback: ErrorCode = 'internal'): AssayError {
  if (error instanceof AssayError) return error;
  if (error instanceof Error) return new AssayError(fallback, error.message, { cause: error, retryable: fallback === 'internal' });
  return new AssayError(fallback, String(error), { retryable: fallback === 'internal' });
}

/** Shorthand for an `invalid_input` error naming one field. */
export function invalidInput(path: string, message: string): AssayError {
  return new AssayError('invalid_input', `${path}: ${message}`, { details: [{ path, message }] });
}
