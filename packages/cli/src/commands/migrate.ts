import { loadConfig, openConfiguredStore } from '@assay/runtime';

/** `assay migrate`: applies pending database migrations (SQLite or PostgreSQL) and says which. */
export async function migrateCommand(): Promise<void> {
  const store = await openConfiguredStore(loadConfig(process.env), { migrate: false, poolSize: 2 });
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await store.close();
  }
}
