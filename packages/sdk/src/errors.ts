import type { ErrorDetail, Run } from '@assay/schema';

/** An error answer (any non-2xx status) from the Assay API, with the envelope's code and the fields it names. */
export class AssayApiError extends Error {
  constructor(
    /** The HTTP status of the answer. */
    readonly status: number,
    message: string,
    /** The envelope's `code` (e.g. `invalid_input`), when the answer had one. */
    readonly code: string | undefined,
    /** Each offending field, from the envelope's `details` (empty when there were none). */
    readonly details: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AssayApiError';
  }

  /** Whether trying again later may succeed (rate limited or a server-side failure). */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** The server could not be reached (connection refused, DNS failure, reset…), even after the retries. */
export class AssayConnectionError extends Error {
  constructor(
    /** The URL that was requested. */
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach ${url}: ${describeCause(cause)}`, { cause });
    this.name = 'AssayConnectionError';
  }
}

/** A run did not finish within the time it was given; `run` is its last known state. */
export class AssayTimeoutError extends Error {
  constructor(
    /** The run as last read, still in progress. */
    readonly run: Run,
    timeoutMs: number,
  ) {
    super(`run ${run.id} is still ${run.status} after ${timeoutMs} ms`);
    this.name = 'AssayTimeoutError';
  }
}

/** fetch's "fetch failed" says little: the useful part (ECONNREFUSED…) is in its cause. */
function describeCause(error: unknown): string {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (inner instanceof Error) {
    const code = (inner as { code?: unknown }).code;
    const prefix = typeof code === 'string' && !inner.message.includes(code) ? code : '';
    return [prefix, inner.message].filter(Boolean).join(' ') || inner.name;
  }
  return String(inner);
}
