import { Loop, type Logger } from '@assay/engine';
import type { Store } from '@assay/store';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  store: Store;
  logger: Logger;
  /** Finished runs older than this many days are pruned. */
  days: number;
  /** Runs per delete transaction. */
  batch: number;
  clock?: { now(): number };
  /** Between sweeps. Default 5 minutes (the first sweep comes 10 s after start). */
  everyMs?: number;
}

/**
 * Prunes finished runs older than the retention period, in small transactions with a pause between
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

  /** One sweep: prunes batch after batch until a batch finds less than a full load. Resolves with the runs pruned. */
  sweep(): Promise<number> {
    this.sweeping ??= this.prune().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async prune(): Promise<number> {
    const { store, days, batch, logger } = this.options;
    const before = this.clock.now() - days * DAY_MS;
    let runs = 0;
    let other = 0;
    for (;;) {
      if (this.stopped) break;
      const result = await store.retention.pruneFinishedRuns({ before, limit: batch });
      runs += result.runs;
      other += result.other;
      if (result.runs < batch) break;
      await new Promise((resolve) => setImmediate(resolve)); // let the engine's writes in
    }
    if (runs + other > 0)
      logger.info({ runs, other, olderThan: new Date(before).toISOString() }, 'pruned finished runs past the retention period');
    return runs;
  }
}
