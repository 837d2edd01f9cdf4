import { DELIVERABLE_EVENT_TYPES } from '@assay/schema';
import type { Transaction } from 'kysely';
import type { Database, Db, DeliveryAttemptsTable, EventDeliveriesTable } from '../database';
import { newId } from '../ids';
import type { StoreDialect } from '../dialect/dialect';
import type { WriteBatcher } from '../write-batcher';
import { parkDeliveries, toEndpointRecord, type EndpointRecord } from './endpoint-store';

/** The cursor of the delivery fan-out in `event_cursors`. */
export const DELIVERY_CURSOR = 'deliveries';

const RUN_TERMINAL_EVENTS = new Set<string>(['run.completed', 'run.failed', 'run.cancelled']);
/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 200;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  id: string;
  workspaceId: string;
  /** Null for a run's callback. */
  endpointId: string | null;
  runId: string | null;
  /** The callback URL (for an endpoint: its URL when the event was fanned out; sends use the current one). */
  url: string;
  eventSeq: number;
  eventType: string;
  status: DeliveryStatus;
  /** Every attempt ever made (the attempt log's numbering). */
  attempts: number;
  /** Attempts in the current series (a redelivery or re-enabling starts a new one). */
  seriesAttempts: number;
  seriesStartedAt: number;
  dueAt: number | null;
  leaseOwner: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

export interface AttemptRecord {
  attempt: number;
  startedAt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/** A leased delivery with what sending it needs: its event and (for an endpoint) the endpoint. */
export interface ClaimedDelivery extends DeliveryRecord {
  event: { workflowId: string | null; batchId: string | null; data: Record<string, unknown>; createdAt: number } | null;
  endpoint: EndpointRecord | null;
}

/** What one attempt gave. */
export interface AttemptOutcome {
  startedAt: number;
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  /** The receiver accepted it (2xx). */
  ok: boolean;
  /**
   * False when trying again cannot help (the outbound guard refused the address): the delivery fails
   * at once, and its endpoint is disabled as on 410 Gone. Unset means true.
   */
  retryable?: boolean;
}

export interface RetryPolicy {
  /** Delays before the 2nd, 3rd, … attempt of a series; after the last one the delivery fails. */
  backoffMs: readonly number[];
  /** Spreads retries so a recovering receiver is not hit by all of them at once. */
  jitter(delayMs: number): number;
}

/** What recording an attempt decided. */
export interface AttemptResult {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  /** Set when this attempt made Assay disable the endpoint. */
  disabledReason: string | null;
}

function toDeliveryRecord(row: EventDeliveriesTable): DeliveryRecord {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    endpointId: row.endpoint_id,
    runId: row.run_id,
    url: row.url,
    eventSeq: Number(row.event_seq),
    eventType: row.event_type,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    seriesAttempts: Number(row.series_attempts),
    seriesStartedAt: Number(row.series_started_at ?? row.created_at),
    dueAt: num(row.due_at),
    leaseOwner: row.lease_owner,
    lastStatusCode: num(row.last_status_code),
    lastError: row.last_error,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    deliveredAt: num(row.delivered_at),
  };
}

function toAttemptRecord(row: DeliveryAttemptsTable): AttemptRecord {
  return {
    attempt: Number(row.attempt),
    startedAt: Number(row.started_at),
    statusCode: row.status_code === null ? null : Number(row.status_code),
    latencyMs: Number(row.latency_ms),
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

/**
 * The durable outbox of event delivery: the fan-out from the event log into deliveries, the queue
 * of due deliveries (leased like runs), the attempt log, and the retry and disabling rules.
 */
export class DeliveryStore {
  constructor(
    private readonly db: Db,
    private readonly writes: WriteBatcher,
    private readonly dialect: StoreDialect,
  ) {}

  /**
   * Turns the next page of deliverable events after the fan-out cursor into deliveries: one per
   * enabled endpoint of the workspace that takes the event type (and the event's workflow, when the
   * endpoint filters on one), and one for the run's callback URL on a run's terminal event. The
   * cursor advances in the same transaction, so no event is fanned out twice or skipped. `more`
   * tells whether another page is waiting.
   */
  fanOut(options: { pageSize: number; now: number }): Promise<{ events: number; deliveries: number; more: boolean }> {
    return this.writes.write(async (trx) => {
      const cursor = await readCursor(trx, this.dialect);
      const events = await trx
        .selectFrom('events')
        .select(['seq', 'workspace_id', 'type', 'run_id', 'workflow_id'])
        .where('seq', '>', cursor)
        .where('type', 'in', DELIVERABLE_EVENT_TYPES)
        // A draft run's events are the editor's, not the workspace's: never delivered.
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.id', '=', 'events.run_id').where('runs.draft', '=', 1))),
        )
        .orderBy('seq')
        .limit(options.pageSize)
        .execute();
      const more = events.length === options.pageSize;
      // A short page saw every deliverable event up to the newest: the cursor may skip to it.
      const next = more ? Number(events[events.length - 1]?.seq) : await latestSeq(trx, cursor);
      const rows: EventDeliveriesTable[] = [];
      if (events.length > 0) {
        const workspaces = [...new Set(events.map((e) => e.workspace_id))];
        const endpoints = (
          await trx.selectFrom('event_endpoints').selectAll().where('enabled', '=', 1).where('workspace_id', 'in', workspaces).execute()
        ).map(toEndpointRecord);
        const runIds = [
          ...new Set(events.filter((e) => RUN_TERMINAL_EVENTS.has(e.type) && e.run_id !== null).map((e) => e.run_id as string)),
        ];
        const callbacks = new Map<string, string>();
        for (let i = 0; i < runIds.length; i += INSERT_CHUNK) {
          const found = await trx
            .selectFrom('runs')
            .select(['id', 'callback_url'])
            .where('id', 'in', runIds.slice(i, i + INSERT_CHUNK))
            .where('callback_url', 'is not', null)
            .execute();
          for (const run of found) callbacks.set(run.id, run.callback_url as string);
        }
        const now = options.now;
        const delivery = (event: (typeof events)[number], endpointId: string | null, url: string): EventDeliveriesTable => ({
          id: newId(now),
          workspace_id: event.workspace_id,
          endpoint_id: endpointId,
          run_id: event.run_id,
          url,
          event_seq: Number(event.seq),
          event_type: event.type,
          status: 'pending',
          attempts: 0,
          due_at: now,
          lease_owner: null,
          lease_expires_at: null,
          last_status_code: null,
          last_error: null,
          created_at: now,
          updated_at: now,
          delivered_at: null,
          series_attempts: 0,
          series_started_at: null,
        });
        for (const event of events) {
          for (const endpoint of endpoints) {
            if (endpoint.workspaceId !== event.workspace_id || !endpoint.events.includes(event.type)) continue;
            if (endpoint.workflowId !== null && endpoint.workflowId !== event.workflow_id) continue;
            rows.push(delivery(event, endpoint.id, endpoint.url));
          }
          const callbackUrl = event.run_id === null ? undefined : callbacks.get(event.run_id);
          if (callbackUrl !== undefined && RUN_TERMINAL_EVENTS.has(event.type)) rows.push(delivery(event, null, callbackUrl));
        }
        for (let i = 0; i < rows.length; i += INSERT_CHUNK)
          await trx
            .insertInto('event_deliveries')
            .values(rows.slice(i, i + INSERT_CHUNK))
            .execute();
      }
      if (next > cursor) await trx.updateTable('event_cursors').set({ seq: next }).where('name', '=', DELIVERY_CURSOR).execute();
      return { events: events.length, deliveries: rows.length, more };
    });
  }

  /**
   * Leases up to `limit` due deliveries (oldest due first) to `owner`, skipping the endpoints and
   * callback URLs that already have as many requests in flight as they may.
   */
  claim(options: {
    owner: string;
    now: number;
    leaseMs: number;
    limit: number;
    busyEndpoints: readonly string[];
    busyUrls: readonly string[];
  }): Promise<ClaimedDelivery[]> {
    const { owner, now, leaseMs, limit, busyEndpoints, busyUrls } = options;
    return this.writes.write(async (trx) => {
      const claimed = await trx
        .updateTable('event_deliveries')
        .set({ lease_owner: owner, lease_expires_at: now + leaseMs, due_at: null, updated_at: now })
        .where('id', 'in', (eb) => {
          let pick = eb.selectFrom('event_deliveries').select('id').where('due_at', '<=', now);
          if (busyEndpoints.length > 0)
            pick = pick.where((w) => w.or([w('endpoint_id', 'is', null), w('endpoint_id', 'not in', busyEndpoints)]));
          if (busyUrls.length > 0) pick = pick.where((w) => w.or([w('endpoint_id', 'is not', null), w('url', 'not in', busyUrls)]));
          return this.dialect.skipLocked(pick.orderBy('due_at').orderBy('id').limit(limit));
        })
        .returningAll()
        .execute();
      if (claimed.length === 0) return [];
      const seqs = [...new Set(claimed.map((row) => Number(row.event_seq)))];
      const endpointIds = [...new Set(claimed.map((row) => row.endpoint_id).filter((id): id is string => id !== null))];
      const events = new Map(
        (
          await trx.selectFrom('events').select(['seq', 'workflow_id', 'batch_id', 'data', 'created_at']).where('seq', 'in', seqs).execute()
        ).map((e) => [Number(e.seq), e]),
      );
      const endpoints = new Map(
        endpointIds.length === 0
          ? []
          : (await trx.selectFrom('event_endpoints').selectAll().where('id', 'in', endpointIds).execute()).map(
              (row) => [row.id, toEndpointRecord(row)] as const,
            ),
      );
      return claimed
        .map((row) => {
          const event = events.get(Number(row.event_seq));
          return {
            ...toDeliveryRecord(row),
            event: event
              ? {
                  workflowId: event.workflow_id,
                  batchId: event.batch_id,
                  data: JSON.parse(event.data) as Record<string, unknown>,
                  createdAt: Number(event.created_at),
                }
              : null,
            endpoint: row.endpoint_id === null ? null : (endpoints.get(row.endpoint_id) ?? null),
          };
        })
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    });
  }

  /**
   * Hands leased deliveries back unsent (shutting down, or over a cap): due now, or with `park` off
   * the queue (their endpoint was disabled after they were queued).
   */
  release(owner: string, ids: readonly string[], now: number, options: { park?: boolean } = {}): Promise<void> {
    if (ids.length === 0) return Promise.resolve();
    return this.writes.write(async (trx) => {
      await trx
        .updateTable('event_deliveries')
        .set({ lease_owner: null, lease_expires_at: null, due_at: options.park ? null : now, updated_at: now })
        .where('id', 'in', ids)
        .where('lease_owner', '=', owner)
        .execute();
    });
  }

  /** Makes deliveries whose lease expired (their sender died) due again. */
  recoverExpiredLeases(now: number): Promise<number> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('event_deliveries')
        .set({ lease_owner: null, lease_expires_at: null, due_at: now, updated_at: now })
        .where('lease_owner', 'is not', null)
        .where('lease_expires_at', '<', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  /** Makes every delivery leased by another sender due again (an embedded store has only one process). */
  releaseForeignLeases(owner: string, now: number): Promise<number> {
    return this.writes.write(async (trx) => {
      const result = await trx
        .updateTable('event_deliveries')
        .set({ lease_owner: null, lease_expires_at: null, due_at: now, updated_at: now })
        .where('lease_owner', 'is not', null)
        .where('lease_owner', '!=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    });
  }

  /** Deliveries due to be sent now (for metrics). */
  async backlog(now: number): Promise<number> {
    const row = await this.db
      .selectFrom('event_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('due_at', '<=', now)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async nextDueAt(): Promise<number | null> {
    const row = await this.db
      .selectFrom('event_deliveries')
      .select((eb) => eb.fn.min('due_at').as('next'))
      .where('due_at', 'is not', null)
      .executeTakeFirst();
    return row?.next === null || row?.next === undefined ? null : Number(row.next);
  }

  /**
   * Logs an attempt and decides what follows, while `owner` still holds the lease (else null: the
   * delivery was taken over or redelivered meanwhile). Success: delivered. Failure: retried after
   * the next delay of the policy (with jitter), or failed once the series used them all. An endpoint
   * is disabled when a delivery fails for good and nothing was delivered to the endpoint since that
   * delivery's series began (so a receiver down for about a day, not one that drops a few events),
   * or at once when the receiver answers 410 Gone or the attempt is not retryable (the outbound
   * guard refused the address). Its other pending deliveries are then parked.
   */
  recordAttempt(id: string, owner: string, outcome: AttemptOutcome, policy: RetryPolicy, now: number): Promise<AttemptResult | null> {
    return this.writes.write(async (trx) => {
      const row = await trx
        .selectFrom('event_deliveries')
        .selectAll()
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      if (!row) return null;
      const delivery = toDeliveryRecord(row);
      const attempt = delivery.attempts + 1;
      const series = delivery.seriesAttempts + 1;
      await trx
        .insertInto('delivery_attempts')
        .values({
          delivery_id: id,
          attempt,
          started_at: outcome.startedAt,
          status_code: outcome.statusCode,
          latency_ms: Math.round(outcome.latencyMs),
          response_excerpt: outcome.responseExcerpt,
          error: outcome.error,
        })
        .execute();
      const common = {
        attempts: attempt,
        series_attempts: series,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        lease_owner: null,
        lease_expires_at: null,
        updated_at: now,
      };

      if (outcome.ok) {
        await trx
          .updateTable('event_deliveries')
          .set({ ...common, status: 'delivered', due_at: null, delivered_at: now })
          .where('id', '=', id)
          .execute();
        if (delivery.endpointId !== null)
          await trx
            .updateTable('event_endpoints')
            .set({ consecutive_failures: 0, last_success_at: now })
            .where('id', '=', delivery.endpointId)
            .execute();
        return { status: 'delivered', nextAttemptAt: null, disabledReason: null };
      }

      const endpoint = delivery.endpointId === null ? null : await bumpFailures(trx, delivery.endpointId);
      const gone = outcome.statusCode === 410;
      const final = gone || outcome.retryable === false;
      const retryable = !final && series <= policy.backoffMs.length;
      if (retryable) {
        // An endpoint disabled meanwhile keeps the delivery pending but off the queue.
        const due = endpoint && !endpoint.enabled ? null : now + Math.max(0, Math.round(policy.jitter(policy.backoffMs[series - 1] ?? 0)));
        await trx
          .updateTable('event_deliveries')
          .set({ ...common, status: 'pending', due_at: due })
          .where('id', '=', id)
          .execute();
        return { status: 'pending', nextAttemptAt: due, disabledReason: null };
      }
      await trx
        .updateTable('event_deliveries')
        .set({ ...common, status: 'failed', due_at: null })
        .where('id', '=', id)
        .execute();
      let disabledReason: string | null = null;
      if (endpoint?.enabled) {
        const at = new Date(now).toISOString();
        if (gone) disabledReason = `disabled at ${at}: the receiver answered 410 Gone`;
        else if (final) disabledReason = `disabled at ${at}: ${describe(outcome)}`;
        else if (endpoint.lastSuccessAt === null || endpoint.lastSuccessAt < delivery.seriesStartedAt) {
          disabledReason = `disabled at ${at}: delivery ${id} failed all ${series} attempts since ${new Date(delivery.seriesStartedAt).toISOString()} and nothing was delivered to this endpoint meanwhile (last error: ${describe(outcome)})`;
        }
        if (disabledReason !== null) {
          await trx
            .updateTable('event_endpoints')
            .set({ enabled: 0, disabled_reason: disabledReason, updated_at: now })
            .where('id', '=', endpoint.id)
            .execute();
          await parkDeliveries(trx, endpoint.id, now);
        }
      }
      return { status: 'failed', nextAttemptAt: null, disabledReason };
    });
  }

  /** An endpoint's deliveries (newest first by default), with their attempt logs. */
  async list(
    endpointId: string,
    query: { status?: DeliveryStatus; limit: number; lt?: string; gt?: string; direction: 'asc' | 'desc' },
  ): Promise<Array<DeliveryRecord & { attemptLog: AttemptRecord[] }>> {
    let select = this.db.selectFrom('event_deliveries').selectAll().where('endpoint_id', '=', endpointId);
    if (query.status) select = select.where('status', '=', query.status);
    if (query.lt) select = select.where('id', '<', query.lt);
    if (query.gt) select = select.where('id', '>', query.gt);
    const rows = (await select.orderBy('id', query.direction).limit(query.limit).execute()).map(toDeliveryRecord);
    const attempts = await this.attempts(rows.map((r) => r.id));
    return rows.map((row) => ({ ...row, attemptLog: attempts.get(row.id) ?? [] }));
  }

  async get(endpointId: string, id: string): Promise<(DeliveryRecord & { attemptLog: AttemptRecord[] }) | null> {
    const row = await this.db
      .selectFrom('event_deliveries')
      .selectAll()
      .where('endpoint_id', '=', endpointId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    return { ...toDeliveryRecord(row), attemptLog: (await this.attempts([id])).get(id) ?? [] };
  }

  /** A run's callback deliveries (for tests and diagnostics). */
  async forRunCallbacks(runId: string): Promise<DeliveryRecord[]> {
    return (
      await this.db.selectFrom('event_deliveries').selectAll().where('run_id', '=', runId).where('endpoint_id', 'is', null).execute()
    ).map(toDeliveryRecord);
  }

  /**
   * Queues a delivery again, due now, as a new attempt series (its earlier attempts stay in the
   * log). 'not_found', or 'in_flight' while an attempt is being made.
   */
  redeliver(endpointId: string, id: string, now: number): Promise<DeliveryRecord | 'not_found' | 'in_flight'> {
    return this.writes.write(async (trx) => {
      const row = await trx
        .selectFrom('event_deliveries')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) return 'not_found';
      if (row.lease_owner !== null) return 'in_flight';
      const set = { status: 'pending', due_at: now, series_attempts: 0, series_started_at: now, delivered_at: null, updated_at: now };
      await trx.updateTable('event_deliveries').set(set).where('id', '=', id).execute();
      return toDeliveryRecord({ ...row, ...set });
    });
  }

  private async attempts(ids: string[]): Promise<Map<string, AttemptRecord[]>> {
    const byDelivery = new Map<string, AttemptRecord[]>();
    if (ids.length === 0) return byDelivery;
    const rows = await this.db
      .selectFrom('delivery_attempts')
      .selectAll()
      .where('delivery_id', 'in', ids)
      .orderBy('delivery_id')
      .orderBy('attempt')
      .execute();
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push(toAttemptRecord(row));
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  }
}

/** The fan-out cursor; created at the newest event if missing (history is not delivered). */
async function readCursor(trx: Transaction<Database>, dialect: StoreDialect): Promise<number> {
  // Locked until this fan-out commits: another process's fan-out waits, then reads the moved cursor.
  const row = await dialect.forUpdate(trx.selectFrom('event_cursors').select('seq').where('name', '=', DELIVERY_CURSOR)).executeTakeFirst();
  if (row) return Number(row.seq);
  const latest = await latestSeq(trx, 0);
  await trx.insertInto('event_cursors').values({ name: DELIVERY_CURSOR, seq: latest }).execute();
  return latest;
}

async function latestSeq(trx: Transaction<Database>, floor: number): Promise<number> {
  const row = await trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Math.max(floor, Number(row?.seq ?? 0));
}

/** Counts a failed attempt against the endpoint; returns the endpoint as it now is. */
async function bumpFailures(trx: Transaction<Database>, endpointId: string): Promise<EndpointRecord | null> {
  const row = await trx
    .updateTable('event_endpoints')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1) }))
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirst();
  return row ? toEndpointRecord(row) : null;
}

function describe(outcome: AttemptOutcome): string {
  return outcome.error ?? (outcome.statusCode === null ? 'no answer' : `HTTP ${outcome.statusCode}`);
}
