import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What event delivery needs beyond the outbox tables of 009: when an endpoint last accepted a
 * delivery (an endpoint is disabled only when a delivery used up its retries with no success since
 * that delivery's attempts began), where a delivery's current attempt series started (a redelivery
 * begins a new series while its earlier attempts stay in the log), and the per-workspace secret that
 * signs run callbacks not started by a webhook trigger.
 */
export const eventDeliveryState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('event_endpoints').addColumn('last_success_at', 'bigint').execute();
    await db.schema
      .alterTable('event_deliveries')
      .addColumn('series_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable('event_deliveries').addColumn('series_started_at', 'bigint').execute();
    // Expired leases are found without reading the whole outbox.
    await db.schema
      .createIndex('event_deliveries_leased')
      .on('event_deliveries')
      .columns(['lease_expires_at'])
      .where(sql.ref('lease_owner'), 'is not', null)
      .execute();
    await db.schema
      .createTable('callback_secrets')
      .addColumn('workspace_id', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    // The delivery fan-out starts from the newest event: history from before this upgrade is not sent.
    await sql`insert into event_cursors (name, seq) select 'deliveries', coalesce(max(seq), 0) from events`.execute(db);
  },
};
