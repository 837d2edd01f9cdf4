import type { Db } from '../database';

/** One throttled key's count in its current window. */
export interface ThrottleCount {
  key: string;
  /** Attempts counted in the window, this one included. */
  count: number;
  /** When the window ends (ms since the epoch): the count starts again from zero then. */
  resetAt: number;
}

/**
 * Sign-in attempt counters shared by every process on the database, one row per key and fixed
 * window. Each key is one upsert statement on its own, outside the group commit: the count answers
 * at once, and no transaction holds one counter's row lock while it waits for another's, so API
 * processes counting the same address and different accounts cannot deadlock. The same SQL
 * (`ON CONFLICT … DO UPDATE … RETURNING`) runs on SQLite and PostgreSQL.
 */
export class SignInThrottleStore {
  constructor(private readonly db: Db) {}

  /** Counts one attempt against each key and answers every key's count; a window that ended starts again at 1. */
  async hit(keys: readonly string[], windowMs: number, now: number = Date.now()): Promise<ThrottleCount[]> {
    const counts: ThrottleCount[] = [];
    for (const key of keys) {
      const row = await this.db
        .insertInto('sign_in_throttle')
        .values({ key, count: 1, window_ends_at: now + windowMs })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => {
            const ended = eb('sign_in_throttle.window_ends_at', '<=', now);
            return {
              count: eb
                .case()
                .when(ended)
                .then(1)
                .else(eb('sign_in_throttle.count', '+', 1))
                .end(),
              window_ends_at: eb
                .case()
                .when(ended)
                .then(now + windowMs)
                .else(eb.ref('sign_in_throttle.window_ends_at'))
                .end(),
            };
          }),
        )
        .returning(['count', 'window_ends_at'])
        .executeTakeFirstOrThrow();
      counts.push({ key, count: Number(row.count), resetAt: Number(row.window_ends_at) });
    }
    return counts;
  }

  /** Takes back one counted attempt from each key (it turned out not to be a failure). */
  async forgive(keys: readonly string[], now: number = Date.now()): Promise<void> {
    if (keys.length === 0) return;
    await this.db
      .updateTable('sign_in_throttle')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('key', 'in', keys)
      .where('count', '>', 0)
      .where('window_ends_at', '>', now)
      .execute();
  }

  /** Forgets a key's count (an account signed in with the right password). */
  async clear(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  }

  /** Deletes counters whose window ended by `now`; answers how many. */
  async prune(now: number = Date.now()): Promise<number> {
    const result = await this.db.deleteFrom('sign_in_throttle').where('window_ends_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
