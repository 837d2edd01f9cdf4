import type { Engine, Logger } from '@assay/engine';
import type { Store } from '@assay/store';
import type { AssayConfig } from './config';
import type { FirstStart } from './process/bootstrap';
import { createLogger } from './process/logger';
import type { Retention } from './loops/retention';
import type { Scheduler, SchedulerClock } from './loops/scheduler';
import { ASSAY_VERSION } from './version';
import { startApi, type ApiRole } from './roles/api';
import { openCore } from './roles/core';
import { startWorker, type WorkerRole } from './roles/worker';

/** A running Assay: its address, its parts (for tests and tools), and how to stop it. */
export interface RunningAssay {
  /** The API's address ('' in a worker process). */
  url: string;
  port: number;
  store: Store;
  engine: Engine;
  firstStart: FirstStart | null;
  /** Fires due schedules (null in an API-only process; tests with an injected clock call its `tick()`). */
  scheduler: Scheduler | null;
  /** Prunes finished runs past ASSAY_RETENTION_DAYS and draft runs past ASSAY_DRAFT_RETENTION_HOURS (null in an API-only process). */
  retention: Retention | null;
  /** Stops accepting requests, drains the workers within the grace period, closes the database. */
  close(): Promise<void>;
}

/**
 * What this process does: `all` (`assay serve`: the API and the workers), `api` (HTTP only: runs it
 * creates are executed by worker processes) or `worker` (executes runs, fires schedules, delivers
 * events; never loads the HTTP app). Processes of every role share the work through the database.
 */
export type ProcessRole = 'all' | 'api' | 'worker';

export interface StartOptions {
  logger?: Logger;
  role?: ProcessRole;
  /** The schedules' clock (tests inject one; the engine keeps the real clock). */
  schedulerClock?: SchedulerClock;
}

/** The composition root: opens the store and engine from configuration and starts this process's roles. */
export async function startAssay(config: AssayConfig, options: StartOptions = {}): Promise<RunningAssay> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const role = options.role ?? 'all';
  const core = await openCore(config, logger);
  const worker: WorkerRole | null = role === 'api' ? null : await startWorker(core, { schedulerClock: options.schedulerClock });
  const api: ApiRole | null = role === 'worker' ? null : await startApi(core);
  // The machine-readable start line (the CLI's banner is for people): what a log pipeline keys on.
  logger.info(
    {
      url: api?.url,
      role,
      database: core.store.dialect,
      workerId: core.workerId,
      version: ASSAY_VERSION,
      node: process.version,
      pid: process.pid,
    },
    'assay is ready',
  );

  let closing: Promise<void> | null = null;
  return {
    url: api?.url ?? '',
    port: api?.port ?? 0,
    store: core.store,
    engine: core.engine,
    firstStart: core.firstStart,
    scheduler: worker?.scheduler ?? null,
    retention: worker?.retention ?? null,
    close() {
      closing ??= (async () => {
        const started = Date.now();
        logger.info({ role, workerId: core.workerId, graceMs: config.shutdownGraceMs }, 'assay is stopping');
        await api?.stop();
        await worker?.stop();
        await core.tracing?.shutdown();
        await core.store.close();
        logger.info({ role, workerId: core.workerId, durationMs: Date.now() - started }, 'assay stopped');
      })();
      return closing;
    },
  };
}
