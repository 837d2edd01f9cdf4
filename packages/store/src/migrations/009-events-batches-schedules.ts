import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreDialect } from '../dialect/dialect';

/**
 * The event log (what live streams replay and the outbox fans out), event endpoints with their
 * durable deliveries, batches, and schedules.
 */
export const eventsBatchesSchedules = (dialect: StoreDialect): Migration => ({
  async up(db: Kysely<unknown>) {
    // Append-only. `seq` orders every event of the installation: it is the SSE event id, so a client
    // reconnecting with Last-Event-ID resumes exactly after the last event it saw.
    await db.schema
      .createTable('events')
      // SQLite: an alias of the rowid (assigned in insert order). PostgreSQL: a sequence; appends
      // are serialized at commit (see EventLog) so positions also commit in order.
      .addColumn('seq', dialect.serialKeyType, (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      .addColumn('workflow_id', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('step_id', 'text')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    // No (workspace_id, seq) index: a workspace stream reads forward from a recent position along the
    // primary key, and every index here is written nine times per run.
    await db.schema.createIndex('events_run').on('events').columns(['run_id', 'seq']).where(sql.ref('run_id'), 'is not', null).execute();

    // How far each consumer of the log (the delivery fan-out) has read.
    await db.schema
      .createTable('event_cursors')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('event_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text')
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('disabled_reason', 'text')
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('event_endpoints_workspace').on('event_endpoints').columns(['workspace_id', 'id']).execute();

    // The outbox: one row per (event, receiver). `due_at` is the delivery queue, like the runs queue.
    await db.schema
      .createTable('event_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('endpoint_id', 'text')
      .addColumn('run_id', 'text')
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('event_seq', 'bigint', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', 'bigint')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('event_deliveries_due')
      .on('event_deliveries')
      .columns(['due_at', 'id'])
      .where(sql.ref('due_at'), 'is not', null)
      .execute();
    await db.schema.createIndex('event_deliveries_endpoint').on('event_deliveries').columns(['endpoint_id', 'id']).execute();

    await db.schema
      .createTable('delivery_attempts')
      .addColumn('delivery_id', 'text', (c) => c.notNull())
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('started_at', 'bigint', (c) => c.notNull())
      .addColumn('status_code', 'integer')
      .addColumn('latency_ms', 'integer', (c) => c.notNull())
      .addColumn('response_excerpt', 'text')
      .addColumn('error', 'text')
      .addPrimaryKeyConstraint('delivery_attempts_pk', ['delivery_id', 'attempt'])
      .execute();

    await db.schema
      .createTable('batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('workflow_version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('invalid', 'text')
      .addColumn('concurrency', 'integer')
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('batches_workspace').on('batches').columns(['workspace_id', 'id']).execute();
    // Batch progress is counted per status; batch runs held back by a concurrency cap are found in order.
    await db.schema
      .createIndex('runs_batch_status')
      .on('runs')
      .columns(['batch_id', 'status', 'id'])
      .where(sql.ref('batch_id'), 'is not', null)
      .execute();

    await db.schema
      .createTable('schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('workflow_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      .addColumn('input', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('missed', 'text', (c) => c.notNull())
      .addColumn('next_fire_at', 'bigint')
      .addColumn('last_fire_at', 'bigint')
      .addColumn('last_run_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('schedules_workflow').on('schedules').columns(['workflow_id', 'id']).execute();
    await db.schema
      .createIndex('schedules_due')
      .on('schedules')
      .columns(['next_fire_at'])
      .where(sql.ref('next_fire_at'), 'is not', null)
      .execute();

    // Claiming takes the highest priority first, then the longest due.
    await db.schema
      .createIndex('runs_claim')
      .on('runs')
      .columns(['priority desc', 'due_at', 'id'])
      .where(sql.ref('due_at'), 'is not', null)
      .execute();
  },
});
