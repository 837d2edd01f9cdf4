import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { serve, type ServerType } from '@hono/node-server';
import { configureIsolates, configureLimits, Engine, type Logger } from '@assay/engine';
import { aiSettingsFromEnv, builtInSteps, createModelResolver, type AiSettings } from '@assay/steps';
import { openStore, type Store } from '@assay/store';
import { createApp } from '../app';
import type { AssayConfig } from '../config';
import { bootstrapAccess, type FirstStart } from './bootstrap';
import { createLogger } from './logger';
import { childRuns } from './child-runs';
import { seedDemo } from './demo-seed';
import { PARK_THRESHOLD_MS, storeArtifacts, storeCredentials, storeDatasets } from './engine-adapters';
import { RunService } from '../services/run-service';
import { Scheduler, type SchedulerClock } from './scheduler';
import { Retention } from './retention';
import { startTracing } from './tracing';
import { openSecretBox } from '../services/open-secret-box';
import { EventDelivery } from './event-delivery';

export const ASSAY_VERSION = '0.1.0';

/** A running Assay: its address, its parts (for tests and tools), and how to stop it. */
export interface RunningAssay {
  url: string;
  port: number;
  store: Store;
  engine: Engine;
  firstStart: FirstStart | null;
  /** Fires due schedules (tests with an injected clock call its `tick()`). */
  scheduler: Scheduler;
  /** Prunes finished runs past ASSAY_RETENTION_DAYS (null when runs are kept forever). */
  retention: Retention | null;
  /** Stops accepting requests, drains the workers within the grace period, closes the database. */
  close(): Promise<void>;
}

/**
 * What this process does: `all` (one process: the API and the workers), `api` (HTTP only: runs it
 * creates are executed by worker processes) or `worker` (executes runs, fires schedules, delivers
 * events; no HTTP). Processes of every role share the work through the database.
 */
export type ProcessRole = 'all' | 'api' | 'worker';

export interface StartOptions {
  logger?: Logger;
  role?: ProcessRole;
  /** The schedules' clock (tests inject one; the engine keeps the real clock). */
  schedulerClock?: SchedulerClock;
}

/** The composition root: builds the store, engine and HTTP app from configuration and starts them. */
export async function startAssay(config: AssayConfig, options: StartOptions = {}): Promise<RunningAssay> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const role = options.role ?? 'all';
  const works = role !== 'api';
  const tracing = startTracing(config.env, logger);
  // Process-wide, like the thread pool they govern (several in-process servers share the last values).
  configureLimits(config.limits);
  configureIsolates(config.isolates);
  const store = await openConfiguredStore(config);
  const { workspaceId, created, firstStart } = await bootstrapAccess(store, config, logger);
  const secretBox = await openSecretBox({ store, secretKey: config.secretKey, dataDir: config.dataDir, logger }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });

  const workerId = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const aiSettings = aiSettingsFromEnv(config.env);
  const engine: Engine = new Engine({
    environment: { ai: { defaultModel: defaultModel(aiSettings, config.env) } },
    tracing: tracing !== null,
    store: store.queue,
    registry: builtInSteps({
      sqliteRoot: config.sqliteRoot,
      // Scaled out (PostgreSQL), a provider's cap holds across every worker process; embedded, in this one.
      ai: store.dialect === 'postgres' ? createModelResolver(aiSettings, (provider, capacity) => ({ acquire: (signal) => store.aiSlots.acquire(provider, capacity, signal) })) : createModelResolver(aiSettings),
      httpAllow: config.httpAllow,
      children: childRuns(store, (): RunService => runs),
      datasets: storeDatasets(store),
    }),
    clock: { now: () => Date.now() },
    logger,
    workerId,
    concurrency: config.workerConcurrency,
    leaseMs: config.leaseMs,
    pollMs: config.pollMs,
    parkThresholdMs: PARK_THRESHOLD_MS,
    credentials: storeCredentials(store, secretBox),
    artifacts: storeArtifacts(store),
  });
  const runs: RunService = new RunService(store, engine);
  if (created && config.demo) await seedDemo(store, engine, workspaceId, logger);
  // The embedded SQLite file belongs to one process, so runs leased by a previous (killed) process
  // can be resumed at once rather than after their lease expires.
  if (works && config.workerConcurrency > 0) await engine.start({ exclusive: store.dialect === 'sqlite' });
  // PostgreSQL: runs created, retried, released or finished by other processes wake this one's
  // workers at once; a cancel elsewhere makes them check their leases (and abort the cancelled run).
  const stopWaking = store.events.onAppendedElsewhere((types) => {
    if (types === null || [...types].some((type) => type.startsWith('run.') || type.startsWith('batch.'))) engine.notify();
    if (types === null || types.has('run.cancelled')) engine.checkLeases();
  });

  // Every process fires schedules: the claim in the database lets exactly one create each fire's run.
  const scheduler = new Scheduler({ store, notify: () => engine.notify(), logger, clock: options.schedulerClock });
  if (works) scheduler.start();
  // Event endpoints and run callbacks: sent from the durable outbox, off the engine's path.
  const delivery = works && config.delivery.concurrency > 0 ? new EventDelivery({ store, runs, box: secretBox, logger, config: config.delivery, httpAllow: config.httpAllow, pollMs: config.pollMs, owner: workerId, exclusive: store.dialect === 'sqlite' }) : null;
  await delivery?.start();
  // Pruning runs in processes that work (any number may: each batch deletes what is still there).
  const retention = works && config.retention.days > 0 ? new Retention({ store, logger, days: config.retention.days, batch: config.retention.batch }) : null;
  retention?.start();

  let server: ServerType | null = null;
  let port = config.port;
  // Live event streams never end by themselves: shutting down ends them, so the server can close.
  const streams = new AbortController();
  if (role !== 'worker') {
    const app = createApp({ store, engine, logger, bodyLimitBytes: config.bodyLimitBytes, uploadLimitBytes: config.uploadLimitBytes, rateLimitPerSecond: config.rateLimitPerSecond, webhookRateLimitPerSecond: config.webhookRateLimitPerSecond, version: ASSAY_VERSION, publicUrl: config.publicUrl, secretBox, events: { heartbeatMs: config.sseHeartbeatMs, pollMs: config.pollMs, stop: streams.signal }, tracing: tracing !== null, httpAllow: config.httpAllow, signIn: config.signIn });
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url: server ? url : undefined, role, database: store.dialect, workerId }, 'assay is ready');

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    engine,
    firstStart,
    scheduler,
    retention,
    close() {
      closing ??= (async () => {
        streams.abort();
        await scheduler.stop();
        await retention?.stop();
        if (server) {
          const s = server;
          await closeServer(s);
        }
        stopWaking();
        await engine.stop(config.shutdownGraceMs);
        await delivery?.stop();
        await tracing?.shutdown();
        await store.close();
      })();
      return closing;
    },
  };
}

/**
 * The model the demo (and templates, as `assay.ai.defaultModel`) use: ASSAY_AI_DEFAULT_MODEL, else a
 * small model of the first configured provider, else null (AI branches are skipped).
 */
function defaultModel(settings: AiSettings, env: Record<string, string | undefined>): string | null {
  if (env.ASSAY_AI_DEFAULT_MODEL) return env.ASSAY_AI_DEFAULT_MODEL;
  if (settings.openai) return 'openai:gpt-4o-mini';
  if (settings.anthropic) return 'anthropic:claude-3-5-haiku-latest';
  return null;
}

/** The store DATABASE_URL names: PostgreSQL, or (default) the SQLite file in the data directory. */
async function openConfiguredStore(config: AssayConfig): Promise<Store> {
  const { database } = config;
  const limits = { perWorkspace: config.workspaceConcurrency };
  if (database.kind === 'postgres') return openStore({ postgresUrl: database.url, poolSize: config.databasePoolSize, limits });
  if (database.file !== ':memory:') mkdirSync(path.dirname(database.file), { recursive: true });
  return openStore({ sqliteFile: database.file, synchronous: database.synchronous, limits });
}

/**
 * Stops accepting connections and waits for open requests to finish. Keep-alive connections that
 * go idle as their last request ends (a live stream ended by the shutdown) are closed as they do,
 * rather than after the keep-alive timeout.
 */
function closeServer(server: ServerType): Promise<void> {
  const http = server as ServerType & { closeIdleConnections?: () => void };
  return new Promise<void>((resolve) => {
    const sweep = setInterval(() => http.closeIdleConnections?.(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
