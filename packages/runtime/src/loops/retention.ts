import { Loop, type Logger } from '@assay/engine';
import type { Store } from '@assay/store';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface RetentionOptions {
  store: Store;
  logger: Logger;
  /** Finished runs older than this many days are pruned (0: runs are kept). */
  days: number;
  /** Finished draft runs older than this many hours are pruned, whatever `days` says. */
  draftHours: number;
  /** Runs per delete transaction. */
  batch: number;
  clock?: { now(): number };
  /** Between sweeps. Default 5 minutes (the first sweep comes 10 s after start). */
  everyMs?: number;
}

/**
 * Prunes finished runs older than the retention period, and finished draft runs older than theirs, in small transactions with a pause between
 * them so the engine's writes interleave. Any number of processes may prune at once: each batch
 * deletes what is still there.
 */
export class Retention {
  private sweeping: Promise<number> | null = null;
  private stopped = false;
  private readonly clock: { now(): number };
  private readonly loop: Loop;

  constructor(private readonly options: RetentionOptions) {
    this.clock = options.clock ?? { now: () => Date.now() };
    this.loop = new Loop({
      name: 'retention',
      logger: options.logger,
      clock: this.clock,
      pollMs: options.everyMs ?? 5 * 60_000,
      firstPassAfterMs: 10_000,
      pass: async () => {
        await this.sweep().catch((error: unknown) =>
          this.options.logger.error({ err: error }, 'pruning finished runs failed; trying again at the next sweep'),
        );
        return { dueAt: null };
      },
    });
  }

  start(): void {
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
    await this.sweeping?.catch(() => undefined);
  }

  /** One sweep: prunes batch after batch until a batch finds less than a full load. Resolves with the runs pruned (drafts included). */
  sweep(): Promise<number> {
    this.sweeping ??= this.prune().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async prune(): Promise<number> {
    const { days, draftHours, logger } = this.options;
    const now = this.clock.now();
    let runs = 0;
    if (days > 0) {
      const before = now - days * DAY_MS;
      const pruned = await this.pruneAll(before, false);
      if (pruned.runs + pruned.other > 0)
        logger.info({ ...pruned, olderThan: new Date(before).toISOString() }, 'pruned finished runs past the retention period');
      runs += pruned.runs;
    }
    const before = now - draftHours * HOUR_MS;
    const drafts = await this.pruneAll(before, true);
    if (drafts.runs > 0) logger.info({ drafts: drafts.runs, olderThan: new Date(before).toISOString() }, 'pruned finished draft runs');
    return runs + drafts.runs;
  }

  /** Batch after batch until one finds less than a full load. */
  private async pruneAll(before: number, drafts: boolean): Promise<{ runs: number; other: number }> {
    const { store, batch } = this.options;
    let runs = 0;
    let other = 0;
    for (;;) {
      if (this.stopped) break;
      const result = drafts
        ? { runs: await store.retention.pruneFinishedDrafts({ before, limit: batch }), other: 0 }
        : await store.retention.pruneFinishedRuns({ before, limit: batch });
      runs += result.runs;
      other += result.other;
      if (result.runs < batch) break;
      await new Promise((resolve) => setImmediate(resolve)); // let the engine's writes in
    }
    return { runs, other };
  }
}
