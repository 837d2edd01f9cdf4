import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial';

/** Every migration, in order. Names sort lexically: never rename or reorder a released one. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
