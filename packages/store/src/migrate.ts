import { Migrator } from 'kysely';
import type { Db } from './database';
import type { StoreDialect } from './dialect/dialect';
import { migrationProvider, migrationsFor } from './migrations';

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db, dialect: StoreDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for readiness checks). */
export async function migrationsCurrent(db: Db, dialect: StoreDialect): Promise<boolean> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).length;
  return applied === Object.keys(migrationsFor(dialect)).length;
}
