/** Raised for a usage problem (exit code 2), e.g. missing credentials or an unreadable file. */
export class UsageError extends Error {
  override name = 'UsageError';
}
