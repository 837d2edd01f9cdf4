import type { TrustedProxies } from './http/client-address';
import type { HashingLimits } from './services/hashing-slots';
import type { SignInLimits } from './services/sign-in-throttle';

/**
 * What the composition root needs to configure the API without loading it (a worker process reads
 * the same configuration but never starts the HTTP app).
 */
export { parseTrustedProxies, type TrustedProxies } from './http/client-address';

export interface SignInConfig {
  /** Attempts per account and per client address in a window, shared by every API process. */
  limits: SignInLimits;
  /** Password hashes at once per process (ASSAY_PASSWORD_HASH_CONCURRENCY) and waiting (ASSAY_PASSWORD_HASH_QUEUE). */
  hashing: HashingLimits;
  /** Proxies whose X-Forwarded-For names the client (ASSAY_TRUSTED_PROXIES; none: it is ignored). */
  trustedProxies: TrustedProxies;
}
