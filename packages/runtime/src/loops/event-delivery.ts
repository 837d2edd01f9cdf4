import { AGAIN, Loop, POLL, type Logger, type NextPass } from '@assay/engine';
import { createOutboundGuard, type OutboundGuard } from '@assay/steps';
import type { AttemptOutcome, ClaimedDelivery, RetryPolicy, Store } from '@assay/store';
import type { DeliveryConfig } from '../config';
import {
  CallbackSecrets,
  DeliveryMessages,
  Destinations,
  destinationKey,
  onDeliveryWake,
  retryPolicy,
  SendAborted,
  sendWebhook,
  type RunService,
  type SecretBox,
} from '@assay/server/services';

/** Events turned into deliveries per fan-out transaction. */
const FANOUT_PAGE = 500;
/** Appends come in bursts (every step checkpoint): one fan-out serves a burst. */
const FANOUT_DEBOUNCE_MS = 10;
/** How often leases of senders that died are looked for. */
const RECOVER_EVERY_MS = 15_000;
/** Leased deliveries waiting for a slot, at most (memory), and per claim. */
const READY_MAX = 1000;
const CLAIM_BATCH = 500;
/**
 * Claims are spaced at least this far apart, or four times as long as the last one took: a claim
 * walks past the due deliveries of receivers that are full (a dead endpoint's backlog), and that
 * walk must not become the worker's main work.
 */
const CLAIM_MIN_INTERVAL_MS = 10;

export interface EventDeliveryOptions {
  store: Store;
  runs: RunService;
  box: SecretBox;
  logger: Logger;
  config: DeliveryConfig;
  /** Hosts the outbound guard lets through although private (ASSAY_HTTP_ALLOW). */
  httpAllow: string[];
  /** The fallback poll for work other processes queued (and for missed wake-ups). */
  pollMs: number;
  /** This process's lease owner id. */
  owner: string;
  /** The store has no other process (embedded SQLite): leases of a previous process are free at once. */
  exclusive: boolean;
}

interface Sending {
  key: string;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The event delivery worker: fans new events out into the durable outbox (right after they are
 * committed, plus a slow poll), then sends due deliveries with bounded concurrency, a per-request
 * timeout and a cap per endpoint (or callback URL), so a slow or dead receiver holds only its own
 * few slots and never the engine, which only appends events.
 */
export class EventDelivery {
  private readonly guard: OutboundGuard;
  private readonly messages: DeliveryMessages;
  private readonly policy: RetryPolicy;
  private readonly leaseMs: number;
  /** Turns new events into deliveries: woken by appends (debounced), else at the poll. */
  private readonly fanOutLoop: Loop;
  /** Claims due deliveries and starts them: woken by a fan-out, a freed slot, a due retry, else at the poll. */
  private readonly sendLoop: Loop;
  /** Leased and about to be sent, oldest first: a freed slot starts the next at once, without a claim. */
  private ready: Array<{ delivery: ClaimedDelivery; key: string }> = [];
  /** HTTP requests in flight. */
  private readonly sending = new Map<string, Sending>();
  private readonly destinations: Destinations;
  private lastClaimAt = 0;
  private lastClaimMs = 0;
  /** Attempt results being written (a slot is free again as soon as the receiver answered). */
  private readonly recording = new Set<Promise<void>>();
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly options: EventDeliveryOptions) {
    this.guard = createOutboundGuard({ allow: options.httpAllow });
    this.messages = new DeliveryMessages(options.store, options.runs, options.box, new CallbackSecrets(options.store, options.box));
    this.policy = retryPolicy(options.config.backoffMs);
    this.destinations = new Destinations(options.config.perEndpoint);
    // A send cannot outlive its timeout, so a lease this long only expires when its sender died.
    this.leaseMs = options.config.timeoutMs + 30_000;
    const { logger, pollMs, store } = options;
    const clock = { now: () => Date.now() };
    this.fanOutLoop = new Loop({ name: 'event fan-out', logger, clock, pollMs, debounceMs: FANOUT_DEBOUNCE_MS, pass: () => this.fanOut() });
    this.sendLoop = new Loop({
      name: 'event delivery',
      logger,
      clock,
      pollMs,
      pass: () => this.claim(),
      recover: {
        everyMs: RECOVER_EVERY_MS,
        run: async () => {
          if ((await store.deliveries.recoverExpiredLeases(Date.now())) > 0) this.sendLoop.notify();
        },
      },
    });
  }

  async start(): Promise<void> {
    const { store, owner, exclusive } = this.options;
    const now = Date.now();
    if (exclusive) await store.deliveries.releaseForeignLeases(owner, now);
    else await store.deliveries.recoverExpiredLeases(now);
    this.unsubscribe.push(store.events.onAppended(() => this.fanOutLoop.notify()));
    this.unsubscribe.push(onDeliveryWake(store, () => this.sendLoop.notify()));
    this.fanOutLoop.start();
    this.sendLoop.start();
  }

  /** Stops claiming, aborts the requests in flight and hands their deliveries back, due at once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    await this.fanOutLoop.stop();
    await this.sendLoop.stop(() => this.handBack());
    await this.guard.close();
  }

  private async handBack(): Promise<void> {
    const unsent = [...this.ready.map((r) => r.delivery.id), ...this.sending.keys()];
    this.ready = [];
    for (const flight of this.sending.values()) flight.controller.abort();
    await Promise.allSettled([...this.sending.values()].map((flight) => flight.done));
    await Promise.allSettled([...this.recording]);
    // Those that were answered were recorded (and are no longer leased): only the rest are handed back.
    await this.options.store.deliveries
      .release(this.options.owner, unsent, Date.now())
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not hand back event deliveries'));
  }

  /** One fan-out page; another follows at once while more events wait. */
  private async fanOut(): Promise<NextPass> {
    const { deliveries, more } = await this.options.store.deliveries.fanOut({ pageSize: FANOUT_PAGE, now: Date.now() });
    if (deliveries > 0) this.sendLoop.notify();
    return more ? AGAIN : POLL;
  }

  /**
   * Starts what is ready, then keeps deliveries leased ahead of the free slots, so a slot that frees
   * up never waits for a claim.
   */
  private async claim(): Promise<NextPass> {
    this.startReady();
    const { store, owner, config } = this.options;
    const limit = Math.min(CLAIM_BATCH, READY_MAX - this.ready.length);
    if (this.stopped || this.ready.length >= config.concurrency * 2 || limit <= 0) return POLL; // a finished send notifies
    const earliest = this.lastClaimAt + Math.max(CLAIM_MIN_INTERVAL_MS, 4 * this.lastClaimMs);
    if (earliest > Date.now()) return { dueAt: earliest };
    this.lastClaimAt = Date.now();
    this.destinations.roll(this.lastClaimAt);
    const full = this.destinations.fullKeys();
    const claimed = await store.deliveries.claim({
      owner,
      now: this.lastClaimAt,
      leaseMs: this.leaseMs,
      limit,
      busyEndpoints: full.endpoints,
      busyUrls: full.urls,
    });
    this.lastClaimMs = Date.now() - this.lastClaimAt;
    const overCap: string[] = [];
    const parked: string[] = [];
    for (const delivery of claimed) {
      const key = destinationKey(delivery);
      if (delivery.endpoint && !delivery.endpoint.enabled) parked.push(delivery.id);
      else if (this.stopped || this.destinations.full(key)) overCap.push(delivery.id);
      else {
        this.ready.push({ delivery, key });
        this.destinations.queued(key);
      }
    }
    this.startReady();
    const now = Date.now();
    await store.deliveries.release(owner, overCap, now);
    await store.deliveries.release(owner, parked, now, { park: true });
    if (claimed.length < limit) {
      const due = await store.deliveries.nextDueAt();
      return { dueAt: due === null ? null : due + 1 };
    }
    return POLL;
  }

  /** Starts ready deliveries, oldest first, while slots are free and their receiver is under its cap. */
  private startReady(): void {
    if (this.stopped || this.ready.length === 0) return;
    const waiting: typeof this.ready = [];
    for (const item of this.ready) {
      if (this.sending.size < this.options.config.concurrency && this.destinations.canSend(item.key)) this.send(item.delivery, item.key);
      else waiting.push(item);
    }
    this.ready = waiting;
  }

  private send(delivery: ClaimedDelivery, key: string): void {
    const controller = new AbortController();
    this.destinations.started(key);
    const done = this.attempt(delivery, controller.signal)
      .catch((error: unknown) => this.options.logger.error({ err: error, deliveryId: delivery.id }, 'event delivery attempt failed'))
      .finally(() => {
        this.sending.delete(delivery.id);
        this.destinations.finished(key);
        this.sendLoop.notify();
      });
    this.sending.set(delivery.id, { key, controller, done });
  }

  /** Sends one delivery; its result is written in the background once the receiver answered. */
  private async attempt(delivery: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    const { config } = this.options;
    // Its endpoint was deleted after the claim: the delivery went with it.
    if (delivery.endpointId !== null && delivery.endpoint === null) return;
    let outcome: AttemptOutcome;
    try {
      const message = await this.messages.build(delivery);
      outcome = await sendWebhook(this.guard, message, { timeoutMs: config.timeoutMs, signal });
    } catch (error) {
      if (error instanceof SendAborted || signal.aborted) return;
      // Could not even build the message (e.g. a secret that no longer opens): a failed attempt, logged.
      outcome = {
        startedAt: Date.now(),
        latencyMs: 0,
        statusCode: null,
        responseExcerpt: null,
        error: `could not prepare the delivery: ${error instanceof Error ? error.message : String(error)}`,
        ok: false,
      };
    }
    const recorded = this.record(delivery, outcome).finally(() => this.recording.delete(recorded));
    this.recording.add(recorded);
  }

  private async record(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    const { store, owner, logger } = this.options;
    try {
      const result = await store.deliveries.recordAttempt(delivery.id, owner, outcome, this.policy, Date.now());
      if (result?.nextAttemptAt != null) this.wakeWhenDue(result.nextAttemptAt);
      if (result?.disabledReason)
        logger.warn({ endpointId: delivery.endpointId, reason: result.disabledReason }, 'event endpoint disabled');
    } catch (error) {
      // The lease runs out and the delivery is sent again: at least once, never lost.
      logger.error({ err: error, deliveryId: delivery.id }, 'could not record an event delivery attempt');
    }
  }

  /** Wakes the sender when a retry is due, if sooner than it planned (+1: timers may fire a millisecond early). */
  private wakeWhenDue(at: number | null): void {
    if (at !== null && !this.stopped) this.sendLoop.wakeAt(at + 1);
  }
}
