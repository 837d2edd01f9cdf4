import { AssayError, type ErrorCode, type ErrorDetail } from '@assay/schema';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** The only place error codes become HTTP statuses. */
const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  step_failed: 422,
  step_timeout: 422,
  run_timeout: 422,
  template_error: 422,
  limit_exceeded: 422,
  output_too_large: 422,
  budget_exceeded: 422,
  citations_unverified: 422,
  cancelled: 409,
  internal: 500,
};

/** Joins a zod issue path into `a.b[0].c` (with an optional prefix). */
export function issuePath(segments: readonly PropertyKey[], prefix = ''): string {
  const joined = segments.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    prefix,
  );
  return joined || '(body)';
}

/** An `invalid_input` error from zod issues, naming every offending field. */
export function fromZodError(error: z.ZodError, prefix = ''): AssayError {
  const details: ErrorDetail[] = error.issues.flatMap((issue) =>
    // An unknown field is named by its own path (`bogus`, `steps[0].colour`), one detail per field.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: issuePath([...issue.path, key], prefix), message: `unknown field "${key}"` }))
      : [{ path: issuePath(issue.path, prefix), message: issue.message }],
  );
  const first = details[0];
  return new AssayError('invalid_input', first ? `${first.path}: ${first.message}` : 'invalid request', { details });
}

/** Renders any error as the `{ error, code, details }` envelope with its status. */
export function errorResponse(c: Context, thrown: unknown): Response {
  if (thrown instanceof AssayError) {
    const status = STATUS[thrown.code];
    if (thrown.retryAfterMs !== undefined) c.header('Retry-After', String(Math.max(1, Math.ceil(thrown.retryAfterMs / 1000))));
    return c.json({ error: thrown.message, code: thrown.code, ...(thrown.details ? { details: thrown.details } : {}) }, status);
  }
  if (thrown instanceof HTTPException) {
    const status = thrown.status as ContentfulStatusCode;
    const code: ErrorCode =
      status === 413 ? 'payload_too_large' : status === 415 ? 'unsupported_media_type' : status < 500 ? 'invalid_input' : 'internal';
    const message = status === 413 ? 'request body too large' : thrown.message || 'bad request';
    return c.json({ error: message, code }, status);
  }
  return c.json({ error: 'internal server error', code: 'internal' }, 500);
}
