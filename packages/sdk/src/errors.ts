import type { ErrorDetail } from '@assay/schema';

/** An error answer from the Assay API, with the envelope's code and the fields it names. */
export class AssayApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | undefined,
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
