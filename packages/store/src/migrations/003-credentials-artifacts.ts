import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../dialect/dialect';

/** Encrypted credentials per workspace, and the files runs produce (stored in the database). */
export const credentialsAndArtifacts = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      // AES-256-GCM: iv, auth tag and ciphertext, base64; the value itself is never stored in the clear.
      .addColumn('sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('credentials_name').unique().on('credentials').columns(['workspace_id', 'name']).execute();

    await db.schema
      .createTable('artifacts')
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('step_id', 'text')
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('bytes', 'integer', (c) => c.notNull())
      .addColumn('data', dialect.binaryType, (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('artifacts_pk', ['run_id', 'name'])
      .execute();
  },
});
