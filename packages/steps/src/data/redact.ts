import { AssayError } from '@assay/schema';

/** Replaces every occurrence of each secret (non-empty) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[redacted]');
  return out;
}

/** The same error with the secrets removed from its message (code, retryability and hint kept). */
export function redactError(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(error instanceof Error)) return error;
  const message = redact(error.message, secrets);
  if (message === error.message) return error;
  if (error instanceof AssayError) {
    return new AssayError(error.code, message, { retryable: error.retryable, retryAfterMs: error.retryAfterMs, details: error.details });
  }
  return new Error(message);
}
