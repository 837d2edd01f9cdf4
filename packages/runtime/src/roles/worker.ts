import { EvaluationService, BatchService } from '@assay/server/services';
import { EvaluationScoring } from '../loops/evaluation-scoring';
import { EventDelivery } from '../loops/event-delivery';
import { FailureHandlers } from '../loops/failure-handlers';
import { Retention } from '../loops/retention';
import { Scheduler, type SchedulerClock } from '../loops/scheduler';
import type { Core } from './core';
import { logFailedRuns } from './failed-run-log';

/** The background work of a process: executing runs, firing schedules, delivering events, starting failure handlers, pruning. */
export interface WorkerRole {
  scheduler: Scheduler;
  retention: Retention | null;
  /** Stops taking work, drains runs in flight within the grace period, hands back deliveries. */
  stop(): Promise<void>;
}

/** Starts the run workers and the background loops; loads nothing of the HTTP app. */
export async function startWorker(core: Core, options: { schedulerClock?: SchedulerClock } = {}): Promise<WorkerRole> {
  const { config, store, engine, runs, logger, secretBox, workerId, ai } = core;
  // Subscribed before the workers start: a resumed run that fails at once is logged too.
  const stopLoggingFailures = logFailedRuns(engine, store, logger);
  // The embedded SQLite file belongs to one process, so runs leased by a previous (killed) process
  // can be resumed at once rather than after their lease expires.
  if (config.workerConcurrency > 0) await engine.start({ exclusive: store.exclusive });
  // PostgreSQL: runs created, retried, released or finished by other processes wake this one's
  // workers at once; a cancel elsewhere makes them check their leases (and abort the cancelled run).
  const stopWaking = store.events.onAppendedElsewhere((types) => {
    if (types === null || [...types].some((type) => type.startsWith('run.') || type.startsWith('batch.'))) engine.notify();
    if (types === null || types.has('run.cancelled')) engine.checkLeases();
  });
  // Every worker fires schedules: the claim in the database lets exactly one create each fire's run.
  const scheduler = new Scheduler({ store, notify: () => engine.notify(), logger, clock: options.schedulerClock });
  scheduler.start();
  // Event endpoints and run callbacks: sent from the durable outbox, off the engine's path.
  const delivery =
    config.delivery.concurrency > 0
      ? new EventDelivery({
          store,
          runs,
          box: secretBox,
          logger,
          config: config.delivery,
          httpAllow: config.httpAllow,
          pollMs: config.pollMs,
          owner: workerId,
          exclusive: store.exclusive,
        })
      : null;
  await delivery?.start();
  // A workflow's onFailure workflow runs for each of its failed runs (once, whichever worker sees it).
  const failures = new FailureHandlers({ store, runs, logger, pollMs: config.pollMs });
  failures.start();
  // Evaluation rows are scored as their runs finish (claimed per row, so by any number of workers).
  const evaluations = new EvaluationService(store, new BatchService(store, engine), {
    ai: ai.resolver,
    defaultModel: ai.defaultModel,
    logger,
  });
  const scoring = new EvaluationScoring({ store, evaluations, logger, pollMs: config.pollMs });
  scoring.start();
  // Any number of processes may prune: each batch deletes what is still there.
  // Always on: draft runs are pruned after their hours even when runs are kept forever (days 0).
  const retention = new Retention({ store, logger, ...config.retention });
  retention.start();

  return {
    scheduler,
    retention,
    async stop() {
      await scheduler.stop();
      await failures.stop();
      await scoring.stop();
      await retention.stop();
      stopWaking();
      await engine.stop(config.shutdownGraceMs);
      await delivery?.stop();
      stopLoggingFailures();
    },
  };
}
