import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openStore, type Store } from '@assay/store';
import type { AssayConfig } from '../config';

/**
 * The store DATABASE_URL names: PostgreSQL, or (default) the SQLite file in the data directory.
 * `migrate: false` opens it without applying pending migrations (`assay migrate` applies them itself).
 */
export async function openConfiguredStore(config: AssayConfig, options: { migrate?: boolean; poolSize?: number } = {}): Promise<Store> {
  const { database } = config;
  const limits = { perWorkspace: config.workspaceConcurrency };
  const migrate = options.migrate ?? true;
  if (database.kind === 'postgres')
    return openStore({ postgresUrl: database.url, poolSize: options.poolSize ?? config.databasePoolSize, limits, migrate });
  if (database.file !== ':memory:') mkdirSync(path.dirname(database.file), { recursive: true });
  return openStore({ sqliteFile: database.file, synchronous: database.synchronous, limits, migrate });
}
