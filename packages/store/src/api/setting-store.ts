import type { Db } from '../database';
import type { WriteBatcher } from '../write-batcher';

/** Installation-wide settings by name, shared by every process on the database. */
export class SettingStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** The value stored under `name`, or null. */
  async get(name: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value ?? null;
  }

  /**
   * Stores `value` under `name` unless a value is there already, and returns the value that is. Two
   * processes starting at once agree: the primary key lets the first insert win, and both read it.
   */
  putIfAbsent(name: string, value: string): Promise<string> {
    return this.writes.write(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ name, value, created_at: Date.now() })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await trx.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    });
  }
}
