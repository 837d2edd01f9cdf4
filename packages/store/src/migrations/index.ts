import type { Migration, MigrationProvider } from 'kysely';
import type { StoreDialect } from '../dialect/dialect';
import { initial } from './001-initial';
import { webhookTriggers } from './002-webhook-triggers';
import { credentialsAndArtifacts } from './003-credentials-artifacts';
import { datasets } from './004-datasets';
import { stepItems } from './005-step-items';
import { suspendedSteps } from './006-suspended-steps';
import { runPokes } from './007-run-pokes';
import { triggerSecretGrace } from './008-trigger-secret-grace';
import { eventsBatchesSchedules } from './009-events-batches-schedules';
import { eventDeliveryState } from './010-event-delivery-state';
import { retention } from './011-retention';
import { flowControl } from './012-flow-control';
import { aiSlots } from './013-ai-slots';
import { auditLog } from './014-audit-log';
import { usersSessions } from './015-users-sessions';
import { signInThrottle } from './016-sign-in-throttle';
import { secretKeySalt } from './017-secret-key-salt';
import { stepCache } from './018-step-cache';
import { budgets } from './019-budgets';
import { mcpServers } from './020-mcp-servers';
import { documents } from './021-documents';
import { triggerMapping } from './022-trigger-mapping';
import { runSignals } from './024-run-signals';
import { approvals } from './025-approvals';
import { evaluations } from './026-evaluations';
import { runMetadata } from './023-run-metadata';
import { draftRuns } from './027-draft-runs';

/**
 * Every migration, in order, for the store's dialect (a few column types differ). Names sort
 * lexically: never rename or reorder a released one.
 */
export const migrationsFor = (dialect: StoreDialect): Record<string, Migration> => ({
  '001-initial': initial,
  '002-webhook-triggers': webhookTriggers,
  '003-credentials-artifacts': credentialsAndArtifacts(dialect),
  '004-datasets': datasets,
  '005-step-items': stepItems,
  '006-suspended-steps': suspendedSteps,
  '007-run-pokes': runPokes,
  '008-trigger-secret-grace': triggerSecretGrace,
  '009-events-batches-schedules': eventsBatchesSchedules(dialect),
  '010-event-delivery-state': eventDeliveryState,
  '011-retention': retention,
  '012-flow-control': flowControl,
  '013-ai-slots': aiSlots,
  '014-audit-log': auditLog,
  '015-users-sessions': usersSessions,
  '016-sign-in-throttle': signInThrottle,
  '017-secret-key-salt': secretKeySalt,
  '018-step-cache': stepCache,
  '019-budgets': budgets,
  '020-mcp-servers': mcpServers,
  '021-documents': documents(dialect),
  '022-trigger-mapping': triggerMapping,
  '023-run-metadata': runMetadata,
  '024-run-signals': runSignals,
  '025-approvals': approvals,
  '026-evaluations': evaluations,
  '027-draft-runs': draftRuns,
});

export const migrationProvider = (dialect: StoreDialect): MigrationProvider => ({
  getMigrations: async () => migrationsFor(dialect),
});
