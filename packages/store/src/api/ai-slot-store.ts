import { randomBytes } from 'node:crypto';
import { onAbort } from '@assay/engine';
import type { Db } from '../database';
import type { StoreDialect } from '../dialect/dialect';

/** A permit not released (its process died) frees itself after this long. */
const PERMIT_TTL_MS = 15 * 60_000;
/** Waiting for a permit polls the table, backing off from the first to the last delay. */
const WAIT_MS = { first: 25, last: 500 };

/**
 * Per-provider concurrency permits shared by every process on the database. Taking one checks the
 * count and inserts in one short transaction; on PostgreSQL under a lock per provider, so two
 * processes never take the last permit together.
 */
export class AiSlotStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: StoreDialect,
  ) {}

  /** Waits for one of `capacity` permits of `provider`; resolves with its release. Rejects when `signal` aborts. */
  async acquire(provider: string, capacity: number, signal?: AbortSignal): Promise<() => void> {
    const holder = randomBytes(9).toString('hex');
    for (let wait = WAIT_MS.first; ; wait = Math.min(WAIT_MS.last, wait * 2)) {
      signal?.throwIfAborted();
      if (await this.tryTake(provider, holder, capacity)) {
        let released = false;
        return () => {
          if (released) return;
          released = true;
          void this.db
            .deleteFrom('ai_slots')
            .where('provider', '=', provider)
            .where('holder', '=', holder)
            .execute()
            .catch(() => undefined);
        };
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(done, wait);
        const stopWaiting = signal
          ? onAbort(signal, () => {
              clearTimeout(timer);
              reject(signal.reason);
            })
          : null;
        function done() {
          stopWaiting?.();
          resolve();
        }
      });
    }
  }

  /** Permits of `provider` in use now (not expired). */
  async inUse(provider: string): Promise<number> {
    const row = await this.db
      .selectFrom('ai_slots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provider', '=', provider)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  private tryTake(provider: string, holder: string, capacity: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await this.dialect.lockTransaction(trx, `assay-ai:${provider}`);
      const now = Date.now();
      await trx.deleteFrom('ai_slots').where('provider', '=', provider).where('expires_at', '<=', now).execute();
      const row = await trx
        .selectFrom('ai_slots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('provider', '=', provider)
        .executeTakeFirst();
      if (Number(row?.n ?? 0) >= capacity) return false;
      await trx
        .insertInto('ai_slots')
        .values({ provider, holder, expires_at: now + PERMIT_TTL_MS })
        .execute();
      return true;
    });
  }
}
