import type { Kysely, Migration } from 'kysely';

/**
 * Permits to call an AI provider, held in the database so a per-provider cap holds across every
 * worker process. A permit expires, so one held by a process that died frees itself.
 */
export const aiSlots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ai_slots')
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('holder', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ai_slots_pk', ['provider', 'holder'])
      .execute();
  },
};
