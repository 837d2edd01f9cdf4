import { createHash } from 'node:crypto';
import { AssayError } from '@assay/schema';
import type { SignInThrottleStore } from '@assay/store';

/** Sign-in attempts allowed per window (0: that limit is off). */
export interface SignInLimits {
  /** Per account (email), from any address: stops guessing one user's password (ASSAY_SIGN_IN_ACCOUNT_LIMIT). */
  perAccount: number;
  /** Per client address, over every email: stops password spraying (ASSAY_SIGN_IN_ADDRESS_LIMIT). */
  perAddress: number;
  /** The window's length (ASSAY_SIGN_IN_WINDOW_MS). */
  windowMs: number;
}

/** A counted sign-in attempt, settled once the password has been checked (or could not be). */
export interface SignInAttempt {
  /** The password was right: the account's count is cleared and the address is not charged for it. */
  succeeded(): Promise<void>;
  /** The password was never checked (hashing was busy): the attempt is not charged to anyone. */
  unchecked(): Promise<void>;
}

/** Expired counters are deleted at most this often per process. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Limits sign-in attempts per account and per client address, with the counters in the database so
 * every API process shares them. An attempt is counted before its password is checked, so racing
 * requests cannot slip past the limit together, and one over a limit is refused with 429 and
 * Retry-After without any hashing. The account's counter exists for any email, known or not: the
 * answer never tells whether an account exists.
 */
export class SignInThrottle {
  private lastPrune = 0;

  constructor(
    private readonly counters: SignInThrottleStore,
    private readonly limits: SignInLimits,
  ) {}

  /** Counts an attempt for `email` from `address`; 429 (`rate_limited`) with retryAfterMs when either is over its limit. */
  async attempt(who: { email: string; address: string }): Promise<SignInAttempt> {
    const now = Date.now();
    this.pruneNowAndThen(now);
    // The email is stored hashed: people type passwords into the email field.
    const account = { key: `account:${createHash('sha256').update(who.email).digest('hex')}`, limit: this.limits.perAccount };
    const address = { key: `address:${who.address}`, limit: this.limits.perAddress };
    const limited = [account, address].filter((entry) => entry.limit > 0);
    const counts = await this.counters.hit(
      limited.map((entry) => entry.key),
      this.limits.windowMs,
      now,
    );
    const over = counts.filter((count, i) => count.count > (limited[i]?.limit ?? Infinity));
    if (over.length > 0) {
      const retryAfterMs = Math.max(...over.map((count) => count.resetAt - now));
      throw new AssayError('rate_limited', 'too many failed sign-ins: try again later', { retryAfterMs });
    }
    const keys = limited.map((entry) => entry.key);
    return {
      succeeded: async () => {
        await this.counters.clear(account.key);
        await this.counters.forgive(keys.filter((key) => key !== account.key));
      },
      unchecked: () => this.counters.forgive(keys),
    };
  }

  /** Deletes ended windows now and then, so counters of addresses and emails seen once do not pile up. */
  private pruneNowAndThen(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    // Best effort: a failed prune is retried a minute later and never fails a sign-in.
    void this.counters.prune(now).catch(() => undefined);
  }
}
