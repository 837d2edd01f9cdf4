import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@assay/runtime';
import { openStore } from '@assay/store';

/** `assay migrate`: applies pending database migrations and says which. */
export async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.database.kind !== 'sqlite') throw new Error('DATABASE_URL: only SQLite is supported by this build');
  if (config.database.file !== ':memory:') mkdirSync(path.dirname(config.database.file), { recursive: true });
  const store = await openStore({ sqliteFile: config.database.file, migrate: false });
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await store.close();
  }
}
