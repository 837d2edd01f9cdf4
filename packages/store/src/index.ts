import { SignalStore } from './api/signal-store';
import { ApprovalStore } from './api/approval-store';
import { EvaluationStore } from './api/evaluation-store';
import { FailedRunFeed } from './api/failed-run-feed';
import type { Db } from './database';
import { AccessStore } from './api/access-store';
import { RunStoreApi } from './api/run-store';
import { TriggerStore } from './api/trigger-store';
import { CredentialStore } from './api/credential-store';
import { McpServerStore } from './api/mcp-server-store';
import { DocumentStore } from './api/document-store';
import { ArtifactStore } from './api/artifact-store';
import { DatasetStore } from './api/dataset-store';
import { WorkflowStore } from './api/workflow-store';
import { EndpointStore } from './api/endpoint-store';
import { DeliveryStore } from './api/delivery-store';
import { BatchStore } from './api/batch-store';
import { ScheduleStore } from './api/schedule-store';
import { RunQueue } from './engine/run-queue';
import { AiSlotStore } from './api/ai-slot-store';
import { RetentionStore } from './api/retention-store';
import { AuditStore } from './api/audit-store';
import { UserStore } from './api/user-store';
import { SignInThrottleStore } from './api/sign-in-throttle-store';
import { SettingStore } from './api/setting-store';
import { SealedValueStore } from './api/sealed-value-store';
import { FlowControl, type ConcurrencyLimits } from './engine/flow-control';
import { migrateToLatest, migrationsCurrent } from './migrate';
import { sql } from 'kysely';
import type { StoreDialect } from './dialect/dialect';
import { SqliteStoreDialect } from './dialect/sqlite-dialect';
import { PostgresStoreDialect } from './dialect/postgres-dialect';
import { openSqlite } from './sqlite/open-sqlite';
import { openPostgres } from './postgres/open-postgres';
import { WriteBatcher } from './write-batcher';
import { EventLog } from './events/event-log';
import { BatchSettlement } from './batches/settle-batch';
import { RunEnqueuer } from './runs/enqueue-runs';
import { DraftRunStore } from './api/draft-run-store';

export type { Database, Db } from './database';
export type { KeyRecord } from './api/access-store';
export type { RunRecord, RunWithDetails, StepRunRecord, NewRun, RunFilter, WorkflowRunStats } from './api/run-store';
export type { WorkflowRecord, VersionRecord, PageOptions, WorkflowArchiveFilter } from './api/workflow-store';
export type {
  BatchRecord,
  BatchResultRow,
  BatchSource,
  BatchStatus,
  InvalidRowRecord,
  NewBatch,
  OpenBatchProgress,
  StatusCounts,
} from './api/batch-store';
export { BatchStore };
export type { TriggerRecord, Verification } from './api/trigger-store';
export type { CredentialRecord } from './api/credential-store';
export type { ArtifactRecord } from './api/artifact-store';
export type { ColumnType, DatasetRecord, DatasetLoader, Row } from './api/dataset-store';
export { EndpointStore, type EndpointRecord, type NewEndpoint, type EndpointChanges } from './api/endpoint-store';
export {
  DeliveryStore,
  type DeliveryRecord,
  type DeliveryStatus,
  type AttemptRecord,
  type ClaimedDelivery,
  type AttemptOutcome,
  type AttemptResult,
  type RetryPolicy,
} from './api/delivery-store';
export {
  ScheduleStore,
  scheduleRunKey,
  type ScheduleRecord,
  type NewSchedule,
  type SchedulePatch,
  type ScheduleFire,
  type FireResult,
} from './api/schedule-store';
export { type McpServerFields, type McpServerRecord, type McpTransport } from './api/mcp-server-store';
export { type DocumentRecord, type NewDocument } from './api/document-store';
export {
  AccessStore,
  ArtifactStore,
  CredentialStore,
  McpServerStore,
  DatasetStore,
  RunStoreApi,
  TriggerStore,
  WorkflowStore,
  RunQueue,
  WriteBatcher,
  openSqlite,
};
export type { ConcurrencyLimits } from './engine/flow-control';
export type { PruneResult } from './api/retention-store';
export type { AuditRecord, NewAuditRecord, AuditFilter } from './api/audit-store';
export { SignInThrottleStore, type ThrottleCount } from './api/sign-in-throttle-store';
export { SettingStore } from './api/setting-store';
export { SealedValueStore, type SealedValue } from './api/sealed-value-store';
export {
  UserStore,
  type UserRecord,
  type MemberRecord,
  type MemberRole,
  type MemberRefusal,
  type NewMember,
  type SessionRecord,
} from './api/user-store';
export { SignalStore, type RunSignal } from './api/signal-store';
export { ApprovalStore, type ApprovalFilter, type ApprovalLinkRecord, type ApprovalRecord, type DecideOutcome } from './api/approval-store';
export { EvaluationStore, type EvaluationRecord, type EvaluationRowRecord, type FinishedRun } from './api/evaluation-store';
export { FailedRunFeed, type FailedRunEvent } from './api/failed-run-feed';
export { EventLog, stepEvent, type NewEvent, type StoredEvent, type EventFilter } from './events/event-log';
export { BatchSettlement, UNFINISHED_RUN_STATUSES } from './batches/settle-batch';
export { param, prepareQuery } from './prepared-query';
export { fromJson, toJson, toIso, toMs } from './codec';
export { newId, idFloor } from './ids';
export {
  DraftRunStore,
  type DraftRecord,
  type LatestStepRecord,
  type NewDraftRun,
  type ProvidedOutput,
  type SampleRecord,
} from './api/draft-run-store';

/** Everything the server and the engine need from the database. */
export interface Store {
  db: Db;
  access: AccessStore;
  workflows: WorkflowStore;
  runs: RunStoreApi;
  /** Draft runs (the editor's tests, kept apart from runs), latest step outputs and pinned samples. */
  drafts: DraftRunStore;
  triggers: TriggerStore;
  credentials: CredentialStore;
  /** MCP servers workspaces register for `mcp.call` steps and agents. */
  mcpServers: McpServerStore;
  /** Documents uploaded as sources, their pages and their searchable passages. */
  documents: DocumentStore;
  /** Signals sent to runs for their `wait.signal` steps. */
  signals: SignalStore;
  /** Approvals of runs' `approval` steps and their signed links. */
  approvals: ApprovalStore;
  /** Evaluations and their rows' scores. */
  evaluations: EvaluationStore;
  /** The failed runs in event order, for the workers that start `onFailure` workflows. */
  failedRuns: FailedRunFeed;
  artifacts: ArtifactStore;
  datasets: DatasetStore;
  /** Batches ("run over a list"). */
  batches: BatchStore;
  /** Cron schedules, and the compare-and-set every scheduler fires through. */
  schedules: ScheduleStore;
  /** Event endpoints (and the per-workspace callback secret). */
  endpoints: EndpointStore;
  /** The event delivery outbox: fan-out, queue, attempt log. */
  deliveries: DeliveryStore;
  /** Who changed what (workflows, triggers, keys, credentials, schedules, endpoints). */
  audit: AuditStore;
  /** Users (with password hashes), their role per workspace, and browser sessions. */
  users: UserStore;
  /** Failed sign-in counters per account and client address, shared by every API process. */
  signIns: SignInThrottleStore;
  /** Prunes finished runs after the retention period. */
  retention: RetentionStore;
  /** Installation-wide settings (the secret key's salt), shared by every process. */
  settings: SettingStore;
  /** Every sealed value (credentials, endpoint and callback secrets), for re-sealing. */
  sealedValues: SealedValueStore;
  /** Per-provider AI permits shared by every process (used when scaled out on PostgreSQL). */
  aiSlots: AiSlotStore;
  /** The event log: live streams read it, the delivery fan-out tails it. */
  events: EventLog;
  /** Group commit for writes (stores of later features share it). */
  writes: WriteBatcher;
  /** The engine's port. */
  queue: RunQueue;
  dialect: 'sqlite' | 'postgres';
  /** One process owns this database (embedded SQLite); false when processes share it (PostgreSQL). */
  exclusive: boolean;
  /** Resolves when the database answers a trivial query (readiness). */
  ping(): Promise<void>;
  /** Whether every migration this build knows is applied (readiness). */
  migrationsCurrent(): Promise<boolean>;
  /** Applies pending migrations (for a store opened with `migrate: false`); returns their names. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export type StoreOptions = (
  | {
      /** A SQLite file path or ':memory:'. */
      sqliteFile: string;
      synchronous?: 'normal' | 'full';
    }
  | {
      /** `postgres://…` */
      postgresUrl: string;
      /** Connections in this process's pool. */
      poolSize?: number;
    }
) & {
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Concurrency limits claims enforce across every process (default: none). */
  limits?: ConcurrencyLimits;
};

/**
 * Group transactions one process keeps in flight on PostgreSQL (SQLite: one, its single writer).
 * Two measured faster, but under CPU load the API suite then lost run callbacks (a delivery never
 * sent within 10 s) and released a batch's held runs out of input order; one until that is
 * understood (the WriteBatcher supports more).
 */
const POSTGRES_PARALLEL_TRANSACTIONS = 1;

/** Opens the store (SQLite or PostgreSQL: the same code over either) and brings its schema up to date. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const postgres = 'postgresUrl' in options;
  const db = postgres
    ? openPostgres({ url: options.postgresUrl, poolSize: options.poolSize }).db
    : openSqlite({ file: options.sqliteFile, synchronous: options.synchronous });
  // Chosen once here: every operation that differs by database goes through it.
  const dialect: StoreDialect = postgres ? new PostgresStoreDialect() : new SqliteStoreDialect();
  if (options.migrate !== false) await migrateToLatest(db, dialect);
  const events = new EventLog(db, dialect);
  if ('postgresUrl' in options) events.listen(options.postgresUrl);
  const settlement = new BatchSettlement(db, events);
  const enqueuer = new RunEnqueuer(db, events);
  const flow = new FlowControl(options.limits ?? { perWorkspace: 0 }, dialect);
  const writes = new WriteBatcher(
    db,
    {
      begin: (trx) => {
        events.buffer(trx);
        settlement.buffer(trx);
      },
      // Batches first: one that finishes appends `batch.completed`, which the event log then writes.
      beforeCommit: async (trx) => {
        await settlement.flush(trx);
        await events.flush(trx);
      },
      committed: (trx) => events.committed(trx),
      rolledBack: (trx) => {
        settlement.discard(trx);
        events.discard(trx);
      },
    },
    { parallel: postgres ? POSTGRES_PARALLEL_TRANSACTIONS : 1 },
  );
  return {
    db,
    events,
    writes,
    access: new AccessStore(db, writes, dialect),
    workflows: new WorkflowStore(db, writes, () => flow.invalidate()),
    runs: new RunStoreApi(db, writes, events, settlement, enqueuer),
    drafts: new DraftRunStore(db, writes, enqueuer),
    triggers: new TriggerStore(db, writes),
    credentials: new CredentialStore(db, writes),
    mcpServers: new McpServerStore(db, writes),
    documents: new DocumentStore(db, writes, dialect),
    signals: new SignalStore(db, writes),
    approvals: new ApprovalStore(db, writes, events),
    evaluations: new EvaluationStore(db, writes, events),
    failedRuns: new FailedRunFeed(db),
    artifacts: new ArtifactStore(db),
    datasets: new DatasetStore(db, writes),
    batches: new BatchStore(db, writes, events, settlement, enqueuer),
    schedules: new ScheduleStore(db, writes, enqueuer),
    endpoints: new EndpointStore(db, writes),
    deliveries: new DeliveryStore(db, writes, dialect),
    queue: new RunQueue(db, writes, events, settlement, flow, dialect),
    aiSlots: new AiSlotStore(db, dialect),
    retention: new RetentionStore(db),
    settings: new SettingStore(db, writes),
    sealedValues: new SealedValueStore(db, writes),
    audit: new AuditStore(db, writes),
    users: new UserStore(db, writes, dialect),
    signIns: new SignInThrottleStore(db),
    dialect: dialect.name,
    exclusive: dialect.exclusive,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    migrationsCurrent: () => migrationsCurrent(db, dialect),
    migrate: () => migrateToLatest(db, dialect),
    close: async () => {
      await events.close();
      await db.destroy();
    },
  };
}
