import type { Kysely, Migration } from 'kysely';

/** After a webhook secret is rotated, the previous one may keep verifying for a grace period. */
export const triggerSecretGrace: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('workflow_triggers').addColumn('previous_secret', 'text').execute();
    await db.schema.alterTable('workflow_triggers').addColumn('previous_valid_until', 'bigint').execute();
  },
};
