import type { Db } from '../database';
import type { WriteBatcher } from '../write-batcher';

/** A sealed value where it is stored: a credential, an event endpoint's secret or a workspace's callback secret. */
export interface SealedValue {
  kind: 'credential' | 'event_endpoint' | 'callback_secret';
  /** The row: a credential or endpoint id, or the workspace id of a callback secret. */
  id: string;
  sealed: string;
}

/**
 * Every sealed value across the tables that hold them, for the server to re-seal values from an older
 * envelope. The store never opens them: it only finds and swaps the sealed text.
 */
export class SealedValueStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
  ) {}

  /** The sealed values in envelope `version` (`v1`: their text starts with `v1.`). */
  async inVersion(version: string): Promise<SealedValue[]> {
    // A version is `v` and digits, so the pattern holds no LIKE wildcard but its final `%`.
    if (!/^v\d+$/.test(version)) throw new Error(`not an envelope version: ${version}`);
    const pattern = `${version}.%`;
    const [credentials, endpoints, callbacks] = await Promise.all([
      this.db.selectFrom('credentials').select(['id', 'sealed']).where('sealed', 'like', pattern).execute(),
      this.db.selectFrom('event_endpoints').select(['id', 'secret']).where('secret', 'like', pattern).execute(),
      this.db.selectFrom('callback_secrets').select(['workspace_id', 'secret']).where('secret', 'like', pattern).execute(),
    ]);
    return [
      ...credentials.map((row): SealedValue => ({ kind: 'credential', id: row.id, sealed: row.sealed })),
      ...endpoints.map((row): SealedValue => ({ kind: 'event_endpoint', id: row.id, sealed: row.secret })),
      ...callbacks.map((row): SealedValue => ({ kind: 'callback_secret', id: row.workspace_id, sealed: row.secret })),
    ];
  }

  /**
   * Swaps `value.sealed` for `sealed` if the row still holds `value.sealed` (compare-and-set: a value
   * replaced meanwhile, by a user or another process re-sealing it, is left alone). True if swapped.
   */
  replace(value: SealedValue, sealed: string): Promise<boolean> {
    return this.writes.write(async (trx) => {
      const result =
        value.kind === 'credential'
          ? await trx
              .updateTable('credentials')
              .set({ sealed })
              .where('id', '=', value.id)
              .where('sealed', '=', value.sealed)
              .executeTakeFirst()
          : value.kind === 'event_endpoint'
            ? await trx
                .updateTable('event_endpoints')
                .set({ secret: sealed })
                .where('id', '=', value.id)
                .where('secret', '=', value.sealed)
                .executeTakeFirst()
            : await trx
                .updateTable('callback_secrets')
                .set({ secret: sealed })
                .where('workspace_id', '=', value.id)
                .where('secret', '=', value.sealed)
                .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }
}
