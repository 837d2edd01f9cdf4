import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial';
import { webhookTriggers } from './002-webhook-triggers';

/** Every migration, in order. Names sort lexically: never rename or reorder a released one. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-webhook-triggers': webhookTriggers,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
