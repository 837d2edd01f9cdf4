import { sql, type Kysely, type Migration } from 'kysely';

/** Finished runs by age, for the retention pruner (an index of finished runs only). */
export const retention: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('runs_finished')
      .on('runs')
      .columns(['completed_at', 'id'])
      .where(sql.ref('completed_at'), 'is not', null)
      .execute();
  },
};
