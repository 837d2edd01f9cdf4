import type { Kysely, Migration } from 'kysely';

/**
 * Datasets: tables a workspace uploads. Rows are JSON; the values of key columns are also written to
 * `dataset_keys`, indexed, so an equality lookup costs the same on 1,000 rows or 1,000,000.
 */
export const datasets: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('datasets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('columns', 'text', (c) => c.notNull())
      .addColumn('keys', 'text', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('datasets_name').unique().on('datasets').columns(['workspace_id', 'name']).execute();

    await db.schema
      .createTable('dataset_rows')
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('row_number', 'integer', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dataset_rows_pk', ['dataset_id', 'row_number'])
      .execute();

    await db.schema
      .createTable('dataset_keys')
      .addColumn('dataset_id', 'text', (c) => c.notNull())
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('row_number', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('dataset_keys_lookup')
      .on('dataset_keys')
      .columns(['dataset_id', 'column_name', 'value', 'row_number'])
      .execute();
  },
};
